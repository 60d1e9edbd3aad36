//! The room's address as a QR code: blocks of text for the trainer's terminal, and SVG for
//! the trainer's page on the projector.
//!
//! Both are drawn from the address copro makes itself (never from a participant's text);
//! this module only returns them.

use qrcode::render::{svg, unicode};
use qrcode::{EcLevel, QrCode};

fn code(address: &str) -> Option<QrCode> {
    QrCode::with_error_correction_level(address.as_bytes(), EcLevel::M).ok()
}

/// The code as lines of half-block characters, light on dark as most terminals are; `None`
/// when the address is too long for a QR code.
pub fn terminal(address: &str) -> Option<String> {
    let code = code(address)?;
    Some(
        code.render::<unicode::Dense1x2>()
            .dark_color(unicode::Dense1x2::Light)
            .light_color(unicode::Dense1x2::Dark)
            .quiet_zone(true)
            .build(),
    )
}

/// The code as an SVG picture, dark on light.
pub fn svg(address: &str) -> Option<String> {
    let code = code(address)?;
    Some(
        code.render::<svg::Color>()
            .min_dimensions(240, 240)
            .dark_color(svg::Color("#000000"))
            .light_color(svg::Color("#ffffff"))
            .build(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_address_makes_both_pictures() {
        let address = "http://192.168.1.20:8765/r/0123456789ABCDEF";
        let text = terminal(address).expect("fits");
        assert!(text.lines().count() > 10);
        assert!(text.contains('\u{2588}') || text.contains('\u{2580}'));
        assert!(svg(address).expect("fits").contains("<svg"));
    }
}
