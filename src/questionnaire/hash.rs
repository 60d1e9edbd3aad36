//! The one hash copro stores or shows the results of.
//!
//! The order options are shown in is drawn from it, and so is the fingerprint written into
//! every assessment file: a change here would renumber every scripted answer and make every
//! stored assessment look stale. It must therefore give the same value on every platform and
//! Rust version, which `std`'s hashers do not promise. It is not for security.

/// FNV-1a, 64 bits: small, and stable across platforms and Rust versions.
pub(super) fn fnv1a(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |hash, &b| {
        (hash ^ u64::from(b)).wrapping_mul(0x0000_0100_0000_01b3)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fnv1a_gives_the_published_values() {
        // Test vectors from the FNV reference.
        assert_eq!(fnv1a(b""), 0xcbf2_9ce4_8422_2325);
        assert_eq!(fnv1a(b"a"), 0xaf63_dc4c_8601_ec8c);
        assert_eq!(fnv1a(b"foobar"), 0x8594_4171_f739_67e8);
    }
}
