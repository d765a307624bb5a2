//! Logging in to vcd-sim over pinned HTTPS: both password paths and API tokens on every simulated
//! release, re-login after expiry, logout, and the errors a tenant sees.

use reqwest::header::HeaderMap;
use reqwest::Method;
use std::time::Duration;
use vcd_core::{
    AuthKind, CoreError, ErrorKind, Exchange, ExchangePurpose, HttpOptions, LoginRequest, Secret,
    SessionManager, TlsTrust,
};
use vcd_sim::SIMULATED_RELEASES;
use vcd_sim::{RunningSim, Scenario, SimOptions};

async fn https_sim(release: &str) -> RunningSim {
    vcd_sim::start(SimOptions::for_release(release).unwrap().with_tls(true))
        .await
        .unwrap()
}

fn pinned(sim: &RunningSim) -> HttpOptions {
    HttpOptions {
        trust: TlsTrust::Pinned {
            sha256: sim.fingerprint().unwrap(),
        },
        timeout: Duration::from_secs(10),
        proxy: None,
        body_limits: Default::default(),
    }
}

fn password(
    sim: &RunningSim,
    user: &str,
    org: &str,
    pw: &str,
    version: Option<&str>,
) -> LoginRequest {
    LoginRequest {
        base_url: sim.url().to_string(),
        org: org.into(),
        user: user.into(),
        kind: AuthKind::Password,
        secret: Secret::new(pw),
        version: version.map(str::to_string),
        session_header: Default::default(),
    }
}

fn api_token(sim: &RunningSim, org: &str, token: &str) -> LoginRequest {
    LoginRequest {
        kind: AuthKind::ApiToken,
        secret: Secret::new(token),
        ..password(sim, "", org, "", None)
    }
}

async fn login(
    sim: &RunningSim,
    request: LoginRequest,
) -> Result<(SessionManager, vcd_core::SessionSummary), CoreError> {
    let manager = SessionManager::new(&pinned(sim), request)?;
    let (summary, _) = manager.login().await?;
    Ok((manager, summary))
}

/// The demo user's password session.
async fn demo_session(sim: &RunningSim) -> SessionManager {
    let demo = Scenario::demo_credentials();
    let request = password(sim, &demo.user, &demo.org, &demo.password, None);
    login(sim, request).await.unwrap().0
}

#[tokio::test]
async fn password_logins_on_every_release_tenant_and_provider() {
    let demo = Scenario::demo_credentials();
    for release in SIMULATED_RELEASES {
        let sim = https_sim(release.name).await;
        // The default version (CloudAPI login from API 36.0 on) and a legacy one.
        for version in [None, Some("34.0")] {
            for (user, org, pw, links) in [
                (
                    demo.user.as_str(),
                    demo.org.as_str(),
                    demo.password.as_str(),
                    7,
                ),
                (
                    demo.provider_user.as_str(),
                    "System",
                    demo.provider_password.as_str(),
                    8,
                ),
            ] {
                let what = format!("{} {version:?} {user}@{org}", release.name);
                let (manager, summary) = login(&sim, password(&sim, user, org, pw, version))
                    .await
                    .unwrap_or_else(|e| panic!("{what}: {e}"));
                let expected_version = version.unwrap_or(release.max_api);
                let cloudapi = version.is_none() && release.has_cloudapi_login();
                assert_eq!(summary.version, expected_version, "{what}");
                assert_eq!(summary.user, user, "{what}");
                assert_eq!(summary.org, org, "{what}");
                assert_eq!(summary.auth, AuthKind::Password);
                assert_eq!(summary.links, links, "{what}");
                assert_eq!(summary.legacy_token, !cloudapi, "{what}");
                let expected_path = match (cloudapi, org) {
                    (false, _) => "/api/sessions",
                    (true, "System") => "/cloudapi/1.0.0/sessions/provider",
                    (true, _) => "/cloudapi/1.0.0/sessions",
                };
                assert_eq!(
                    summary.login_url,
                    format!("{}{expected_path}", sim.url()),
                    "{what}"
                );
                assert!(!summary.login_host_differs);

                let response = manager
                    .send(
                        Method::GET,
                        "/api/org",
                        &HeaderMap::new(),
                        None,
                        &mut Exchange::default(),
                    )
                    .await
                    .unwrap();
                assert_eq!(response.status, 200, "{what}");
                let body = response.body.text().unwrap();
                assert!(body.contains("<OrgList"), "{what}: {body}");
                let orgs = body.matches("<Org ").count();
                assert_eq!(orgs, if org == "System" { 3 } else { 1 }, "{what}");
                manager.logout(&mut Exchange::default()).await.unwrap();
            }
        }
        sim.stop().await;
    }
}

#[tokio::test]
async fn api_token_logins_from_vcd_10_3_1_on() {
    let demo = Scenario::demo_credentials();
    for release in SIMULATED_RELEASES {
        let sim = https_sim(release.name).await;
        let result = login(&sim, api_token(&sim, &demo.org, &demo.api_token)).await;
        if release.has_api_tokens() {
            let (_, summary) = result.unwrap_or_else(|e| panic!("{}: {e}", release.name));
            assert_eq!(summary.auth, AuthKind::ApiToken);
            assert_eq!(summary.user, "alice");
            assert_eq!(summary.org, "acme");
            assert_eq!(
                summary.login_url,
                format!("{}/oauth/tenant/acme/token", sim.url())
            );
            assert!(!summary.legacy_token);
            let (_, provider) = login(
                &sim,
                api_token(&sim, "System", "demo-provider-token-0123456789abcdef"),
            )
            .await
            .unwrap();
            assert_eq!(
                provider.login_url,
                format!("{}/oauth/provider/token", sim.url())
            );
        } else {
            let err = result.err().unwrap();
            assert_eq!(
                err.kind(),
                ErrorKind::ApiTokensNeedNewerVcd,
                "{}",
                release.name
            );
            assert!(err.to_string().contains("VCD 10.3.1 (API 36.1)"));
        }
        sim.stop().await;
    }
}

#[tokio::test]
async fn a_session_that_idled_out_is_renewed_once_transparently() {
    let sim = vcd_sim::start(SimOptions {
        session_idle: Some(Duration::from_millis(300)),
        ..SimOptions::default().with_tls(true)
    })
    .await
    .unwrap();
    let demo = Scenario::demo_credentials();
    for request in [
        password(&sim, &demo.user, &demo.org, &demo.password, None),
        password(&sim, &demo.user, &demo.org, &demo.password, Some("34.0")),
        api_token(&sim, &demo.org, &demo.api_token),
    ] {
        let (manager, _) = login(&sim, request).await.unwrap();
        let first = manager.session().unwrap().bearer.clone();
        // Let the simulator's idle timeout pass.
        tokio::time::sleep(Duration::from_millis(600)).await;
        let response = manager
            .send(
                Method::GET,
                "/api/org",
                &HeaderMap::new(),
                None,
                &mut Exchange::default(),
            )
            .await
            .unwrap();
        assert_eq!(response.status, 200);
        assert_ne!(
            manager.session().unwrap().bearer,
            first,
            "a new session was opened"
        );
    }
    sim.stop().await;
}

#[tokio::test]
async fn logout_ends_the_session_on_the_server() {
    let sim = https_sim("10.5").await;
    let manager = demo_session(&sim).await;
    let bearer = manager.session().unwrap().bearer.expose().to_string();
    manager.logout(&mut Exchange::default()).await.unwrap();
    assert!(manager.session().is_none());
    let client = vcd_core::HttpClient::new(&pinned(&sim)).unwrap();
    let response = client
        .send(
            client
                .inner()
                .get(format!("{}/api/session", sim.url()))
                .header("Accept", "application/*+xml;version=38.0")
                .bearer_auth(bearer),
        )
        .await
        .unwrap();
    assert_eq!(response.status, 401);
    assert!(response.body.is_empty(), "legacy 401s have an empty body");
    sim.stop().await;
}

#[tokio::test]
async fn wrong_credentials_locked_accounts_and_revoked_tokens_are_explained() {
    let sim = https_sim("10.5").await;
    for (req, kind, words) in [
        (
            password(&sim, "alice", "acme", "wrong", None),
            ErrorKind::LoginRefused,
            "user name, organization or password is wrong",
        ),
        (
            password(&sim, "alice", "nowhere", "demo-Alice-1", None),
            ErrorKind::LoginRefused,
            "alice@nowhere",
        ),
        (
            password(&sim, "alice", "acme", "wrong", Some("34.0")),
            ErrorKind::LoginRefused,
            "may have disabled the legacy /api/sessions",
        ),
        (
            password(&sim, "mallory", "acme", "demo-Mallory-1", None),
            ErrorKind::AccountBlocked,
            "locked",
        ),
        (
            password(&sim, "olivia", "acme", "demo-Olivia-1", None),
            ErrorKind::AccountBlocked,
            "disabled",
        ),
        (
            api_token(&sim, "acme", "demo-revoked-token-alice-fedcba9876543210"),
            ErrorKind::ApiTokenRefused,
            "revoked",
        ),
        (
            api_token(&sim, "globex", "demo-api-token-alice-0123456789abcdef"),
            ErrorKind::ApiTokenRefused,
            "not valid for this organization",
        ),
        (
            password(&sim, "alice", "acme", "demo-Alice-1", Some("99.0")),
            ErrorKind::VersionNotOffered,
            "does not offer API version 99.0",
        ),
    ] {
        let err = login(&sim, req).await.err().expect("login fails");
        assert_eq!(err.kind(), kind, "{err}");
        assert!(err.to_string().contains(words), "{err}");
    }
    sim.stop().await;
}

#[tokio::test]
async fn api_token_sessions_cannot_manage_users_and_tokens_never_go_in_urls() {
    let sim = https_sim("10.5").await;
    let demo = Scenario::demo_credentials();
    let (manager, _) = login(&sim, api_token(&sim, &demo.org, &demo.api_token))
        .await
        .unwrap();
    // The 403 reaches the user as VCD sent it, explained.
    let response = manager
        .send(
            Method::POST,
            "/api/admin/org/x/users",
            &HeaderMap::new(),
            Some(b"<User/>".to_vec().into()),
            &mut Exchange::default(),
        )
        .await
        .unwrap();
    assert_eq!(response.status, 403);
    let view = vcd_core::ResponseView::of(&response, Some(AuthKind::ApiToken));
    let error = view.error.unwrap();
    assert_eq!(
        error.minor.as_deref(),
        Some("ACCESS_TO_RESOURCE_IS_FORBIDDEN")
    );
    assert!(
        error
            .hint
            .unwrap()
            .contains("cannot change passwords, manage users"),
        "{}",
        error.message
    );

    let path = format!(
        "/oauth/tenant/acme/token?grant_type=refresh_token&refresh_token={}",
        demo.api_token
    );
    let err = manager
        .send(
            Method::POST,
            &path,
            &HeaderMap::new(),
            None,
            &mut Exchange::default(),
        )
        .await
        .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::SecretInUrl);
    assert!(err.to_string().contains("the API token"), "{err}");
    sim.stop().await;
}

#[tokio::test]
async fn a_version_the_server_does_not_serve_gets_its_406() {
    let sim = https_sim("10.5").await;
    let demo = Scenario::demo_credentials();
    let (manager, _) = login(
        &sim,
        password(&sim, &demo.user, &demo.org, &demo.password, None),
    )
    .await
    .unwrap();
    let mut headers = HeaderMap::new();
    headers.insert("Accept", "application/*+xml;version=1.0".parse().unwrap());
    let response = manager
        .send(
            Method::GET,
            "/api/org",
            &headers,
            None,
            &mut Exchange::default(),
        )
        .await
        .unwrap();
    assert_eq!(response.status, 406);
    let err = response.vcd_error().unwrap();
    assert!(
        err.message.contains("Supported API versions are: [20.0,"),
        "{}",
        err.message
    );
    sim.stop().await;
}

#[tokio::test]
async fn a_login_url_on_another_host_is_used_by_path_and_flagged() {
    let sim = vcd_sim::start(SimOptions {
        public_url: Some("https://vcd.public.example:8443".into()),
        ..SimOptions::default().with_tls(true)
    })
    .await
    .unwrap();
    let demo = Scenario::demo_credentials();
    for (version, path) in [
        (None, "/cloudapi/1.0.0/sessions"),
        (Some("34.0"), "/api/sessions"),
    ] {
        let (manager, summary) = login(
            &sim,
            password(&sim, &demo.user, &demo.org, &demo.password, version),
        )
        .await
        .unwrap();
        assert!(summary.login_host_differs, "{summary:?}");
        assert_eq!(
            summary.login_url,
            format!("https://vcd.public.example:8443{path}")
        );
        // The credentials went to the profile's own address: the session works there.
        let response = manager
            .send(
                Method::GET,
                "/api/org",
                &HeaderMap::new(),
                None,
                &mut Exchange::default(),
            )
            .await
            .unwrap();
        assert_eq!(response.status, 200);
    }
    // Without a public address the LoginUrl names the address the client used: nothing to flag.
    let plain = https_sim("10.5").await;
    let (_, summary) = login(
        &plain,
        password(&plain, &demo.user, &demo.org, &demo.password, None),
    )
    .await
    .unwrap();
    assert!(!summary.login_host_differs, "{summary:?}");
    plain.stop().await;
    sim.stop().await;
}

#[tokio::test]
async fn a_second_401_after_logging_in_again_is_reported_not_looped() {
    // Every session ends after one request (the GET /api/session of the login itself).
    let scenario = Scenario {
        session_max_requests: Some(1),
        ..Scenario::demo()
    };
    let sim = vcd_sim::start(SimOptions {
        scenario,
        ..SimOptions::default().with_tls(true)
    })
    .await
    .unwrap();
    let demo = Scenario::demo_credentials();
    for request in [
        password(&sim, &demo.user, &demo.org, &demo.password, None),
        api_token(&sim, &demo.org, &demo.api_token),
    ] {
        let (manager, _) = login(&sim, request).await.unwrap();
        let first = manager.session().unwrap().bearer.clone();
        let err = tokio::time::timeout(
            Duration::from_secs(20),
            manager.send(
                Method::GET,
                "/api/org",
                &HeaderMap::new(),
                None,
                &mut Exchange::default(),
            ),
        )
        .await
        .expect("the manager gives up instead of looping")
        .unwrap_err();
        assert_eq!(err.kind(), ErrorKind::SessionRejected, "{err}");
        assert!(err.to_string().contains("/api/org"), "{err}");
        // It did log in again once before giving up.
        assert_ne!(manager.session().unwrap().bearer, first);
    }
    sim.stop().await;
}

#[tokio::test]
async fn requests_that_all_meet_a_401_together_share_one_fresh_login() {
    let sim = https_sim("10.5").await;
    let manager = demo_session(&sim).await;
    // End the session on the server behind the manager's back: it still holds the old token.
    let ended = manager
        .send(
            Method::DELETE,
            "/api/session",
            &HeaderMap::new(),
            None,
            &mut Exchange::default(),
        )
        .await
        .unwrap();
    assert_eq!(ended.status, 204);
    let stale = manager.session().unwrap().bearer.clone();

    let sends = (0..8).map(|_| async {
        let mut exchange = Exchange::default();
        let response = manager
            .send(
                Method::GET,
                "/api/org",
                &HeaderMap::new(),
                None,
                &mut exchange,
            )
            .await
            .unwrap();
        (response.status, exchange)
    });
    let results = futures_util::future::join_all(sends).await;
    let purposes: Vec<ExchangePurpose> = results
        .iter()
        .flat_map(|(_, e)| e.steps.iter().map(|s| s.purpose))
        .collect();
    assert!(results.iter().all(|(status, _)| *status == 200));
    assert_eq!(
        purposes
            .iter()
            .filter(|p| **p == ExchangePurpose::Login)
            .count(),
        1,
        "one login for all: {purposes:?}"
    );
    assert_eq!(
        purposes
            .iter()
            .filter(|p| **p == ExchangePurpose::Request)
            .count(),
        8
    );
    assert!(purposes.contains(&ExchangePurpose::Retry));
    assert_ne!(manager.session().unwrap().bearer, stale);
    sim.stop().await;
}
