//! Unguessable tokens: the room's code, the trainer's key, each participant's key and the
//! key of their forms.
//!
//! Tokens are drawn from the operating system's random source and written in Crockford's
//! base 32 (digits and capital letters without I, L, O and U), so that a code read off a
//! projector can be typed on a phone without mixing up 0 and O. A token that comes back in
//! a request is only ever compared ([`same`]) or looked up; it never becomes a path.

use anyhow::Context;

/// The 32 symbols a token is written in.
const ALPHABET: &[u8; 32] = b"0123456789ABCDEFGHJKMNPQRSTVWXYZ";

/// How many symbols the room's code has: 80 bits, typed as four groups of four.
pub const ROOM: usize = 16;

/// How many symbols a key has (participant, trainer, form): 130 bits.
pub const KEY: usize = 26;

/// A new random token of `len` symbols.
pub fn new(len: usize) -> anyhow::Result<String> {
    let mut bytes = vec![0u8; len];
    getrandom::fill(&mut bytes)
        .map_err(|e| anyhow::anyhow!("{e}"))
        .context("cannot draw a random token from the operating system")?;
    Ok(bytes
        .iter()
        .map(|b| char::from(ALPHABET[usize::from(b % 32)]))
        .collect())
}

/// True when `text` could be a token of `len` symbols: nothing else is looked up.
pub fn well_formed(text: &str, len: usize) -> bool {
    text.len() == len && text.bytes().all(|b| ALPHABET.contains(&b))
}

/// The room's code as typed by a person: spaces and hyphens dropped, lower case raised, and
/// the letters people confuse with digits read as those digits.
pub fn typed(code: &str) -> String {
    code.chars()
        .filter(|c| !c.is_whitespace() && *c != '-')
        .map(|c| match c.to_ascii_uppercase() {
            'O' => '0',
            'I' | 'L' => '1',
            c => c,
        })
        .take(ROOM + 1)
        .collect()
}

/// The room's code for people: `KDF7-29XM-QPRT-4HZN`.
pub fn grouped(code: &str) -> String {
    code.as_bytes()
        .chunks(4)
        .map(|c| String::from_utf8_lossy(c).into_owned())
        .collect::<Vec<_>>()
        .join("-")
}

/// Compares two tokens in a time that does not depend on where they differ.
pub fn same(a: &str, b: &str) -> bool {
    a.len() == b.len()
        && a.bytes()
            .zip(b.bytes())
            .fold(0u8, |diff, (x, y)| diff | (x ^ y))
            == 0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_are_random_and_typeable() {
        let a = new(ROOM).expect("random");
        let b = new(ROOM).expect("random");
        assert_ne!(a, b);
        assert!(well_formed(&a, ROOM));
        assert!(!well_formed("../../etc/passwd", ROOM));
        assert_eq!(typed(&grouped(&a).to_lowercase()), a);
        assert_eq!(typed("0o1l-"), "0011");
        assert!(same(&a, &a.clone()));
        assert!(!same(&a, &b));
        assert!(!same(&a, &a[1..]));
    }
}
