//! CloudAPI lists over HTTP: VCD's paging envelope, Link headers with combined rels, FIQL filters
//! and sorts on dotted properties, and the JSON error shape.

mod common;

use common::start_as;
use serde_json::Value;

fn links(a: &common::Answer) -> Vec<(String, String)> {
    a.headers
        .get_all("link")
        .iter()
        .map(|v| {
            let v = v.to_str().unwrap();
            let url = v[1..v.find('>').unwrap()].to_string();
            let rel = v.split("rel=\"").nth(1).unwrap();
            (rel[..rel.find('"').unwrap()].to_string(), url)
        })
        .collect()
}

fn json(a: &common::Answer) -> Value {
    serde_json::from_str(&a.body).unwrap_or_else(|e| panic!("{e}: {}", a.body))
}

#[tokio::test]
async fn cloudapi_lists_page_with_combined_link_rels_and_decode_filters() {
    let vcd = start_as(3, 0, &[], ("administrator", "System", "demo-Provider-1")).await;
    let accept = vcd_api::json_accept("38.0");
    let get = |path: String| {
        let vcd = &vcd;
        let accept = accept.clone();
        async move { vcd.send_accepting("GET", &path, None, &accept, true).await }
    };
    let all = get("/cloudapi/1.0.0/orgs".into()).await;
    assert_eq!(all.status, 200, "{}", all.body);
    let total = json(&all)["resultTotal"].as_u64().unwrap();
    assert!(total >= 3, "the provider sees every org: {}", all.body);

    // Page 2 of pages of one: first and previous are one page, as are next and last when the
    // next page is the last.
    let page2 = get("/cloudapi/1.0.0/orgs?page=2&pageSize=1".into()).await;
    let body = json(&page2);
    assert_eq!(body["page"], 2);
    assert_eq!(body["pageCount"].as_u64(), Some(total));
    assert_eq!(body["values"].as_array().unwrap().len(), 1);
    let l = links(&page2);
    assert!(
        l.iter()
            .any(|(rel, url)| rel == "firstPage previousPage" && url.contains("page=1&")),
        "{l:?}"
    );
    let next_rel = if total == 3 {
        "lastPage nextPage"
    } else {
        "nextPage"
    };
    assert!(
        l.iter()
            .any(|(rel, url)| rel == next_rel && url.contains("page=3&")),
        "{l:?}"
    );

    // Walking nextPage visits each org once.
    let mut seen = Vec::new();
    let mut next = Some(format!(
        "{}/cloudapi/1.0.0/orgs?pageSize=2&sortDesc=name",
        vcd.sim.url()
    ));
    while let Some(url) = next {
        let page = get(url).await;
        for v in json(&page)["values"].as_array().unwrap() {
            seen.push(v["name"].as_str().unwrap().to_string());
        }
        next = links(&page)
            .into_iter()
            .find(|(rel, _)| rel.split(' ').any(|r| r == "nextPage"))
            .map(|(_, url)| url);
    }
    let mut sorted = seen.clone();
    sorted.sort();
    sorted.reverse();
    assert_eq!(seen, sorted, "sortDesc=name");
    assert_eq!(seen.len() as u64, total);

    // FIQL on a dotted property.
    let acme = get("/cloudapi/1.0.0/vdcs?filter=org.name==acme".into()).await;
    let values = json(&acme)["values"].as_array().unwrap().clone();
    assert_eq!(values.len(), 1, "{}", acme.body);
    assert_eq!(values[0]["org"]["name"], "acme");
    let edges = get("/cloudapi/1.0.0/edgeGateways?filter=name==acme*".into()).await;
    assert_eq!(json(&edges)["resultTotal"], 1, "{}", edges.body);
    let tokens = get("/cloudapi/1.0.0/tokens".into()).await;
    assert!(
        json(&tokens)["resultTotal"].as_u64().unwrap() >= 1,
        "{}",
        tokens.body
    );
    assert!(
        !tokens.body.contains("demo-api-token"),
        "a token list never holds a token"
    );

    // Errors in CloudAPI's JSON shape.
    let bad = get("/cloudapi/1.0.0/orgs?filter=(name==a".into()).await;
    assert_eq!(bad.status, 400);
    assert_eq!(json(&bad)["minorErrorCode"], "BAD_REQUEST");
    assert!(json(&bad)["message"]
        .as_str()
        .unwrap()
        .contains("Unmatched"));
    let anonymous = vcd
        .send_accepting("GET", "/cloudapi/1.0.0/orgs", None, &accept, false)
        .await;
    assert_eq!(anonymous.status, 401);
    assert_eq!(json(&anonymous)["minorErrorCode"], "NOT_AUTHENTICATED");
}

#[tokio::test]
async fn a_tenant_lists_only_its_own_org_and_tokens() {
    let vcd = start_as(3, 0, &[], ("alice", "acme", "demo-Alice-1")).await;
    let accept = vcd_api::json_accept("38.0");
    let orgs = vcd
        .send_accepting("GET", "/cloudapi/1.0.0/orgs", None, &accept, true)
        .await;
    let body = json(&orgs);
    assert_eq!(body["resultTotal"], 1, "{}", orgs.body);
    assert_eq!(body["values"][0]["name"], "acme");
    let tokens = vcd
        .send_accepting("GET", "/cloudapi/1.0.0/tokens", None, &accept, true)
        .await;
    for t in json(&tokens)["values"].as_array().unwrap() {
        assert_eq!(t["org"]["name"], "acme", "{}", tokens.body);
    }
}
