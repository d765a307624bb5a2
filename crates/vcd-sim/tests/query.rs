//! The query service against an independent computation over a world of 10,000 vApps: every
//! operator, `;` `,` and parentheses, wildcards, the escaping on both sides of API 35.0, sorts both
//! ways, every page size from 1 to 128 and an oversize one, and each record once when walking pages.
//! The expected answers come from the unfiltered records and hand-written predicates, not from the
//! simulator's own filter code.

mod common;

use common::{attr, start, Vcd};
use std::collections::BTreeSet;

type Rec = Vec<(String, String)>;

const SCALE: usize = 10_000;

fn hrefs(records: &[Rec]) -> Vec<String> {
    records
        .iter()
        .map(|r| attr(r, "href").unwrap().to_string())
        .collect()
}

/// The hrefs of a filtered query's every page, checking none repeats.
async fn walk(vcd: &Vcd, query: &str) -> Vec<String> {
    let all = hrefs(&vcd.all_records(query).await);
    let unique: BTreeSet<&String> = all.iter().collect();
    assert_eq!(unique.len(), all.len(), "{query}: a record came twice");
    all
}

fn starts(r: &Rec, prop: &str, prefix: &str) -> bool {
    attr(r, prop).is_some_and(|v| v.to_lowercase().starts_with(&prefix.to_lowercase()))
}

fn is(r: &Rec, prop: &str, value: &str) -> bool {
    attr(r, prop) == Some(value)
}

#[tokio::test]
async fn filters_sorts_and_pages_agree_with_an_independent_computation_over_10000_vapps() {
    let vcd = start(SCALE, 0, &[]).await;
    let everything = vcd.all_records("/api/query?type=vApp&pageSize=128").await;
    assert_eq!(everything.len(), SCALE);
    let expect = |keep: &dyn Fn(&Rec) -> bool| -> Vec<String> {
        hrefs(
            &everything
                .iter()
                .filter(|r| keep(r))
                .cloned()
                .collect::<Vec<_>>(),
        )
    };

    type Case<'a> = (&'a str, Box<dyn Fn(&Rec) -> bool>);
    let cases: Vec<Case> = vec![
        ("name==vapp-01*", Box::new(|r| starts(r, "name", "vapp-01"))),
        (
            "name==VAPP-0999*",
            Box::new(|r| starts(r, "name", "vapp-0999")),
        ),
        (
            "name==web-frontend",
            Box::new(|r| is(r, "name", "web-frontend")),
        ),
        ("name==Web-frontend", Box::new(|_| false)),
        (
            "name==*agent",
            Box::new(|r| attr(r, "name").unwrap().ends_with("agent")),
        ),
        (
            "status!=POWERED_OFF",
            Box::new(|r| !is(r, "status", "POWERED_OFF")),
        ),
        (
            "isDeployed==true",
            Box::new(|r| is(r, "isDeployed", "true")),
        ),
        // All records' dates are written in UTC with millis, so as text they order as instants.
        (
            "creationDate=lt=2026-01-05T10:00:00.000Z",
            Box::new(|r| attr(r, "creationDate").unwrap() < "2026-01-05T10:00:00.000Z"),
        ),
        (
            "creationDate=ge=2026-01-11T00:00:00.000+02:00",
            Box::new(|r| attr(r, "creationDate").unwrap() >= "2026-01-10T22:00:00.000Z"),
        ),
        (
            "creationDate=le=2026-01-05T09:35:00.000Z",
            Box::new(|r| attr(r, "creationDate").unwrap() <= "2026-01-05T09:35:00.000Z"),
        ),
        (
            "creationDate=gt=2026-01-11T20:00:00.000Z",
            Box::new(|r| attr(r, "creationDate").unwrap() > "2026-01-11T20:00:00.000Z"),
        ),
        (
            "numberOfVMs=gt=1",
            Box::new(|r| attr(r, "numberOfVMs").unwrap().parse::<u32>().unwrap() > 1),
        ),
        (
            "numberOfVMs=le=1",
            Box::new(|r| attr(r, "numberOfVMs").unwrap().parse::<u32>().unwrap() <= 1),
        ),
        (
            "status==POWERED_ON;name==vapp-00*",
            Box::new(|r| is(r, "status", "POWERED_ON") && starts(r, "name", "vapp-00")),
        ),
        (
            "name==web-frontend,name==db-backend",
            Box::new(|r| is(r, "name", "web-frontend") || is(r, "name", "db-backend")),
        ),
        (
            "(name==vapp-001*,name==vapp-002*);status==POWERED_ON",
            Box::new(|r| {
                (starts(r, "name", "vapp-001") || starts(r, "name", "vapp-002"))
                    && is(r, "status", "POWERED_ON")
            }),
        ),
        (
            "name==vapp-0001*,status==POWERED_ON;isDeployed==false",
            Box::new(|r| {
                starts(r, "name", "vapp-0001")
                    || (is(r, "status", "POWERED_ON") && is(r, "isDeployed", "false"))
            }),
        ),
    ];
    for (filter, keep) in &cases {
        let query = format!(
            "/api/query?type=vApp&pageSize=128&filter={}",
            vcd_api::encode_component(filter)
        );
        let got = walk(&vcd, &query).await;
        let want = expect(keep.as_ref());
        assert_eq!(got.len(), want.len(), "{filter}: how many");
        assert_eq!(got, want, "{filter}");
        let first = vcd.get(&query).await;
        assert_eq!(
            first.root_attr("total"),
            Some(want.len().to_string()),
            "{filter}: total"
        );
    }

    // Sorted both ways, against the same records sorted here.
    let subset: Vec<Rec> = everything
        .iter()
        .filter(|r| starts(r, "name", "vapp-00"))
        .cloned()
        .collect();
    let mut by_name = subset.clone();
    by_name.sort_by(|a, b| attr(a, "name").cmp(&attr(b, "name")));
    let asc = walk(
        &vcd,
        "/api/query?type=vApp&pageSize=100&filter=name==vapp-00*&sortAsc=name",
    )
    .await;
    assert_eq!(asc, hrefs(&by_name));
    let mut by_date = subset.clone();
    by_date.sort_by(|a, b| attr(b, "creationDate").cmp(&attr(a, "creationDate")));
    let desc = walk(
        &vcd,
        "/api/query?type=vApp&pageSize=77&filter=name==vapp-00*&sortDesc=creationDate",
    )
    .await;
    assert_eq!(desc, hrefs(&by_date));

    // Every page size, and one past the maximum (clamped to 128, not refused).
    let want = expect(&|r| starts(r, "name", "vapp-001"));
    assert_eq!(want.len(), 100);
    for size in (1..=128).chain([500]) {
        let query = format!("/api/query?type=vApp&filter=name==vapp-001*&pageSize={size}");
        let first = vcd.get(&query).await;
        let served = size.min(128);
        assert_eq!(
            first.root_attr("pageSize"),
            Some(served.to_string()),
            "pageSize {size}"
        );
        let last = first.link("lastPage").unwrap();
        assert!(
            last.contains(&format!("page={}&", 100usize.div_ceil(served))),
            "pageSize {size}: {last}"
        );
        assert_eq!(walk(&vcd, &query).await, want, "pageSize {size}");
    }
}

#[tokio::test]
async fn filter_values_escape_by_the_rule_of_the_version_asked_for() {
    let mut vcd = start(3, 0, &[]).await;
    let vapp = vcd.vapp("build-agent").await.unwrap();
    let odd = "odd(name);with,chars";
    let body = format!(r#"<VApp xmlns="http://www.vmware.com/vcloud/v1.5" name="{odd}"/>"#);
    let t = vcd
        .send("PUT", &vapp, Some((vcd_api::types::VAPP, &body)))
        .await;
    vcd.wait(t.header("location").unwrap()).await;

    // From 35.0: backslashes.
    let escaped = vcd_api::encode_component(r"name==odd\(name\)\;with\,chars");
    let found = vcd
        .get(&format!("/api/query?type=vApp&filter={escaped}"))
        .await;
    assert_eq!(
        found.root_attr("total").as_deref(),
        Some("1"),
        "{}",
        found.body
    );
    let raw = vcd_api::encode_component("name==odd(name);with,chars");
    let refused = vcd.get(&format!("/api/query?type=vApp&filter={raw}")).await;
    assert_eq!(refused.status, 400);
    assert!(refused
        .root_attr("message")
        .unwrap()
        .starts_with("Bad request: Unmatched opening and closing brackets"));

    // Below 35.0: the value percent-encoded a second time, with filterEncoded=true.
    vcd.version = "34.0".into();
    let twice = vcd_api::encode_component("name==odd%28name%29%3Bwith%2Cchars");
    let found = vcd
        .get(&format!(
            "/api/query?type=vApp&filterEncoded=true&filter={twice}"
        ))
        .await;
    assert_eq!(
        found.root_attr("total").as_deref(),
        Some("1"),
        "{}",
        found.body
    );
    // Without filterEncoded the encoded value is taken as it is, and names nothing.
    let literal = vcd
        .get(&format!("/api/query?type=vApp&filter={twice}"))
        .await;
    assert_eq!(
        literal.root_attr("total").as_deref(),
        Some("0"),
        "{}",
        literal.body
    );
}

#[tokio::test]
async fn the_query_list_formats_packaged_queries_and_bad_queries_answer_as_vcd_does() {
    let vcd = start(30, 0, &[]).await;
    let list = vcd.get("/api/query").await;
    assert_eq!(list.status, 200);
    let doc = list.doc();
    let links: Vec<(String, String)> = doc
        .descendants()
        .filter(|n| n.has_tag_name("Link"))
        .map(|n| {
            (
                n.attribute("name").unwrap().into(),
                n.attribute("type").unwrap().into(),
            )
        })
        .collect();
    for t in [
        "vApp",
        "vm",
        "orgVdc",
        "catalog",
        "catalogItem",
        "vAppTemplate",
        "edgeGateway",
        "orgVdcNetwork",
        "task",
        "media",
        "user",
    ] {
        for f in ["records", "idrecords", "references"] {
            let media = format!("application/vnd.vmware.vcloud.query.{f}+xml");
            assert!(links.contains(&(t.to_string(), media)), "{t} {f}");
        }
    }
    let refs = vcd
        .get("/api/query?type=vm&format=references&pageSize=5")
        .await;
    assert!(
        refs.body.contains("<VMReferences") && refs.body.contains("<VMReference "),
        "{}",
        refs.body
    );
    let ids = vcd
        .get("/api/query?type=vApp&format=idrecords&pageSize=1")
        .await;
    assert!(ids.body.contains(r#"vdc="urn:vcloud:vdc:"#), "{}", ids.body);
    let packaged = vcd.get("/api/vApps/query?pageSize=10&page=3").await;
    assert_eq!(packaged.root_attr("total").as_deref(), Some("30"));
    assert!(packaged
        .link("previousPage")
        .unwrap()
        .starts_with(&format!("{}/api/vApps/query?", vcd.sim.url())));
    let fields = vcd
        .get("/api/query?type=vm&fields=name,status&pageSize=1")
        .await;
    assert!(!fields.body.contains("guestOs="), "{}", fields.body);
    for (query, message) in [
        (
            "/api/query?type=vApp&filter=(name==a",
            "Unmatched opening and closing brackets",
        ),
        (
            "/api/query?type=vApp&filter=colour==red",
            "\"colour\" is not a property of the vApp query",
        ),
        ("/api/query?type=spaceship", "is not a valid query type"),
        ("/api/query?type=vApp&page=99", "past the last page"),
        (
            "/api/query?type=vApp&pageSize=0",
            "pageSize must be a whole number",
        ),
    ] {
        let r = vcd.get(query).await;
        assert_eq!(r.status, 400, "{query}");
        assert!(
            r.root_attr("message").unwrap().contains(message),
            "{query}: {}",
            r.body
        );
    }
    // An Org at API 33 and later links to its VDC and catalog queries, and they answer.
    let orgs = vcd.get("/api/org/").await;
    let odoc = orgs.doc();
    let org = odoc
        .descendants()
        .find(|n| n.has_tag_name("Org"))
        .unwrap()
        .attribute("href")
        .unwrap()
        .to_string();
    let page = vcd.get(&org).await;
    let pdoc = page.doc();
    let vdcs = pdoc
        .descendants()
        .find(|n| {
            n.attribute("type") == Some("application/vnd.vmware.vcloud.query.records+xml")
                && n.attribute("href").unwrap().contains("type=orgVdc")
        })
        .expect("the Org links to its VDC query")
        .attribute("href")
        .unwrap()
        .to_string();
    let answer = vcd.get(&vdcs).await;
    assert_eq!(
        answer.root_attr("total").as_deref(),
        Some("1"),
        "{}",
        answer.body
    );
}
