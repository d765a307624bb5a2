//! VCD API version numbers: parsing, numeric ordering and the release that introduced each.

use std::cmp::Ordering;
use std::fmt;
use std::str::FromStr;

/// An API version such as `38.0`, `36.10` or `38.0.0-alpha`.
///
/// Versions compare numerically part by part (`9.0` < `36.0` < `36.10`), never as strings; a
/// pre-release suffix sorts before the same number without one.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct ApiVersion {
    parts: Vec<u32>,
    pre: Option<String>,
    text: String,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("'{0}' is not an API version: expected numbers separated by dots, like 38.0")]
pub struct BadApiVersion(pub String);

impl FromStr for ApiVersion {
    type Err = BadApiVersion;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let text = s.trim();
        let (number, pre) = match text.split_once('-') {
            Some((n, p)) => (n, Some(p.to_string())),
            None => (text, None),
        };
        let parts = number
            .split('.')
            .map(|p| p.parse::<u32>())
            .collect::<Result<Vec<_>, _>>()
            .map_err(|_| BadApiVersion(text.to_string()))?;
        if parts.is_empty() {
            return Err(BadApiVersion(text.to_string()));
        }
        Ok(ApiVersion {
            parts,
            pre,
            text: text.to_string(),
        })
    }
}

impl ApiVersion {
    /// The version as VCD wrote it.
    pub fn as_str(&self) -> &str {
        &self.text
    }

    /// True for pre-release versions (`38.0.0-alpha`), which a client never picks by itself.
    pub fn is_prerelease(&self) -> bool {
        self.pre.is_some()
    }

    fn part(&self, i: usize) -> u32 {
        self.parts.get(i).copied().unwrap_or(0)
    }

    /// The VCD release that introduced this API version, when it is a known one.
    pub fn release_name(&self) -> Option<&'static str> {
        crate::releases::API_RELEASE_NAMES
            .iter()
            .find(|(api, _)| {
                api.parse::<ApiVersion>()
                    .map(|v| v.cmp_numbers(self) == Ordering::Equal)
                    .unwrap_or(false)
            })
            .map(|(_, name)| *name)
    }

    fn cmp_numbers(&self, other: &Self) -> Ordering {
        let n = self.parts.len().max(other.parts.len());
        (0..n)
            .map(|i| self.part(i).cmp(&other.part(i)))
            .find(|o| *o != Ordering::Equal)
            .unwrap_or(Ordering::Equal)
    }

    /// True from this version on VCD knows `feature_version` (e.g. API tokens need 36.1).
    pub fn at_least(&self, other: &str) -> bool {
        match other.parse::<ApiVersion>() {
            Ok(o) => self.cmp_numbers(&o) != Ordering::Less,
            Err(_) => false,
        }
    }
}

impl Ord for ApiVersion {
    fn cmp(&self, other: &Self) -> Ordering {
        self.cmp_numbers(other)
            .then_with(|| match (&self.pre, &other.pre) {
                (None, None) => Ordering::Equal,
                (Some(_), None) => Ordering::Less,
                (None, Some(_)) => Ordering::Greater,
                (Some(a), Some(b)) => a.cmp(b),
            })
    }
}

impl PartialOrd for ApiVersion {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl fmt::Display for ApiVersion {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.text)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn v(s: &str) -> ApiVersion {
        s.parse().unwrap()
    }

    #[test]
    fn orders_numerically_not_as_strings() {
        assert!(v("9.0") < v("36.0"));
        assert!(v("36.0") < v("36.10"));
        assert!(v("36.2") < v("36.10"));
        assert!(v("5.5") < v("20.0"));
        assert!(v("38.0.0-alpha") < v("38.0"));
        assert_eq!(v("38").cmp(&v("38.0")), Ordering::Equal);
    }

    #[test]
    fn rejects_garbage() {
        assert!("abc".parse::<ApiVersion>().is_err());
        assert!("".parse::<ApiVersion>().is_err());
        assert!("38..0".parse::<ApiVersion>().is_err());
    }

    #[test]
    fn names_releases() {
        assert_eq!(v("38.0").release_name(), Some("10.5"));
        assert_eq!(v("36.1").release_name(), Some("10.3.1"));
        assert_eq!(v("37").release_name(), Some("10.4"));
        assert_eq!(v("20.0").release_name(), None);
    }
}
