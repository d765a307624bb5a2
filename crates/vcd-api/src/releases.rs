//! The one table of VCD releases: which API version each release introduced, and which versions a
//! simulated release offers. The client uses it for release names; vcd-sim serves it.

use crate::version::ApiVersion;

/// API version → the VCD release that introduced it (VCD-API.md, "API version ↔ VCD release").
pub const API_RELEASE_NAMES: &[(&str, &str)] = &[
    ("29.0", "9.0"),
    ("30.0", "9.1"),
    ("31.0", "9.5"),
    ("32.0", "9.7"),
    ("33.0", "10.0"),
    ("34.0", "10.1"),
    ("35.0", "10.2"),
    ("36.0", "10.3"),
    ("36.1", "10.3.1"),
    ("36.2", "10.3.2"),
    ("36.3", "10.3.3"),
    ("37.0", "10.4"),
    ("37.1", "10.4.1"),
    ("37.2", "10.4.2"),
    ("38.0", "10.5"),
    ("38.1", "10.5.1"),
    ("39.0", "10.6"),
    ("40.0", "VCF Automation 9"),
];

/// A VCD release the simulator can pretend to be.
///
/// Only the 10.4 row is copied from a real `/api/versions` capture
/// (`vcd-samples/versions-vcd10.4-api37.xml`: 20.0–26.0 and 29.0 deprecated, 5.5 deprecated and last).
/// The other rows follow the same pattern with the release's own maximum; which old versions they
/// deprecate is modelled, not captured.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct VcdRelease {
    pub name: &'static str,
    /// The highest API version the release serves.
    pub max_api: &'static str,
    /// Versions below this one are served with `deprecated="true"`.
    pub oldest_active: &'static str,
    /// Versions deprecated although newer than `oldest_active`.
    pub also_deprecated: &'static [&'static str],
    /// Point versions served besides the whole numbers 20.0 ..= max.
    pub point_versions: &'static [&'static str],
}

pub const SIMULATED_RELEASES: &[VcdRelease] = &[
    VcdRelease {
        name: "10.1",
        max_api: "34.0",
        oldest_active: "27.0",
        also_deprecated: &[],
        point_versions: &[],
    },
    VcdRelease {
        name: "10.2",
        max_api: "35.0",
        oldest_active: "27.0",
        also_deprecated: &["29.0"],
        point_versions: &[],
    },
    VcdRelease {
        name: "10.3",
        max_api: "36.0",
        oldest_active: "27.0",
        also_deprecated: &["29.0"],
        point_versions: &[],
    },
    VcdRelease {
        name: "10.3.1",
        max_api: "36.1",
        oldest_active: "27.0",
        also_deprecated: &["29.0"],
        point_versions: &["36.1"],
    },
    VcdRelease {
        name: "10.4",
        max_api: "37.0",
        oldest_active: "27.0",
        also_deprecated: &["29.0"],
        point_versions: &[],
    },
    VcdRelease {
        name: "10.5",
        max_api: "38.0",
        oldest_active: "32.0",
        also_deprecated: &[],
        point_versions: &["37.1", "37.2"],
    },
    VcdRelease {
        name: "10.6",
        max_api: "39.0",
        oldest_active: "34.0",
        also_deprecated: &[],
        point_versions: &["37.1", "37.2", "38.1"],
    },
];

/// The release the simulator is by default: VCD 10.5, API 38.0.
pub const DEFAULT_RELEASE: &str = "10.5";

/// The old version every release still lists last, deprecated: its entry in `/api/versions`
/// carries the `MediaTypeMapping` list (media type, complex type, schema file).
pub const SCHEMA_LIST_VERSION: &str = "5.5";

/// One `VersionInfo` a release serves.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ServedVersion {
    pub version: ApiVersion,
    pub deprecated: bool,
    /// The login path for this version (`/api/sessions` or `/cloudapi/1.0.0/sessions`).
    pub login_path: &'static str,
    /// The provider login path, served from API 36.0 on.
    pub provider_login_path: Option<&'static str>,
}

impl VcdRelease {
    pub fn find(name: &str) -> Option<&'static VcdRelease> {
        SIMULATED_RELEASES.iter().find(|r| r.name == name.trim())
    }

    /// The release names, for help texts and error messages.
    pub fn names() -> Vec<&'static str> {
        SIMULATED_RELEASES.iter().map(|r| r.name).collect()
    }

    fn version(text: &str) -> ApiVersion {
        // Only ever called with the static table above, which `every_release_row_parses` checks.
        text.parse()
            .expect("the release table holds valid API versions")
    }

    pub fn max_version(&self) -> ApiVersion {
        Self::version(self.max_api)
    }

    /// API tokens exist from VCD 10.3.1 (API 36.1).
    pub fn has_api_tokens(&self) -> bool {
        self.max_version().at_least(crate::API_TOKEN_MIN_VERSION)
    }

    /// CloudAPI session login exists from API 36.0 on in `/api/versions` LoginUrls.
    pub fn has_cloudapi_login(&self) -> bool {
        self.max_version().at_least("36.0")
    }

    /// The `VersionInfo` entries in the order a real VCD lists them: whole numbers from 20.0 up with
    /// point versions in place, and 5.5 last.
    pub fn served_versions(&self) -> Vec<ServedVersion> {
        let max = self.max_version();
        let oldest_active = Self::version(self.oldest_active);
        let max_major = max.as_str().split('.').next().unwrap_or("20");
        let max_major: u32 = max_major.parse().unwrap_or(20);
        let mut versions: Vec<ApiVersion> = (20..=max_major)
            .map(|m| Self::version(&format!("{m}.0")))
            .chain(self.point_versions.iter().map(|p| Self::version(p)))
            .filter(|v| *v <= max)
            .collect();
        versions.sort();
        versions.dedup();
        versions.push(Self::version(SCHEMA_LIST_VERSION));
        versions
            .into_iter()
            .map(|version| {
                let deprecated =
                    version < oldest_active || self.also_deprecated.contains(&version.as_str());
                let cloudapi = version.at_least("36.0");
                ServedVersion {
                    deprecated,
                    login_path: if cloudapi {
                        crate::CLOUDAPI_LOGIN_PATH
                    } else {
                        crate::LEGACY_LOGIN_PATH
                    },
                    provider_login_path: cloudapi.then_some(crate::CLOUDAPI_PROVIDER_LOGIN_PATH),
                    version,
                }
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_release_row_parses() {
        for r in SIMULATED_RELEASES {
            assert!(r.max_api.parse::<ApiVersion>().is_ok(), "{}", r.name);
            assert!(r.oldest_active.parse::<ApiVersion>().is_ok(), "{}", r.name);
            for p in r.point_versions.iter().chain(r.also_deprecated) {
                assert!(p.parse::<ApiVersion>().is_ok(), "{} {p}", r.name);
            }
        }
        for (api, _) in API_RELEASE_NAMES {
            assert!(api.parse::<ApiVersion>().is_ok(), "{api}");
        }
    }

    #[test]
    fn release_10_4_matches_the_real_capture() {
        let served = VcdRelease::find("10.4").unwrap().served_versions();
        let listed: Vec<(String, bool)> = served
            .iter()
            .map(|s| (s.version.to_string(), s.deprecated))
            .collect();
        let mut expected: Vec<(String, bool)> = (20..=37)
            .map(|m| (format!("{m}.0"), m < 27 || m == 29))
            .collect();
        expected.push(("5.5".into(), true));
        assert_eq!(listed, expected);
        let v36 = served
            .iter()
            .find(|s| s.version.as_str() == "36.0")
            .unwrap();
        assert_eq!(v36.login_path, "/cloudapi/1.0.0/sessions");
        assert_eq!(
            v36.provider_login_path,
            Some("/cloudapi/1.0.0/sessions/provider")
        );
        let v35 = served
            .iter()
            .find(|s| s.version.as_str() == "35.0")
            .unwrap();
        assert_eq!(v35.login_path, "/api/sessions");
        assert_eq!(v35.provider_login_path, None);
    }

    #[test]
    fn each_release_tops_out_at_its_own_api_version() {
        for r in SIMULATED_RELEASES {
            let top = r
                .served_versions()
                .into_iter()
                .filter(|s| !s.deprecated)
                .map(|s| s.version)
                .max()
                .unwrap();
            assert_eq!(top.as_str(), r.max_api, "release {}", r.name);
        }
        assert!(!VcdRelease::find("10.1").unwrap().has_cloudapi_login());
        assert!(!VcdRelease::find("10.3").unwrap().has_api_tokens());
        assert!(VcdRelease::find("10.3.1").unwrap().has_api_tokens());
    }
}
