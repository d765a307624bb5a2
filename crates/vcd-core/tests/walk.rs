//! Walking the simulator's tenant world by its Links and references alone, as a user of the
//! workbench does: Session → OrgList → Org → Vdc → VApp → VM, Org → Catalog → CatalogItem →
//! VAppTemplate, Vdc → edge gateway records → EdgeGateway; another org's VDC is forbidden; and
//! Discover maps it all breadth-first.

use reqwest::header::HeaderMap;
use reqwest::Method;
use std::sync::atomic::AtomicBool;
use std::time::Duration;
use vcd_core::{
    discover, page_links, AuthKind, DiscoverLimits, Exchange, HttpOptions, LoginRequest, PageLinks,
    Secret, SessionManager, TlsTrust,
};
use vcd_sim::{RunningSim, Scenario, SimOptions};

async fn sim(scale: usize) -> RunningSim {
    vcd_sim::start(SimOptions {
        scale,
        ..SimOptions::default().with_tls(true)
    })
    .await
    .unwrap()
}

fn manager(sim: &RunningSim, user: &str, org: &str, password: &str) -> SessionManager {
    SessionManager::new(
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
            org: org.into(),
            user: user.into(),
            kind: AuthKind::Password,
            secret: Secret::new(password),
            version: None,
            session_header: Default::default(),
        },
    )
    .unwrap()
}

fn alice(sim: &RunningSim) -> SessionManager {
    let d = Scenario::demo_credentials();
    manager(sim, &d.user, &d.org, &d.password)
}

/// GETs an href with the Accept its type names; returns the status, the media type and the links.
async fn get(m: &SessionManager, href: &str, media: Option<&str>) -> (u16, String, PageLinks) {
    let mut headers = HeaderMap::new();
    if let Some(t) = media {
        headers.insert("Accept", format!("{t};version=38.0").parse().unwrap());
    }
    let r = m
        .send(Method::GET, href, &headers, None, &mut Exchange::default())
        .await
        .unwrap();
    let ct = r
        .headers
        .get("content-type")
        .map(|v| v.to_str().unwrap().to_string())
        .unwrap_or_default();
    let links = page_links(&r).unwrap();
    (r.status, ct, links)
}

fn link<'a>(p: &'a PageLinks, rel: &str, media: &str) -> &'a vcd_core::Link {
    p.links
        .iter()
        .find(|l| l.rel == rel && l.media_type.as_deref() == Some(media))
        .unwrap_or_else(|| panic!("no {rel} link of type {media} in {p:#?}"))
}

fn reference<'a>(p: &'a PageLinks, element: &str, media: &str) -> &'a vcd_core::Reference {
    p.references
        .iter()
        .find(|r| r.element == element && r.media_type.as_deref() == Some(media))
        .unwrap_or_else(|| panic!("no {element} of type {media} in {p:#?}"))
}

const T: &str = "application/vnd.vmware.vcloud.";

#[tokio::test]
async fn session_to_vm_catalog_to_template_and_vdc_to_edge_by_links_alone() {
    let sim = sim(3).await;
    let m = alice(&sim);
    m.login().await.unwrap();
    let (_, _, session) = get(&m, "/api/session", None).await;

    let org_list = link(&session, "down", &format!("{T}orgList+xml"))
        .href
        .clone();
    let (s, ct, list) = get(&m, &org_list, Some(&format!("{T}orgList+xml"))).await;
    assert_eq!(s, 200);
    assert!(ct.starts_with(&format!("{T}orgList+xml")), "{ct}");
    let org = reference(&list, "Org", &format!("{T}org+xml")).href.clone();
    let (_, _, org) = get(&m, &org, Some(&format!("{T}org+xml"))).await;

    let vdc = link(&org, "down", &format!("{T}vdc+xml")).href.clone();
    let (s, ct, vdc) = get(&m, &vdc, Some(&format!("{T}vdc+xml"))).await;
    assert_eq!(s, 200);
    assert!(ct.starts_with(&format!("{T}vdc+xml;version=38.0")), "{ct}");
    let vapps: Vec<_> = vdc
        .references
        .iter()
        .filter(|r| r.media_type.as_deref() == Some(&format!("{T}vApp+xml")))
        .collect();
    assert_eq!(vapps.len(), 3);
    assert_eq!(vapps[0].name.as_deref(), Some("web-frontend"));

    let (s, _, vapp) = get(&m, &vapps[0].href.clone(), Some(&format!("{T}vApp+xml"))).await;
    assert_eq!(s, 200);
    for (rel, method) in [
        ("power:powerOn", "POST"),
        ("deploy", "POST"),
        ("edit", "PUT"),
        ("remove", "DELETE"),
        ("up", "GET"),
    ] {
        let l = vapp.links.iter().find(|l| l.rel == rel).unwrap();
        assert_eq!(l.method, method, "{rel}");
    }
    let vms: Vec<_> = vapp
        .references
        .iter()
        .filter(|r| r.element == "Vm")
        .collect();
    assert_eq!(vms.len(), 2);
    let (s, ct, vm) = get(&m, &vms[1].href.clone(), Some(&format!("{T}vm+xml"))).await;
    assert_eq!(s, 200);
    assert!(ct.starts_with(&format!("{T}vm+xml")), "{ct}");
    assert!(vm
        .links
        .iter()
        .any(|l| l.rel == "up" && l.href == vapps[0].href));

    let catalog = link(&org, "down", &format!("{T}catalog+xml")).href.clone();
    let (_, _, catalog) = get(&m, &catalog, None).await;
    let item = reference(&catalog, "CatalogItem", &format!("{T}catalogItem+xml"))
        .href
        .clone();
    let (_, _, item) = get(&m, &item, None).await;
    let template = reference(&item, "Entity", &format!("{T}vAppTemplate+xml"))
        .href
        .clone();
    let (s, ct, template) = get(&m, &template, None).await;
    assert_eq!(s, 200);
    assert!(ct.starts_with(&format!("{T}vAppTemplate+xml")), "{ct}");
    assert!(template.links.iter().any(|l| l.rel == "catalogItem"));

    let records = link(&vdc, "edgeGateways", &format!("{T}query.records+xml"))
        .href
        .clone();
    let (_, _, records) = get(&m, &records, None).await;
    // Query records carry no type: the record's element says what it is.
    let edge = records
        .references
        .iter()
        .find(|r| r.element == "EdgeGatewayRecord")
        .unwrap()
        .href
        .clone();
    let (s, ct, _) = get(&m, &edge, None).await;
    assert_eq!(s, 200);
    assert!(
        ct.starts_with("application/vnd.vmware.admin.edgeGateway+xml"),
        "{ct}"
    );
    sim.stop().await;
}

#[tokio::test]
async fn another_orgs_vdc_is_forbidden_like_vcd_says_it() {
    let sim = sim(2).await;
    let d = Scenario::demo_credentials();
    let provider = manager(&sim, &d.provider_user, "System", &d.provider_password);
    provider.login().await.unwrap();
    // The provider sees every org; take globex's VDC through its links.
    let (_, _, list) = get(&provider, "/api/org/", None).await;
    let globex = list
        .references
        .iter()
        .find(|r| r.name.as_deref() == Some("globex"))
        .unwrap()
        .href
        .clone();
    let (_, _, globex) = get(&provider, &globex, None).await;
    let vdc = link(&globex, "down", &format!("{T}vdc+xml")).href.clone();
    assert_eq!(get(&provider, &vdc, None).await.0, 200);

    let m = alice(&sim);
    let r = m
        .send(
            Method::GET,
            &vdc,
            &HeaderMap::new(),
            None,
            &mut Exchange::default(),
        )
        .await
        .unwrap();
    assert_eq!(r.status, 403);
    let err = r.vcd_error().unwrap();
    assert_eq!(
        err.minor.as_deref(),
        Some("ACCESS_TO_RESOURCE_IS_FORBIDDEN")
    );
    assert!(
        err.message.contains("com.vmware.vcloud.entity.vdc:"),
        "{}",
        err.message
    );
    // An id the server never made: the same 403, not a crash or a 500.
    let r = m
        .send(
            Method::GET,
            "/api/vApp/vapp-not-a-uuid",
            &HeaderMap::new(),
            None,
            &mut Exchange::default(),
        )
        .await
        .unwrap();
    assert_eq!(r.status, 403);
    sim.stop().await;
}

#[tokio::test]
async fn discover_maps_the_world_breadth_first_within_its_limits() {
    let sim = sim(3).await;
    let m = alice(&sim);
    let cancel = AtomicBool::new(false);
    let mut seen = Vec::new();
    let shallow = discover(
        &m,
        None,
        DiscoverLimits {
            depth: 0,
            max_pages: 100,
        },
        &cancel,
        |p| seen.push(p.pages_done),
    )
    .await
    .unwrap();
    assert_eq!(shallow.pages, 1);
    assert_eq!(shallow.map.len(), 7, "the Session's Links");
    assert_eq!(seen, [1]);

    let deep = discover(
        &m,
        None,
        DiscoverLimits {
            depth: 6,
            max_pages: 500,
        },
        &cancel,
        |_| {},
    )
    .await
    .unwrap();
    let mut deep = deep;
    let rows = deep.map.rows().unwrap();
    let hrefs: Vec<&str> = rows.iter().map(|r| r.href.as_str()).collect();
    for wanted in [
        "/api/vApp/vm-",
        "/api/vAppTemplate/vappTemplate-",
        "/api/admin/edgeGateway/",
    ] {
        assert!(
            hrefs.iter().any(|h| h.contains(wanted)),
            "{wanted} not discovered"
        );
    }
    // Every VM page was read, each row once.
    let vm_pages = rows
        .iter()
        .filter(|r| r.page.contains("/api/vApp/vm-"))
        .count();
    assert!(vm_pages > 0);
    let mut unique = rows.clone();
    unique.dedup();
    assert_eq!(unique.len(), deep.map.len());

    let capped = discover(
        &m,
        None,
        DiscoverLimits {
            depth: 6,
            max_pages: 5,
        },
        &cancel,
        |_| {},
    )
    .await
    .unwrap();
    assert_eq!(capped.pages, 5);

    let stop = AtomicBool::new(false);
    let cancelled = discover(
        &m,
        None,
        DiscoverLimits {
            depth: 6,
            max_pages: 500,
        },
        &stop,
        |p| {
            if p.pages_done == 3 {
                stop.store(true, std::sync::atomic::Ordering::Relaxed);
            }
        },
    )
    .await
    .unwrap();
    assert!(cancelled.cancelled);
    assert_eq!(cancelled.pages, 3);
    sim.stop().await;
}

#[tokio::test]
async fn a_method_a_path_does_not_take_gets_vcds_405_in_every_route_family() {
    let sim = sim(1).await;
    let m = alice(&sim);
    m.login().await.unwrap();
    for (method, path) in [
        (Method::POST, "/api/versions"),
        (Method::PUT, "/api/org/"),
        (Method::GET, "/cloudapi/1.0.0/sessions/provider"),
        (Method::PATCH, "/api/session"),
        (Method::DELETE, "/api/vdcStorageProfile/any"),
    ] {
        let r = m
            .send(
                method.clone(),
                path,
                &HeaderMap::new(),
                None,
                &mut Exchange::default(),
            )
            .await
            .unwrap();
        let body = String::from_utf8_lossy(r.body.in_memory().unwrap()).into_owned();
        assert_eq!(r.status, 405, "{method} {path}");
        assert!(
            body.contains("METHOD_NOT_ALLOWED"),
            "{method} {path}: {body}"
        );
        assert!(
            body.contains(&format!("HTTP method {method} is not supported")),
            "{body}"
        );
    }
    sim.stop().await;
}
