//! The day an assessment was made: a calendar date without a time, read from TOML or the
//! command line as `YYYY-MM-DD`, and compared by counting days. No clock is read except by
//! [`Date::today`].

use std::fmt;

/// A calendar date (the day an assessment was made).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Date {
    /// Year, e.g. 2026.
    pub year: i32,
    /// Month, 1–12.
    pub month: u8,
    /// Day of the month, 1–31.
    pub day: u8,
}

impl Date {
    /// Days since 1970-01-01 (negative before), for comparing dates.
    pub fn days_since_epoch(self) -> i64 {
        // Howard Hinnant's days_from_civil.
        let y = i64::from(self.year) - i64::from(self.month <= 2);
        let era = y.div_euclid(400);
        let yoe = y - era * 400;
        let m = i64::from(self.month);
        let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + i64::from(self.day) - 1;
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        era * 146_097 + doe - 719_468
    }
}

impl Date {
    /// The date `days` after 1970-01-01.
    pub fn from_days_since_epoch(days: i64) -> Self {
        // Howard Hinnant's civil_from_days.
        let z = days + 719_468;
        let era = z.div_euclid(146_097);
        let doe = z - era * 146_097;
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let day = (doy - (153 * mp + 2) / 5 + 1) as u8;
        let month = if mp < 10 { mp + 3 } else { mp - 9 } as u8;
        let year = (yoe + era * 400 + i64::from(month <= 2)) as i32;
        Date { year, month, day }
    }

    /// Today, by the system clock (UTC).
    pub fn today() -> Self {
        let seconds = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.as_secs());
        Self::from_days_since_epoch((seconds / 86_400) as i64)
    }
}

impl std::str::FromStr for Date {
    type Err = String;

    /// Parses `YYYY-MM-DD`.
    fn from_str(text: &str) -> Result<Self, Self::Err> {
        let invalid = || format!("`{text}` is not a date: write it as YYYY-MM-DD, e.g. 2026-10-14");
        match text.trim().parse::<toml::value::Datetime>() {
            Ok(toml::value::Datetime {
                date: Some(d),
                time: None,
                offset: None,
            }) => Ok(Date {
                year: i32::from(d.year),
                month: d.month,
                day: d.day,
            }),
            _ => Err(invalid()),
        }
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn days_since_epoch_matches_known_dates() {
        let d = |year, month, day| Date { year, month, day }.days_since_epoch();
        assert_eq!(d(1970, 1, 1), 0);
        assert_eq!(d(2000, 3, 1), 11_017);
        assert_eq!(d(2026, 11, 22) - d(2025, 11, 22), 365);
        assert_eq!(d(2024, 3, 1) - d(2024, 2, 28), 2);
    }

    #[test]
    fn dates_convert_both_ways_and_parse() {
        for days in [-1, 0, 11_017, 20_415, 60_000] {
            assert_eq!(Date::from_days_since_epoch(days).days_since_epoch(), days);
        }
        assert_eq!(
            "2026-02-28".parse(),
            Ok(Date {
                year: 2026,
                month: 2,
                day: 28
            })
        );
        assert!("2026-02-30".parse::<Date>().is_err());
        assert!("28/02/2026".parse::<Date>().is_err());
    }
}
