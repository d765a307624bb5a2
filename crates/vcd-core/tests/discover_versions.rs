//! Version discovery over real loopback HTTP(S) against vcd-sim and against misbehaving servers.

mod common;

use common::{http_response, raw_server};
use std::time::Duration;
use vcd_core::{discover_versions, CoreError, ErrorKind, Fingerprint, HttpOptions, TlsTrust};
use vcd_sim::SimOptions;
use vcd_sim::SIMULATED_RELEASES;

fn options(trust: TlsTrust) -> HttpOptions {
    HttpOptions {
        trust,
        timeout: Duration::from_secs(10),
        proxy: None,
        body_limits: Default::default(),
    }
}

fn pinned(sim: &vcd_sim::RunningSim) -> HttpOptions {
    options(TlsTrust::Pinned {
        sha256: sim
            .fingerprint()
            .expect("an HTTPS simulator has a fingerprint"),
    })
}

#[tokio::test]
async fn every_simulated_release_over_http_and_pinned_https() {
    for release in SIMULATED_RELEASES {
        for tls in [false, true] {
            let sim = vcd_sim::start(SimOptions::for_release(release.name).unwrap().with_tls(tls))
                .await
                .unwrap();
            let opts = if tls {
                pinned(&sim)
            } else {
                options(TlsTrust::System)
            };
            let list = discover_versions(sim.url(), &opts)
                .await
                .unwrap_or_else(|e| panic!("release {} tls={tls}: {e}", release.name));
            let what = format!("release {} tls={tls}", release.name);
            assert_eq!(list.default.as_deref(), Some(release.max_api), "{what}");
            let served = release.served_versions();
            assert_eq!(list.versions.len(), served.len(), "{what}");
            for s in &served {
                let got = list
                    .find(s.version.as_str())
                    .unwrap_or_else(|| panic!("{what}: {} missing", s.version));
                assert_eq!(got.deprecated, s.deprecated, "{what} {}", s.version);
                assert_eq!(
                    got.login_url,
                    format!("{}{}", sim.url(), s.login_path),
                    "{what}"
                );
                assert_eq!(
                    got.provider_login_url,
                    s.provider_login_path.map(|p| format!("{}{p}", sim.url())),
                    "{what}"
                );
            }
            let default = list.default_entry().unwrap();
            assert_eq!(default.release.as_deref(), Some(release.name), "{what}");
            assert_eq!(
                default.accept_header,
                format!("application/*+xml;version={}", release.max_api)
            );
            sim.stop().await;
        }
    }
}

#[tokio::test]
async fn an_untrusted_certificate_is_refused_with_its_fingerprint() {
    let sim = vcd_sim::start(SimOptions::default().with_tls(true))
        .await
        .unwrap();
    let err = discover_versions(sim.url(), &options(TlsTrust::System))
        .await
        .unwrap_err();
    match &err {
        CoreError::UntrustedCertificate {
            fingerprint,
            reason,
            ..
        } => {
            assert_eq!(
                fingerprint.parse::<Fingerprint>().unwrap(),
                sim.fingerprint().unwrap()
            );
            assert!(
                reason.contains("not signed by a certificate authority"),
                "{reason}"
            );
        }
        other => panic!("expected an untrusted certificate, got {other:?}"),
    }
    let report = err.report();
    assert_eq!(report.kind, ErrorKind::UntrustedCertificate);
    assert_eq!(
        report.fingerprint,
        Some(sim.fingerprint().unwrap().to_string())
    );
    assert!(report.message.contains("pin it"));
    sim.stop().await;
}

#[tokio::test]
async fn a_pin_of_another_certificate_is_refused() {
    let sim = vcd_sim::start(SimOptions::default().with_tls(true))
        .await
        .unwrap();
    let other = Fingerprint::of_der(b"some other certificate");
    let err = discover_versions(sim.url(), &options(TlsTrust::Pinned { sha256: other }))
        .await
        .unwrap_err();
    match err {
        CoreError::UntrustedCertificate {
            fingerprint,
            reason,
            ..
        } => {
            assert_eq!(fingerprint, sim.fingerprint().unwrap().to_string());
            assert!(reason.contains("does not match the pinned one"), "{reason}");
        }
        other => panic!("expected a pin mismatch, got {other:?}"),
    }
    sim.stop().await;
}

#[tokio::test]
async fn a_ca_file_holding_the_certificate_is_trusted() {
    let sim = vcd_sim::start(SimOptions::default().with_tls(true))
        .await
        .unwrap();
    let dir = std::env::temp_dir().join(format!("vcd-core-ca-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let ca = dir.join("sim-ca.pem");
    std::fs::write(&ca, sim.certificate_pem().unwrap()).unwrap();
    let list = discover_versions(sim.url(), &options(TlsTrust::CaFile { path: ca.clone() }))
        .await
        .unwrap();
    assert_eq!(list.default.as_deref(), Some("38.0"));

    let junk = dir.join("junk.pem");
    std::fs::write(&junk, "not a certificate").unwrap();
    let err = discover_versions(sim.url(), &options(TlsTrust::CaFile { path: junk }))
        .await
        .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::CaFile);
    assert!(
        err.to_string().contains("holds no PEM certificate"),
        "{err}"
    );
    std::fs::remove_dir_all(&dir).unwrap();
    sim.stop().await;
}

#[tokio::test]
async fn a_server_that_is_down_is_reported_as_refused() {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let url = format!("http://{}", listener.local_addr().unwrap());
    drop(listener);
    let err = discover_versions(&url, &options(TlsTrust::System))
        .await
        .unwrap_err();
    assert!(
        matches!(err, CoreError::ConnectionRefused { .. }),
        "{err:?}"
    );
    assert!(err.to_string().contains("connection was refused"));
}

#[tokio::test]
async fn a_stopped_simulator_is_reported_as_refused() {
    let sim = vcd_sim::start(SimOptions::default()).await.unwrap();
    let url = sim.url().to_string();
    sim.stop().await;
    let err = discover_versions(&url, &options(TlsTrust::System))
        .await
        .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::ConnectionRefused, "{err:?}");
}

#[tokio::test]
async fn a_server_that_never_answers_times_out() {
    let server = raw_server(None).await;
    let opts = HttpOptions {
        trust: TlsTrust::System,
        timeout: Duration::from_secs(1),
        proxy: None,
        body_limits: Default::default(),
    };
    let err = discover_versions(&server.url, &opts).await.unwrap_err();
    assert!(
        matches!(err, CoreError::Timeout { seconds: 1, .. }),
        "{err:?}"
    );
}

#[tokio::test]
async fn a_web_page_is_not_taken_for_the_api() {
    let page =
        "<!DOCTYPE html><html><head><title>Cloud Portal</title></head><body>Sign in</body></html>";
    let server = raw_server(Some(http_response(
        "200 OK",
        "text/html; charset=utf-8",
        page,
    )))
    .await;
    let err = discover_versions(&server.url, &options(TlsTrust::System))
        .await
        .unwrap_err();
    assert!(matches!(err, CoreError::HtmlInsteadOfApi { .. }), "{err:?}");
    // Also when the proxy labels its page as XML.
    let server = raw_server(Some(http_response("200 OK", "application/xml", page))).await;
    let err = discover_versions(&server.url, &options(TlsTrust::System))
        .await
        .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::HtmlInsteadOfApi);
}

#[tokio::test]
async fn json_and_foreign_xml_are_not_version_lists() {
    let server = raw_server(Some(http_response(
        "200 OK",
        "application/json",
        "{\"hello\":1}",
    )))
    .await;
    let err = discover_versions(&server.url, &options(TlsTrust::System))
        .await
        .unwrap_err();
    assert!(
        matches!(&err, CoreError::NotXml { detail, .. } if detail.contains("application/json")),
        "{err:?}"
    );

    let org = "<Org xmlns=\"http://www.vmware.com/vcloud/v1.5\" name=\"acme\"/>";
    let server = raw_server(Some(http_response("200 OK", "application/*+xml", org))).await;
    let err = discover_versions(&server.url, &options(TlsTrust::System))
        .await
        .unwrap_err();
    assert!(
        matches!(&err, CoreError::NotVersionList { root, .. } if root == "Org"),
        "{err:?}"
    );
}

#[tokio::test]
async fn an_http_error_carries_the_vcd_error() {
    let body = "<Error xmlns=\"http://www.vmware.com/vcloud/v1.5\" majorErrorCode=\"503\" \
                minorErrorCode=\"SERVICE_UNAVAILABLE\" message=\"The cell is starting.\"/>";
    let server = raw_server(Some(http_response(
        "503 Service Unavailable",
        "application/vnd.vmware.vcloud.error+xml",
        body,
    )))
    .await;
    let err = discover_versions(&server.url, &options(TlsTrust::System))
        .await
        .unwrap_err();
    assert_eq!(err.report().status, Some(503));
    assert!(
        err.to_string()
            .contains("The cell is starting. (SERVICE_UNAVAILABLE)"),
        "{err}"
    );
}

#[tokio::test]
async fn unknown_simulator_paths_answer_a_vcd_404() {
    let sim = vcd_sim::start(SimOptions::default()).await.unwrap();
    // A base URL with a prefix path makes discovery ask for /nowhere/api/versions, which is unknown.
    let err = discover_versions(
        &format!("{}/nowhere", sim.url()),
        &options(TlsTrust::System),
    )
    .await
    .unwrap_err();
    match err {
        CoreError::Http {
            status: 404,
            vcd: Some(vcd),
            ..
        } => {
            assert_eq!(vcd.major.as_deref(), Some("404"));
            assert_eq!(vcd.minor.as_deref(), Some("RESOURCE_NOT_FOUND"));
            assert!(vcd.message.contains("/nowhere/api/versions"));
        }
        other => panic!("expected a VCD 404, got {other:?}"),
    }
    sim.stop().await;
}

#[tokio::test]
async fn an_invalid_address_is_refused_before_any_traffic() {
    let err = discover_versions("ftp://vcd.example.com", &HttpOptions::default())
        .await
        .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::InvalidUrl);
    assert!(err.to_string().contains("scheme 'ftp' is not supported"));
}
