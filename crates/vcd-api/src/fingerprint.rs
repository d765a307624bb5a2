//! SHA-256 certificate fingerprints, as users see and paste them (`AB:CD:...`).

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use std::fmt;
use std::str::FromStr;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Fingerprint([u8; 32]);

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error(
    "'{0}' is not a SHA-256 fingerprint: expected 64 hexadecimal digits, with or without colons \
     (as printed by `vcdw sim --tls` or shown when a certificate is not trusted)"
)]
pub struct BadFingerprint(pub String);

impl Fingerprint {
    /// The fingerprint of a DER-encoded certificate.
    pub fn of_der(der: &[u8]) -> Fingerprint {
        Fingerprint(Sha256::digest(der).into())
    }
}

impl FromStr for Fingerprint {
    type Err = BadFingerprint;

    /// Accepts any case, with or without `:` (or spaces) between the bytes, and an optional
    /// `sha256:` / `SHA256=` prefix as other tools print it.
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let bad = || BadFingerprint(s.trim().to_string());
        let trimmed = s.trim();
        let lower = trimmed.to_ascii_lowercase();
        let body = lower
            .strip_prefix("sha256:")
            .or_else(|| lower.strip_prefix("sha256="))
            .or_else(|| lower.strip_prefix("sha256 fingerprint="))
            .unwrap_or(&lower);
        let hex: String = body
            .chars()
            .filter(|c| !matches!(c, ':' | ' ' | '-'))
            .collect();
        if hex.len() != 64 || !hex.chars().all(|c| c.is_ascii_hexdigit()) {
            return Err(bad());
        }
        let mut out = [0u8; 32];
        for (i, byte) in out.iter_mut().enumerate() {
            *byte = u8::from_str_radix(&hex[2 * i..2 * i + 2], 16).map_err(|_| bad())?;
        }
        Ok(Fingerprint(out))
    }
}

impl fmt::Display for Fingerprint {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let text: Vec<String> = self.0.iter().map(|b| format!("{b:02X}")).collect();
        f.write_str(&text.join(":"))
    }
}

/// Profiles store a pin as the text users see.
impl Serialize for Fingerprint {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.to_string())
    }
}

impl<'de> Deserialize<'de> for Fingerprint {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let text = String::deserialize(d)?;
        text.parse().map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips_in_every_spelling() {
        let fp = Fingerprint::of_der(b"certificate");
        let shown = fp.to_string();
        assert_eq!(shown.len(), 95);
        assert_eq!(shown.parse::<Fingerprint>().unwrap(), fp);
        assert_eq!(shown.to_lowercase().parse::<Fingerprint>().unwrap(), fp);
        assert_eq!(shown.replace(':', "").parse::<Fingerprint>().unwrap(), fp);
        assert_eq!(
            format!("SHA256:{shown}").parse::<Fingerprint>().unwrap(),
            fp
        );
    }

    #[test]
    fn rejects_wrong_lengths_and_letters() {
        assert!("AB:CD".parse::<Fingerprint>().is_err());
        assert!("zz".repeat(32).parse::<Fingerprint>().is_err());
        let err = "nope".parse::<Fingerprint>().unwrap_err();
        assert!(err.to_string().contains("64 hexadecimal digits"));
    }
}
