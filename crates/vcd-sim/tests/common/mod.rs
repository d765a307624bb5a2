//! A small VCD client for the simulator's own tests: log in as the demo tenant, send requests with
//! the session token and a version in Accept, read XML answers.
#![allow(dead_code)]

use reqwest::header::HeaderMap;
use std::time::{Duration, Instant};
use vcd_sim::{RunningSim, Scenario, SimOptions};

pub struct Vcd {
    pub sim: RunningSim,
    client: reqwest::Client,
    token: String,
    pub version: String,
}

pub struct Answer {
    pub status: u16,
    pub headers: HeaderMap,
    pub body: String,
}

impl Answer {
    pub fn doc(&self) -> roxmltree::Document<'_> {
        roxmltree::Document::parse(&self.body).unwrap_or_else(|e| panic!("{e}: {}", self.body))
    }

    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.get(name).and_then(|v| v.to_str().ok())
    }

    /// The `href` of the Link with `rel`, if any.
    pub fn link(&self, rel: &str) -> Option<String> {
        let doc = self.doc();
        let link = doc
            .root_element()
            .children()
            .find(|n| n.has_tag_name("Link") && n.attribute("rel") == Some(rel))
            .and_then(|n| n.attribute("href"))
            .map(str::to_string);
        link
    }

    pub fn root_attr(&self, name: &str) -> Option<String> {
        self.doc()
            .root_element()
            .attribute(name)
            .map(str::to_string)
    }
}

/// A simulator with `scale` vApps per VDC and tasks of `task_ms`, logged in as the demo tenant.
pub async fn start(scale: usize, task_ms: u64, failing: &[&str]) -> Vcd {
    let creds = Scenario::demo_credentials();
    start_as(
        scale,
        task_ms,
        failing,
        (&creds.user, &creds.org, &creds.password),
    )
    .await
}

/// The same, logged in as `(user, org, password)`.
pub async fn start_as(
    scale: usize,
    task_ms: u64,
    failing: &[&str],
    who: (&str, &str, &str),
) -> Vcd {
    let mut scenario = Scenario::demo();
    scenario.task_ms = task_ms;
    scenario.failing_operations = failing.iter().map(|s| s.to_string()).collect();
    let sim = vcd_sim::start(SimOptions {
        scenario,
        scale,
        ..SimOptions::default()
    })
    .await
    .unwrap();
    let client = reqwest::Client::new();
    let login = client
        .post(format!("{}{}", sim.url(), vcd_api::LEGACY_LOGIN_PATH))
        .basic_auth(format!("{}@{}", who.0, who.1), Some(who.2))
        .header("Accept", vcd_api::xml_accept("38.0"))
        .send()
        .await
        .unwrap();
    assert_eq!(login.status(), 200);
    let token = login.headers()[vcd_api::LEGACY_SESSION_HEADER]
        .to_str()
        .unwrap()
        .to_string();
    Vcd {
        sim,
        client,
        token,
        version: "38.0".into(),
    }
}

impl Vcd {
    /// An absolute href, or a path on the simulator.
    fn url(&self, href: &str) -> String {
        if href.starts_with("http") {
            href.to_string()
        } else {
            format!("{}{href}", self.sim.url())
        }
    }

    pub async fn send(&self, method: &str, href: &str, body: Option<(&str, &str)>) -> Answer {
        self.send_accepting(
            method,
            href,
            body,
            &vcd_api::xml_accept(&self.version),
            true,
        )
        .await
    }

    /// A request with this Accept, with or without the session.
    pub async fn send_accepting(
        &self,
        method: &str,
        href: &str,
        body: Option<(&str, &str)>,
        accept: &str,
        with_session: bool,
    ) -> Answer {
        let method = reqwest::Method::from_bytes(method.as_bytes()).unwrap();
        let mut r = self
            .client
            .request(method, self.url(href))
            .header("Accept", accept);
        if with_session {
            r = r.header(vcd_api::LEGACY_SESSION_HEADER, &self.token);
        }
        if let Some((content_type, text)) = body {
            r = r
                .header("Content-Type", content_type)
                .body(text.to_string());
        }
        let resp = r.send().await.unwrap();
        Answer {
            status: resp.status().as_u16(),
            headers: resp.headers().clone(),
            body: resp.text().await.unwrap(),
        }
    }

    pub async fn get(&self, href: &str) -> Answer {
        self.send("GET", href, None).await
    }

    /// Polls a task until it ends, and answers its last body.
    pub async fn wait(&self, task_href: &str) -> Answer {
        let deadline = Instant::now() + Duration::from_secs(30);
        loop {
            let t = self.get(task_href).await;
            assert_eq!(t.status, 200, "{}", t.body);
            let status = t.root_attr("status").unwrap();
            if !matches!(status.as_str(), "queued" | "preRunning" | "running") {
                return t;
            }
            assert!(
                Instant::now() < deadline,
                "the task did not end: {}",
                t.body
            );
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
    }

    /// The hrefs of an org's vApps through the VDC page, by name.
    pub async fn vapp(&self, name: &str) -> Option<String> {
        let q = self
            .get(&format!(
                "/api/query?type=vApp&filter=name=={name}&pageSize=128"
            ))
            .await;
        assert_eq!(q.status, 200, "{}", q.body);
        let doc = q.doc();
        let href = doc
            .descendants()
            .find(|n| n.has_tag_name("VAppRecord"))
            .and_then(|n| n.attribute("href"))
            .map(str::to_string);
        href
    }

    /// Every record of a query, walking its nextPage links; each record's attributes.
    pub async fn all_records(&self, first: &str) -> Vec<Vec<(String, String)>> {
        let mut out = Vec::new();
        let mut next = Some(first.to_string());
        while let Some(href) = next {
            let page = self.get(&href).await;
            assert_eq!(page.status, 200, "{href}: {}", page.body);
            let doc = page.doc();
            for r in doc
                .root_element()
                .children()
                .filter(|n| n.is_element() && !n.has_tag_name("Link"))
            {
                out.push(
                    r.attributes()
                        .map(|a| (a.name().to_string(), a.value().to_string()))
                        .collect(),
                );
            }
            next = page.link("nextPage");
        }
        out
    }
}

pub fn attr<'a>(record: &'a [(String, String)], name: &str) -> Option<&'a str> {
    record
        .iter()
        .find(|(k, _)| k == name)
        .map(|(_, v)| v.as_str())
}
