//! The engine against a hostile server (tests/common/hostile.rs) over loopback: credentials stay
//! with their origin through redirects and full URLs, bodies stay bounded (spooled, capped, gzip
//! bombs stopped), deep nesting is refused without a panic, a path keeps its query, a trickling
//! body times out, parse failures are shown, and a connection the server closed is retried.

mod common;

use common::hostile::{hostile, Hostile, BEARER, ESCAPES, TOKEN};
use reqwest::header::HeaderMap;
use reqwest::Method;
use std::sync::atomic::AtomicBool;
use std::time::Duration;
use vcd_core::{
    discover, page_links, AuthKind, BodyLimits, DiscoverLimits, ErrorKind, Exchange, HttpOptions,
    LoginRequest, RequestAuth, RequestDraft, ResponseView, Secret, SessionHeader, SessionManager,
};

fn options(limits: BodyLimits) -> HttpOptions {
    HttpOptions {
        timeout: Duration::from_secs(20),
        body_limits: limits,
        ..HttpOptions::default()
    }
}

fn request(base: &str, header: SessionHeader) -> LoginRequest {
    LoginRequest {
        base_url: base.to_string(),
        org: "acme".into(),
        user: "alice".into(),
        kind: AuthKind::Password,
        secret: Secret::new("hostile-password-1"),
        version: None,
        session_header: header,
    }
}

async fn logged_in(server: &Hostile, header: SessionHeader) -> SessionManager {
    let manager = SessionManager::new(
        &options(BodyLimits::default()),
        request(&server.url, header),
    )
    .unwrap();
    manager.login().await.unwrap();
    manager
}

async fn get(manager: &SessionManager, path: &str) -> vcd_core::Response {
    manager
        .send(
            Method::GET,
            path,
            &HeaderMap::new(),
            None,
            &mut Exchange::default(),
        )
        .await
        .unwrap()
}

#[tokio::test]
async fn a_redirect_to_another_origin_is_shown_not_followed_and_no_token_goes_there() {
    let peer = hostile(None).await;
    let server = hostile(Some(peer.url.clone())).await;
    for header in [SessionHeader::Legacy, SessionHeader::Bearer] {
        let manager = logged_in(&server, header).await;
        for path in ["/api/go-away", "/api/other-host"] {
            let response = get(&manager, path).await;
            assert_eq!(response.status, 302, "{path}");
            let view = ResponseView::of(&response, None);
            let redirect = view.redirect.expect("the redirect is shown");
            assert!(redirect.location.ends_with("/api/capture"), "{redirect:?}");
            assert!(
                redirect.reason.contains("another origin"),
                "{}",
                redirect.reason
            );
        }
    }
    // Nothing reached the other server, and nothing reached "localhost" (this server by another
    // name) with a token.
    assert!(peer.seen().is_empty(), "{:?}", peer.seen());
    assert!(server
        .seen()
        .iter()
        .all(|s| s.target != "/api/capture" && !format!("{:?}", s.headers).contains("localhost")));
}

#[tokio::test]
async fn a_same_origin_redirect_is_followed_with_the_session_and_a_loop_is_stopped() {
    let server = hostile(None).await;
    let manager = logged_in(&server, SessionHeader::Legacy).await;
    let response = get(&manager, "/api/moved").await;
    assert_eq!(response.status, 200);
    assert!(response.url.ends_with("/api/session"), "{}", response.url);
    let followed = server.seen().into_iter().last().unwrap();
    assert_eq!(followed.header("x-vcloud-authorization"), Some(TOKEN));

    let response = get(&manager, "/api/loop").await;
    assert_eq!(response.status, 302);
    let why = ResponseView::of(&response, None).redirect.unwrap().reason;
    assert!(why.contains("more than 10 redirects"), "{why}");
}

#[tokio::test]
async fn a_full_url_on_another_origin_is_refused_with_credentials_and_sent_without() {
    let peer = hostile(None).await;
    let server = hostile(None).await;
    let manager = logged_in(&server, SessionHeader::Bearer).await;
    let elsewhere = format!("{}/api/org", peer.url);
    let err = manager
        .send(
            Method::GET,
            &elsewhere,
            &HeaderMap::new(),
            None,
            &mut Exchange::default(),
        )
        .await
        .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::ForeignOrigin);
    assert!(err.to_string().contains("set Auth to None"), "{err}");
    for auth in [
        RequestAuth::Bearer {
            token: Secret::new("pasted-bearer-123"),
        },
        RequestAuth::Legacy {
            token: Secret::new("pasted-legacy-123"),
        },
        RequestAuth::Basic {
            user: "alice".into(),
            org: "acme".into(),
            password: Secret::new("pw-123456"),
        },
    ] {
        let err = manager
            .send_as(
                &auth,
                Method::GET,
                &elsewhere,
                &HeaderMap::new(),
                None,
                &mut Exchange::default(),
            )
            .await
            .unwrap_err();
        assert_eq!(err.kind(), ErrorKind::ForeignOrigin);
    }
    assert!(peer.seen().is_empty());

    let response = manager
        .send_as(
            &RequestAuth::None,
            Method::GET,
            &elsewhere,
            &HeaderMap::new(),
            None,
            &mut Exchange::default(),
        )
        .await
        .unwrap();
    assert_eq!(response.status, 200);
    let seen = peer.seen();
    assert_eq!(seen.len(), 1);
    assert!(!seen[0].has_credentials(), "{:?}", seen[0].headers);

    // Discover from another origin goes through the same rule.
    let cancel = AtomicBool::new(false);
    let err = discover(
        &manager,
        Some(&elsewhere),
        DiscoverLimits {
            depth: 0,
            max_pages: 1,
        },
        &cancel,
        |_| {},
    )
    .await
    .map(|d| d.failed)
    .unwrap();
    assert!(err[0].1.contains("not this profile's address"), "{err:?}");
    assert_eq!(peer.seen().len(), 1);
}

#[tokio::test]
async fn a_path_keeps_its_own_query_string() {
    let server = hostile(None).await;
    let manager = logged_in(&server, SessionHeader::Bearer).await;
    let response = get(&manager, "/api/query?type=organization&format=records").await;
    assert_eq!(response.status, 200);
    let last = server.seen().into_iter().last().unwrap();
    assert_eq!(last.target, "/api/query?type=organization&format=records");
}

#[tokio::test]
async fn a_large_body_is_spooled_and_its_links_still_read() {
    let server = hostile(None).await;
    let manager = logged_in(&server, SessionHeader::Bearer).await;
    let response = get(&manager, "/api/big?mb=20").await;
    assert_eq!(response.status, 200);
    assert!(response.body.spooled(), "20 MB must not stay in memory");
    assert!(response.body.len() > 19 * 1024 * 1024);
    let page = page_links(&response).unwrap();
    // All are counted; the first 100,000 are kept (memory stays bounded for any page).
    assert!(page.references_total > 150_000, "{}", page.references_total);
    assert_eq!(page.references.len(), vcd_core::MAX_PAGE_LINKS);
    let view = ResponseView::of(&response, None);
    assert_eq!(view.references_total, page.references_total);
    assert_eq!(view.parse_error, None);
    assert_eq!(view.size, response.body.len());
}

#[tokio::test]
async fn a_body_over_the_cap_and_a_gzip_bomb_end_the_request_with_a_clear_error() {
    let server = hostile(None).await;
    let limits = BodyLimits {
        max: 4 * 1024 * 1024,
        ..BodyLimits::default()
    };
    let manager = SessionManager::new(
        &options(limits),
        request(&server.url, SessionHeader::Bearer),
    )
    .unwrap();
    manager.login().await.unwrap();
    let err = manager
        .send(
            Method::GET,
            "/api/big?mb=20",
            &HeaderMap::new(),
            None,
            &mut Exchange::default(),
        )
        .await
        .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::BodyTooLarge);
    assert!(err.to_string().contains("4 MB limit"), "{err}");

    let manager = logged_in(&server, SessionHeader::Bearer).await;
    let err = manager
        .send(
            Method::GET,
            "/api/bomb",
            &HeaderMap::new(),
            None,
            &mut Exchange::default(),
        )
        .await
        .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::DecompressionBomb);
    assert!(err.to_string().contains("decompression bomb"), "{err}");

    let err = vcd_core::discover_versions(
        &format!("{}/bomb", server.url),
        &options(BodyLimits::default()),
    )
    .await
    .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::DecompressionBomb);
}

#[tokio::test]
async fn documents_nested_70000_deep_are_refused_without_a_panic() {
    let server = hostile(None).await;
    let err = vcd_core::discover_versions(
        &format!("{}/deep", server.url),
        &options(BodyLimits::default()),
    )
    .await
    .unwrap_err();
    assert!(
        err.to_string().contains("nest more than 512 levels"),
        "{err}"
    );
    let manager = SessionManager::new(
        &options(BodyLimits::default()),
        request(
            &format!("{}/deepsession", server.url),
            SessionHeader::Bearer,
        ),
    )
    .unwrap();
    let err = manager.login().await.unwrap_err();
    assert!(
        err.to_string().contains("nest more than 512 levels"),
        "{err}"
    );
}

#[tokio::test]
async fn a_trickling_body_ends_at_the_request_timeout() {
    let server = hostile(None).await;
    let manager = logged_in(&server, SessionHeader::Bearer).await;
    let draft = RequestDraft {
        method: "GET".into(),
        url: "/api/trickle".into(),
        headers: vec![],
        body: None,
        timeout_secs: Some(1),
        body_file: None,
        advertised: None,
    };
    let started = std::time::Instant::now();
    let err = draft
        .send_as(&manager, &RequestAuth::Inherit, &Default::default())
        .await
        .map(|sent| sent.response)
        .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Timeout);
    assert!(started.elapsed() < Duration::from_secs(15));
    for secs in [0, 3601] {
        let draft = RequestDraft {
            timeout_secs: Some(secs),
            ..draft.clone()
        };
        let err = draft
            .send_as(&manager, &RequestAuth::Inherit, &Default::default())
            .await
            .map(|sent| sent.response)
            .unwrap_err();
        assert_eq!(err.kind(), ErrorKind::BadTimeout, "{secs}");
    }
}

#[tokio::test]
async fn bodies_that_do_not_parse_say_so_and_escapes_arrive_as_data() {
    let server = hostile(None).await;
    let manager = logged_in(&server, SessionHeader::Bearer).await;
    for (path, format) in [("/api/broken", "XML"), ("/api/broken-json", "JSON")] {
        let view = ResponseView::of(&get(&manager, path).await, None);
        let why = view.parse_error.expect("a parse error is shown");
        assert!(
            why.starts_with(&format!("The body could not be parsed as {format}")),
            "{why}"
        );
    }
    let view = ResponseView::of(&get(&manager, "/api/escape").await, None);
    assert_eq!(view.error.unwrap().message, ESCAPES);
}

#[tokio::test]
async fn a_bad_method_or_header_gets_its_own_error() {
    let server = hostile(None).await;
    let manager = logged_in(&server, SessionHeader::Bearer).await;
    let base = RequestDraft {
        method: "GET".into(),
        url: "/api/org".into(),
        headers: vec![],
        body: None,
        timeout_secs: None,
        body_file: None,
        advertised: None,
    };
    let bad_method = RequestDraft {
        method: "GE T".into(),
        ..base.clone()
    };
    let err = bad_method
        .send_as(&manager, &RequestAuth::Inherit, &Default::default())
        .await
        .map(|sent| sent.response)
        .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::BadMethod);
    assert!(err.to_string().starts_with("'GE T' is not an HTTP method"));
    let bad_header = RequestDraft {
        headers: vec![vcd_core::DraftHeader {
            name: "X Trace".into(),
            value: "1".into(),
            enabled: true,
        }],
        ..base
    };
    let err = bad_header
        .send_as(&manager, &RequestAuth::Inherit, &Default::default())
        .await
        .map(|sent| sent.response)
        .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::BadHeader);
    assert!(err.to_string().contains("'X Trace'"), "{err}");
}

#[tokio::test]
async fn logout_is_sent_again_when_the_server_closed_the_kept_alive_connection() {
    let server = hostile(None).await;
    let base = format!("{}/drop2", server.url);
    let manager = SessionManager::new(
        &options(BodyLimits::default()),
        request(&base, SessionHeader::Bearer),
    )
    .unwrap();
    let kept = serde_json::json!({
        "base": format!("{base}"),
        "version": "37.0",
        "auth": "password",
        "login_url": format!("{base}/api/sessions"),
        "login_host_differs": false,
        "bearer": BEARER,
        "legacy_token": null,
        "idle_timeout_secs": null,
    });
    assert!(manager
        .resume(&Secret::new(kept.to_string()))
        .await
        .unwrap());
    manager.logout(&mut Exchange::default()).await.unwrap();
    let deletes: Vec<_> = server
        .seen()
        .into_iter()
        .filter(|s| s.method == "DELETE")
        .collect();
    // The first DELETE met the closed connection; the second, on a fresh one, was answered.
    assert_eq!(deletes.len(), 2, "{deletes:?}");
    assert!(!deletes[0].answered && deletes[1].answered);
}
