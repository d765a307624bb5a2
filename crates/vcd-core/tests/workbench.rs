//! The workbench the app's commands forward to, against vcd-sim over pinned HTTPS: log in, send,
//! read the kept body in chunks, the Wire record behind a response (a fresh login and retry after
//! the server ended the session), cancelling a request, the rules a saved profile follows and the
//! chain a login's secret comes from.

mod common;

use std::time::Duration;
use vcd_core::{
    AuthKind, ConnectionProfile, DraftSeed, ErrorKind, ExchangePurpose, ProfileStore, RequestAuth,
    RequestDraft, Secret, SecretStore, Settings, TlsTrust, Workbench, DEMO_PROFILE_ID,
};
use vcd_sim::{RunningSim, Scenario, SimOptions};

/// Settings (the environment's variables) are read from VCDW_CONFIG_DIR: one empty folder for the
/// whole test binary, set before any test reads it.
fn isolated_config() -> &'static std::path::Path {
    static DIR: std::sync::OnceLock<tempfile::TempDir> = std::sync::OnceLock::new();
    DIR.get_or_init(|| {
        let dir = tempfile::tempdir().unwrap();
        std::env::set_var("VCDW_CONFIG_DIR", dir.path());
        dir
    })
    .path()
}

fn workbench() -> Workbench {
    let dir = isolated_config();
    Workbench::with_stores(
        Ok(ProfileStore::at(dir.join("profiles.json"))),
        SecretStore::memory_only("a test"),
        Settings::load(),
    )
}

fn profile(sim: &RunningSim) -> ConnectionProfile {
    let demo = Scenario::demo_credentials();
    ConnectionProfile {
        id: "sim".into(),
        name: "Simulator".into(),
        base_url: sim.url().to_string(),
        org: demo.org,
        user: demo.user,
        trust: TlsTrust::Pinned {
            sha256: sim.fingerprint().unwrap(),
        },
        builtin_simulator: false,
        ..ConnectionProfile::demo()
    }
}

fn draft(method: &str, url: &str) -> RequestDraft {
    RequestDraft::prefilled(&DraftSeed {
        method: method.into(),
        url: url.into(),
        media_type: None,
        version: "38.0".into(),
        body: None,
        advertised: None,
    })
}

async fn sim() -> RunningSim {
    vcd_sim::start(SimOptions::default().with_tls(true))
        .await
        .unwrap()
}

/// A simulator, a workbench and its profile, logged in with the demo password.
async fn logged_in() -> (RunningSim, Workbench, ConnectionProfile) {
    let sim = sim().await;
    let wb = workbench();
    let p = profile(&sim);
    wb.login_with(&p, Secret::new(Scenario::demo_credentials().password))
        .await
        .unwrap();
    (sim, wb, p)
}

#[tokio::test]
async fn a_sent_request_keeps_its_body_for_the_viewer_and_its_links_for_the_map() {
    let sim = sim().await;
    let wb = workbench();
    let p = profile(&sim);
    let password = Secret::new(Scenario::demo_credentials().password);
    let login = wb.login_with(&p, password).await.unwrap();
    assert_eq!(
        login.steps.first().map(|s| s.purpose),
        Some(ExchangePurpose::Versions)
    );
    assert!(login
        .steps
        .iter()
        .any(|s| s.purpose == ExchangePurpose::Login));
    assert_eq!(wb.badges().len(), 1);

    let sent = wb
        .send(&p.id, 1, draft("GET", "/api/session"), RequestAuth::Inherit)
        .await
        .unwrap();
    assert_eq!(sent.view.status, 200);
    assert!(sent.view.elapsed_ms > 0.0);
    let purposes: Vec<_> = sent.wire.iter().map(|s| s.purpose).collect();
    assert_eq!(purposes, [ExchangePurpose::Request]);

    // The body comes back whole, chunk after chunk, and equals what the view says its size is.
    let mut text = String::new();
    let mut from = 0;
    loop {
        let chunk = wb.response_body(sent.id, false, from).await.unwrap();
        text.push_str(&chunk.text);
        match chunk.next {
            Some(n) => from = n,
            None => break,
        }
    }
    assert_eq!(text.len() as u64, sent.view.size);
    assert!(text.contains("<Session"), "{text}");
    assert!(wb.links_seen(&p.id) >= sent.view.links_total);
    assert!(wb.links_seen(&p.id) > 0);

    wb.logout(&p.id).await.unwrap();
    assert!(wb.badges().is_empty());
    let err = wb
        .send(&p.id, 2, draft("GET", "/api/org"), RequestAuth::Inherit)
        .await
        .unwrap_err();
    assert!(err.to_string().contains("log in first"), "{err}");
    sim.stop().await;
}

#[tokio::test]
async fn the_wire_tab_shows_the_fresh_login_behind_a_retried_request() {
    let (sim, wb, p) = logged_in().await;
    // The server ends the session; the workbench still holds its token.
    let ended = wb
        .send(
            &p.id,
            1,
            draft("DELETE", "/api/session"),
            RequestAuth::Inherit,
        )
        .await
        .unwrap();
    assert_eq!(ended.view.status, 204);
    let sent = wb
        .send(&p.id, 2, draft("GET", "/api/org"), RequestAuth::Inherit)
        .await
        .unwrap();
    assert_eq!(sent.view.status, 200);
    let steps: Vec<_> = sent.wire.iter().map(|s| (s.purpose, s.status)).collect();
    assert_eq!(steps.first(), Some(&(ExchangePurpose::Request, 401)));
    assert!(steps.contains(&(ExchangePurpose::Login, 200)), "{steps:?}");
    assert_eq!(steps.last(), Some(&(ExchangePurpose::Retry, 200)));
    // Masked: the bearer the retry carried is not in the record.
    assert_eq!(
        wb.badges().len(),
        1,
        "the renewed session is the profile's session"
    );
    for step in &sent.wire {
        for h in &step.request_headers {
            if h.name.eq_ignore_ascii_case("authorization") {
                assert!(h.secret && h.value.ends_with("••••••••"), "{h:?}");
            }
        }
    }
    sim.stop().await;
}

#[tokio::test]
async fn a_cancelled_request_ends_at_once_with_a_cancelled_error() {
    let (sim, wb, p) = logged_in().await;
    let wb = std::sync::Arc::new(wb);
    let silent = common::raw_server(None).await;
    let sending = {
        let (wb, p) = (wb.clone(), p.clone());
        let url = format!("{}/api/never", silent.url);
        tokio::spawn(async move {
            wb.send(&p.id, 7, draft("GET", &url), RequestAuth::None)
                .await
        })
    };
    // Cancel as soon as the request is in flight (it never gets an answer on its own).
    let outcome = loop {
        wb.cancel(7);
        if sending.is_finished() {
            break sending.await.unwrap();
        }
        tokio::time::sleep(Duration::from_millis(5)).await;
    };
    assert_eq!(outcome.unwrap_err().kind(), ErrorKind::Cancelled);
    sim.stop().await;
}

#[tokio::test]
async fn the_demo_profile_comes_first_starts_its_simulator_when_used_and_logs_in_by_itself() {
    let wb = workbench();
    let listed = wb.list_profiles().await.unwrap();
    assert_eq!(listed[0].id, DEMO_PROFILE_ID);
    assert!(
        listed[0].base_url.is_empty(),
        "nothing runs before it is used"
    );
    assert!(wb.simulator_status().await.is_none());
    // No password given and none in the keyring: the demo's own is used.
    let login = wb.login(DEMO_PROFILE_ID, None, None).await.unwrap();
    assert_eq!(login.badge.summary.user, Scenario::demo_credentials().user);
    let running = wb.simulator_status().await.expect("the simulator runs");
    let demo = &wb.list_profiles().await.unwrap()[0];
    assert_eq!(demo.base_url, running.url);
    assert!(matches!(demo.trust, TlsTrust::Pinned { .. }));
    let sent = wb
        .send(
            DEMO_PROFILE_ID,
            1,
            draft("GET", "/api/session"),
            RequestAuth::Inherit,
        )
        .await
        .unwrap();
    assert_eq!(sent.view.status, 200);
    wb.stop_simulator().await;
    assert!(wb.simulator_status().await.is_none());
}

#[tokio::test]
async fn environment_variables_saved_in_settings_are_used_by_the_next_send() {
    let (sim, wb, p) = logged_in().await;
    let err = wb
        .send(
            &p.id,
            1,
            draft("GET", "/api/{{listing}}"),
            RequestAuth::Inherit,
        )
        .await
        .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::UnknownVariable);
    let mut settings = wb.settings().unwrap();
    settings.variables.insert("listing".into(), "org".into());
    wb.save_settings(settings).unwrap();
    let sent = wb
        .send(
            &p.id,
            2,
            draft("GET", "/api/{{listing}}"),
            RequestAuth::Inherit,
        )
        .await
        .unwrap();
    assert_eq!(sent.view.status, 200);
    assert!(sent.view.url.ends_with("/api/org"), "{}", sent.view.url);
    sim.stop().await;
}

#[tokio::test]
async fn the_demo_profile_and_any_certificate_profile_cannot_be_saved() {
    let wb = workbench();
    let err = wb
        .save_profile(ConnectionProfile::demo(), None)
        .unwrap_err();
    assert!(err.to_string().contains("demo profile cannot be changed"));
    let insecure = ConnectionProfile {
        id: String::new(),
        name: "Lab".into(),
        base_url: "https://vcd.lab.example".into(),
        org: "acme".into(),
        user: "alice".into(),
        trust: TlsTrust::Insecure,
        builtin_simulator: false,
        ..ConnectionProfile::demo()
    };
    let err = wb.save_profile(insecure, None).unwrap_err();
    assert!(err.to_string().contains("never accepts any certificate"));
}

#[tokio::test]
async fn a_login_secret_comes_from_what_was_typed_then_the_built_in_one_then_the_keyring() {
    let wb = workbench();
    let p = ConnectionProfile {
        id: "lab".into(),
        name: "Lab".into(),
        auth: AuthKind::ApiToken,
        builtin_simulator: false,
        ..ConnectionProfile::demo()
    };
    let store = wb.secrets();
    let err = store
        .login_secret(&p, None, None, "enter it to log in")
        .unwrap_err();
    assert_eq!(
        err.to_string(),
        "No API token is stored for 'Lab': enter it to log in."
    );
    store.save("lab", &Secret::new("kept"));
    let pick = |given: Option<&str>, builtin: Option<&str>| {
        store
            .login_secret(&p, given.map(Secret::new), builtin.map(Secret::new), "")
            .unwrap()
            .expose()
            .to_string()
    };
    assert_eq!(pick(None, None), "kept");
    assert_eq!(pick(None, Some("demo")), "demo");
    assert_eq!(pick(Some("typed"), Some("demo")), "typed");
    // An empty field is not a secret: the next one in the chain is used.
    assert_eq!(pick(Some(""), None), "kept");
}

#[tokio::test]
async fn the_version_picked_before_login_is_the_sessions_and_32_0_logs_in_as_the_classic_guide_does(
) {
    let wb = workbench();
    let login = wb
        .login(DEMO_PROFILE_ID, None, Some("32.0".into()))
        .await
        .unwrap();
    let summary = &login.badge.summary;
    assert_eq!(summary.version, "32.0");
    assert!(summary.login_url.ends_with("/api/sessions"), "{summary:?}");
    let step = login
        .steps
        .iter()
        .find(|s| s.purpose == ExchangePurpose::Login)
        .unwrap();
    assert_eq!(step.method, "POST");
    assert!(step.url.ends_with("/api/sessions"), "{}", step.url);
    let header = |lines: &[vcd_core::HeaderLine], name: &str| {
        lines
            .iter()
            .find(|h| h.name.eq_ignore_ascii_case(name))
            .map(|h| (h.value.clone(), h.secret))
    };
    assert_eq!(
        header(&step.request_headers, "accept").unwrap().0,
        "application/*+xml;version=32.0"
    );
    // The token arrives in x-vcloud-authorization, masked in the record.
    let (token, secret) = header(&step.response_headers, "x-vcloud-authorization").unwrap();
    assert!(secret && !token.chars().any(|c| c.is_ascii_alphanumeric()));
    // Before 33.0 there was no bearer: the session's requests carry x-vcloud-authorization.
    assert_eq!(summary.session_header, vcd_core::SessionHeader::Legacy);
    // The composer prefills with the session's version, as the picker shows it after login.
    let org_list = RequestDraft::prefilled(&DraftSeed {
        method: "GET".into(),
        url: "/api/org".into(),
        media_type: None,
        version: summary.version.clone(),
        body: None,
        advertised: None,
    });
    let sent = wb
        .send(DEMO_PROFILE_ID, 1, org_list, RequestAuth::Inherit)
        .await
        .unwrap();
    assert_eq!(sent.view.status, 200);
    let request = sent.wire.last().unwrap();
    assert!(header(&request.request_headers, "x-vcloud-authorization").is_some());
    assert!(header(&request.request_headers, "authorization").is_none());
    assert!(header(&request.request_headers, "accept")
        .unwrap()
        .0
        .contains("version=32.0"));
    wb.stop_simulator().await;
}

#[tokio::test]
async fn a_picked_version_that_cannot_log_in_says_why_and_offers_the_nearest_that_can() {
    let wb = workbench();
    // VCD 10.5 lists 31.0 deprecated; 32.0 is its oldest active version.
    let err = wb
        .login(DEMO_PROFILE_ID, None, Some("31.0".into()))
        .await
        .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::VersionCannotLogIn);
    assert!(err.to_string().contains("deprecated"), "{err}");
    assert_eq!(err.report().nearest_version.as_deref(), Some("32.0"));
    let err = wb
        .login(DEMO_PROFILE_ID, None, Some("99.0".into()))
        .await
        .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::VersionNotOffered);
    assert_eq!(err.report().nearest_version.as_deref(), Some("38.0"));
    assert!(wb.badges().is_empty(), "no session was opened");
    wb.stop_simulator().await;
}

#[tokio::test]
async fn a_404_on_a_link_the_server_advertised_says_so_instead_of_blaming_the_user() {
    let (sim, wb, p) = logged_in().await;
    let typed = draft("GET", "/api/vApp/vapp-does-not-exist/gone");
    let followed = RequestDraft {
        advertised: Some(vcd_core::AdvertisedLink {
            page: format!("{}/api/vdc/1", sim.url()),
            rel: "down".into(),
        }),
        ..typed.clone()
    };
    let hint = |sent: vcd_core::SentResponse| sent.view.error.and_then(|e| e.hint).unwrap();
    let typed_hint = hint(
        wb.send(&p.id, 1, typed, RequestAuth::Inherit)
            .await
            .unwrap(),
    );
    assert!(typed_hint.contains("Follow a Link"), "{typed_hint}");
    let followed_hint = hint(
        wb.send(&p.id, 2, followed, RequestAuth::Inherit)
            .await
            .unwrap(),
    );
    assert!(
        followed_hint.contains("The server advertised this link (rel \"down\" on")
            && !followed_hint.contains("rather than typing"),
        "{followed_hint}"
    );
    sim.stop().await;
}

#[tokio::test]
async fn save_links_and_save_all_links_keep_every_reference_of_a_page_past_the_viewers_cap() {
    let sim = vcd_sim::start(SimOptions {
        scale: 120_000,
        ..SimOptions::default().with_tls(true)
    })
    .await
    .unwrap();
    let wb = workbench();
    let p = profile(&sim);
    wb.login_with(&p, Secret::new(Scenario::demo_credentials().password))
        .await
        .unwrap();
    // The Org names its VDC; the VDC page lists 120,000 vApps.
    let org = wb
        .send(&p.id, 1, draft("GET", "/api/org"), RequestAuth::Inherit)
        .await
        .unwrap();
    let org_href = org.view.references[0].href.clone();
    let org = wb
        .send(&p.id, 2, draft("GET", &org_href), RequestAuth::Inherit)
        .await
        .unwrap();
    let vdc_href = org
        .view
        .links
        .iter()
        .find(|l| l.media_type.as_deref() == Some("application/vnd.vmware.vcloud.vdc+xml"))
        .unwrap()
        .href
        .clone();
    let vdc = wb
        .send(&p.id, 3, draft("GET", &vdc_href), RequestAuth::Inherit)
        .await
        .unwrap();
    let total = vdc.view.references_total;
    assert!(total > vcd_core::MAX_PAGE_LINKS, "{total}");
    assert!(
        vdc.view.references.len() < total,
        "the viewer's list is capped"
    );
    let dir = tempfile::tempdir().unwrap();
    let one = dir.path().join("vdc.csv");
    let saved = wb
        .save_links(&p.id, Some(vdc.id), one.display().to_string())
        .await
        .unwrap();
    let rows = |path: &std::path::Path| std::fs::read_to_string(path).unwrap().lines().count() - 1;
    assert_eq!(saved.count, rows(&one));
    assert!(
        saved.count >= total + vdc.view.links_total - 10,
        "{saved:?}"
    );
    // Save all links: the run's map has them all too, beside the other pages'.
    let all = dir.path().join("all.json");
    let saved_all = wb
        .save_links(&p.id, None, all.display().to_string())
        .await
        .unwrap();
    assert!(saved_all.count > saved.count, "{saved_all:?}");
    let doc: serde_json::Value = serde_json::from_slice(&std::fs::read(&all).unwrap()).unwrap();
    assert_eq!(doc["links"].as_array().unwrap().len(), saved_all.count);
    sim.stop().await;
}
