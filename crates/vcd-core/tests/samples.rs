//! The real payloads in shared/vcd-samples/ read by vcd-core's parsers.

mod common;

use common::{sample, samples_dir};
use vcd_core::{parse_versions, VcdError};

#[test]
fn every_versions_sample_parses() {
    let mut seen = 0;
    for entry in std::fs::read_dir(samples_dir()).expect("shared/vcd-samples is beside the project")
    {
        let path = entry.unwrap().path();
        let name = path.file_name().unwrap().to_string_lossy().to_string();
        if !(name.starts_with("versions") && name.ends_with(".xml")) {
            continue;
        }
        seen += 1;
        let list = parse_versions(&std::fs::read(&path).unwrap())
            .unwrap_or_else(|e| panic!("{name}: {e:?}"));
        assert!(!list.versions.is_empty(), "{name}");
        let numbers: Vec<vcd_core::ApiVersion> = list
            .versions
            .iter()
            .map(|v| v.version.parse().unwrap())
            .collect();
        assert!(
            numbers.windows(2).all(|w| w[0] > w[1]),
            "{name}: newest first"
        );
        let default = list.default_entry().expect("an active version");
        assert!(!default.deprecated, "{name}");
        assert!(
            list.versions.iter().all(|v| v.deprecated
                || v.version.parse::<vcd_core::ApiVersion>().unwrap()
                    <= default.version.parse().unwrap()),
            "{name}: the default is the highest active version"
        );
    }
    assert!(seen >= 1, "no versions*.xml in {}", samples_dir().display());
}

#[test]
fn the_vcd_10_4_capture_reads_as_vcd_10_4() {
    let list = parse_versions(&sample("versions-vcd10.4-api37.xml")).unwrap();
    assert_eq!(list.default.as_deref(), Some("37.0"));
    assert_eq!(list.versions.len(), 19, "20.0 to 37.0 and 5.5");
    assert_eq!(list.versions.first().unwrap().version, "37.0");
    assert_eq!(list.versions.last().unwrap().version, "5.5");
    let v37 = list.find("37.0").unwrap();
    assert_eq!(v37.release.as_deref(), Some("10.4"));
    assert_eq!(
        v37.login_url,
        "https://192.168.1.109/cloudapi/1.0.0/sessions"
    );
    assert_eq!(
        v37.provider_login_url.as_deref(),
        Some("https://192.168.1.109/cloudapi/1.0.0/sessions/provider")
    );
    assert_eq!(v37.accept_header, "application/*+xml;version=37.0");
    let v35 = list.find("35.0").unwrap();
    assert_eq!(v35.login_url, "https://192.168.1.109/api/sessions");
    assert_eq!(v35.provider_login_url, None);
    let deprecated: Vec<&str> = list
        .versions
        .iter()
        .filter(|v| v.deprecated)
        .map(|v| v.version.as_str())
        .collect();
    assert_eq!(
        deprecated,
        ["29.0", "26.0", "25.0", "24.0", "23.0", "22.0", "21.0", "20.0", "5.5"]
    );
}

#[test]
fn the_captured_403_reads_with_its_ns0_prefix() {
    let err = VcdError::parse(&sample("error-403-access-forbidden.xml")).unwrap();
    assert_eq!(err.major.as_deref(), Some("403"));
    assert_eq!(
        err.minor.as_deref(),
        Some("ACCESS_TO_RESOURCE_IS_FORBIDDEN")
    );
    assert!(err
        .message
        .starts_with("No access to entity \"(com.vmware.vcloud.entity.vapp:"));
}

#[test]
fn the_captured_cloudapi_401_reads() {
    let err = VcdError::parse(&sample("error-401-cloudapi-not-authenticated.json")).unwrap();
    assert_eq!(err.minor.as_deref(), Some("NOT_AUTHENTICATED"));
    assert!(err.message.ends_with("This operation is denied."));
}
