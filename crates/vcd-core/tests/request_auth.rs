//! The composer's Auth panel against vcd-sim: no credentials, Basic `user@org` (the classic guide's
//! hand-made login), a pasted legacy token, a pasted bearer, and an API token exchanged for one
//! request; a credential in the URL is refused.

use std::collections::BTreeMap;
use std::time::Duration;
use vcd_core::{
    AuthKind, DraftHeader, ErrorKind, HttpOptions, LoginRequest, RequestAuth, RequestDraft, Secret,
    SessionManager, TlsTrust,
};
use vcd_sim::{Scenario, SimOptions};

fn none() -> BTreeMap<String, String> {
    BTreeMap::new()
}

fn draft(method: &str, url: &str) -> RequestDraft {
    RequestDraft {
        method: method.into(),
        url: url.into(),
        headers: vec![DraftHeader {
            name: "Accept".into(),
            value: "application/*+xml;version=38.0".into(),
            enabled: true,
        }],
        body: None,
        timeout_secs: Some(20),
        body_file: None,
        advertised: None,
    }
}

#[tokio::test]
async fn each_auth_kind_sends_its_own_header_and_leaves_the_session_alone() {
    let sim = vcd_sim::start(SimOptions::default().with_tls(true))
        .await
        .unwrap();
    let d = Scenario::demo_credentials();
    let m = SessionManager::new(
        &HttpOptions {
            trust: TlsTrust::Pinned {
                sha256: sim.fingerprint().unwrap(),
            },
            timeout: Duration::from_secs(20),
            proxy: None,
            body_limits: Default::default(),
        },
        LoginRequest {
            base_url: sim.url().into(),
            org: d.org.clone(),
            user: d.user.clone(),
            kind: AuthKind::Password,
            secret: Secret::new(d.password.clone()),
            version: None,
            session_header: Default::default(),
        },
    )
    .unwrap();

    // No credentials and no session: VCD's empty 401.
    let r = draft("GET", "/api/org")
        .send_as(&m, &RequestAuth::None, &none())
        .await
        .map(|sent| sent.response)
        .unwrap();
    assert_eq!(r.status, 401);
    assert!(m.session().is_none(), "None does not log in");

    // The guide's login by hand: Basic user@org to POST /api/sessions.
    let basic = RequestAuth::Basic {
        user: d.user.clone(),
        org: d.org.clone(),
        password: Secret::new(d.password.clone()),
    };
    let r = draft("POST", "/api/sessions")
        .send_as(&m, &basic, &none())
        .await
        .map(|sent| sent.response)
        .unwrap();
    assert_eq!(r.status, 200);
    let legacy = r.headers["x-vcloud-authorization"]
        .to_str()
        .unwrap()
        .to_string();
    let bearer = r.headers["x-vmware-vcloud-access-token"]
        .to_str()
        .unwrap()
        .to_string();

    for auth in [
        RequestAuth::Legacy {
            token: Secret::new(legacy.clone()),
        },
        RequestAuth::Bearer {
            token: Secret::new(bearer.clone()),
        },
        RequestAuth::ApiToken {
            org: d.org.clone(),
            token: Secret::new(d.api_token.clone()),
        },
    ] {
        let r = draft("GET", "/api/org")
            .send_as(&m, &auth, &none())
            .await
            .map(|sent| sent.response)
            .unwrap();
        assert_eq!(r.status, 200, "{auth:?}");
        assert!(r.body.text().unwrap().contains("name=\"acme\""));
    }
    assert!(
        m.session().is_none(),
        "pasted credentials open no session of the manager's"
    );

    // Inherit logs in with the profile's password.
    let r = draft("GET", "/api/org")
        .send_as(&m, &RequestAuth::Inherit, &none())
        .await
        .map(|sent| sent.response)
        .unwrap();
    assert_eq!(r.status, 200);
    assert!(m.session().is_some());

    let leak = format!("/api/org?token={legacy}");
    let err = draft("GET", &leak)
        .send_as(
            &m,
            &RequestAuth::Legacy {
                token: Secret::new(legacy.clone()),
            },
            &none(),
        )
        .await
        .map(|sent| sent.response)
        .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::SecretInUrl);

    // {{variables}}: the session's own and the profile's, resolved in URL, headers and body.
    let vars = BTreeMap::from([("where".to_string(), "org".to_string())]);
    let mut d = draft("GET", "{{base_url}}/api/{{where}}");
    d.headers.push(DraftHeader {
        name: "X-Org".into(),
        value: "{{org}}@{{version}}".into(),
        enabled: true,
    });
    let uses = d.variable_uses(&RequestDraft::variables(&m, &vars));
    let names: Vec<_> = uses
        .iter()
        .map(|u| (u.name.as_str(), u.value.is_some()))
        .collect();
    assert_eq!(
        names,
        [
            ("base_url", true),
            ("where", true),
            ("org", true),
            ("version", true)
        ]
    );
    let r = d
        .send_as(&m, &RequestAuth::Inherit, &vars)
        .await
        .map(|sent| sent.response)
        .unwrap();
    assert_eq!(r.status, 200);
    assert_eq!(r.url, format!("{}/api/org", sim.url()));
    assert_eq!(r.request_headers["x-org"], "acme@38.0");
    let err = draft("GET", "/api/vdc/{{vdc}}")
        .send_as(&m, &RequestAuth::Inherit, &vars)
        .await
        .map(|sent| sent.response)
        .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::UnknownVariable);
    assert!(err.to_string().contains("{{vdc}}"), "{err}");
    sim.stop().await;
}
