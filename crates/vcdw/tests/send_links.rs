//! `vcdw send` and `vcdw links` against a real `vcdw sim` over pinned HTTPS.

mod common;

use common::{Sim, VCDW};
use serde_json::Value;
use std::path::PathBuf;
use std::process::{Command, Output};

fn sim() -> Sim {
    Sim::start(&["--tls"])
}

/// Runs vcdw as alice@acme of the demo world (ad-hoc flags, password from the environment).
fn as_alice(sim: &Sim, args: &[&str]) -> Output {
    Command::new(VCDW)
        .args(args)
        .args([
            "--url",
            sim.url(),
            "--org",
            "acme",
            "--user",
            "alice",
            "--pin",
            sim.sha256(),
        ])
        .env("VCDW_PASSWORD", "demo-Alice-1")
        .env_remove("VCDW_API_TOKEN")
        .output()
        .unwrap()
}

fn json_of(out: &Output) -> Value {
    serde_json::from_slice(&out.stdout)
        .unwrap_or_else(|e| panic!("{e}: {}", String::from_utf8_lossy(&out.stdout)))
}

fn tmp(tag: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("vcdw-send-{tag}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

#[test]
fn send_prints_status_headers_body_links_and_references() {
    let sim = sim();
    let out = as_alice(&sim, &["send", "GET", "/api/org", "--json"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let v = json_of(&out);
    assert_eq!(v["status"], 200);
    // Milliseconds with their fraction: a loopback answer takes well under one.
    assert!(v["elapsed_ms"].as_f64().is_some_and(|ms| ms > 0.0));
    assert!(v["headers"]["content-type"]
        .as_str()
        .unwrap()
        .starts_with("application/vnd.vmware.vcloud.orgList+xml;version=38.0"));
    assert!(v["body"].as_str().unwrap().contains("<OrgList"));
    assert_eq!(v["error"], Value::Null);
    let refs = v["references"].as_array().unwrap();
    assert_eq!(refs.len(), 1);
    assert_eq!(refs[0]["element"], "Org");
    assert_eq!(refs[0]["name"], "acme");
    // The totals stand beside the lists (they differ only past vcd_core::MAX_PAGE_LINKS).
    assert_eq!(v["references_total"], 1);
    assert_eq!(v["links_total"], v["links"].as_array().unwrap().len());

    // Follow that reference: the Org's links come with their methods.
    let org = refs[0]["href"].as_str().unwrap().to_string();
    let v = json_of(&as_alice(&sim, &["send", "GET", &org, "--json"]));
    let links = v["links"].as_array().unwrap();
    let vdc = links
        .iter()
        .find(|l| l["type"] == "application/vnd.vmware.vcloud.vdc+xml")
        .unwrap();
    assert_eq!(vdc["rel"], "down");
    assert_eq!(vdc["method"], "GET");
    assert!(links
        .iter()
        .any(|l| l["rel"] == "add" && l["method"] == "POST"));
}

#[test]
fn http_errors_exit_non_zero_with_the_decoded_vcd_error() {
    let sim = sim();
    let out = as_alice(&sim, &["send", "GET", "/api/vdc/not-mine", "--json"]);
    assert!(!out.status.success());
    let v = json_of(&out);
    assert_eq!(v["status"], 403);
    assert_eq!(v["error"]["minor"], "ACCESS_TO_RESOURCE_IS_FORBIDDEN");
    assert_eq!(v["error"]["major"], "403");
    assert!(v["error"]["message"]
        .as_str()
        .unwrap()
        .contains("No access to entity"));

    let out = as_alice(
        &sim,
        &[
            "send",
            "GET",
            "/api/org",
            "-H",
            "Accept: application/*+xml;version=1.0",
        ],
    );
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("HTTP 406") && err.contains("Supported API versions"),
        "{err}"
    );
    assert!(
        err.contains("hint: The server does not serve the API version"),
        "{err}"
    );
}

#[test]
fn a_malformed_body_is_refused_before_anything_is_sent() {
    let sim = sim();
    let dir = tmp("body");
    let body = dir.join("deploy.xml");
    std::fs::write(&body, "<DeployVAppParams powerOn=\"false\">").unwrap();
    let out = as_alice(
        &sim,
        &[
            "send",
            "POST",
            "/api/vApp/vapp-x/action/deploy",
            "--body",
            body.to_str().unwrap(),
            "--content-type",
            "application/vnd.vmware.vcloud.deployVAppParams+xml",
        ],
    );
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("not well-formed XML"), "{err}");
    let out = as_alice(&sim, &["send", "GET", "/api/org", "-H", "NoColon"]);
    assert!(String::from_utf8_lossy(&out.stderr).contains("'Name: value'"));
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn links_maps_the_api_into_each_format() {
    let sim = sim();
    let dir = tmp("links");
    for name in ["map.json", "map.csv", "map.md", "map.xml"] {
        let path = dir.join(name);
        let out = as_alice(
            &sim,
            &["links", "--depth", "6", "--out", path.to_str().unwrap()],
        );
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        let said = String::from_utf8_lossy(&out.stdout);
        assert!(said.starts_with("Saved "), "{said}");
        let text = std::fs::read_to_string(&path).unwrap();
        // Every VM of the three demo vApps is in the map, found through the vApps' Children.
        for k in 0..6 {
            assert!(
                text.contains(&format!("-0003-4000-8000-{k:012x}")),
                "{name} lacks VM {k}"
            );
        }
    }
    let v: Value =
        serde_json::from_str(&std::fs::read_to_string(dir.join("map.json")).unwrap()).unwrap();
    let rows = v["links"].as_array().unwrap();
    assert_eq!(v["count"], rows.len());
    assert!(rows
        .iter()
        .any(|r| r["element"] == "Vm" && r["page"].as_str().unwrap().contains("/api/vApp/vapp-")));

    // Depth 0: the Session's own links only.
    let path = dir.join("session.csv");
    let out = as_alice(&sim, &["links", "--out", path.to_str().unwrap()]);
    assert!(out.status.success());
    assert_eq!(
        std::fs::read_to_string(&path).unwrap().lines().count(),
        1 + 7
    );

    let out = as_alice(
        &sim,
        &["links", "--out", dir.join("map.txt").to_str().unwrap()],
    );
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains(".json, .csv, .md or .xml"));
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn variables_come_from_the_environment_and_the_profile_which_wins() {
    let sim = sim();
    let dir = tmp("vars");
    std::fs::create_dir_all(dir.join("config")).unwrap();
    std::fs::write(
        dir.join("config/settings.json"),
        r#"{"large_body_mb": 5, "variables": {"where": "org"}}"#,
    )
    .unwrap();
    let password = [("VCDW_PASSWORD", "demo-Alice-1")];
    for (name, extra) in [("env-only", None), ("override", Some("where=vdc/not-mine"))] {
        let mut args = vec![
            "profile",
            "add",
            name,
            "--url",
            sim.url(),
            "--org",
            "acme",
            "--user",
            "alice",
            "--pin",
            sim.sha256(),
        ];
        if let Some(v) = extra {
            args.extend(["--var", v]);
        }
        let out = common::run_in(&dir, &args, "", &[]);
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
    let out = common::run_in(
        &dir,
        &[
            "send",
            "GET",
            "/api/{{where}}",
            "--profile",
            "env-only",
            "--json",
        ],
        "",
        &password,
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(json_of(&out)["body"].as_str().unwrap().contains("<OrgList"));

    let out = common::run_in(
        &dir,
        &[
            "send",
            "GET",
            "/api/{{where}}",
            "--profile",
            "override",
            "--json",
        ],
        "",
        &password,
    );
    assert_eq!(json_of(&out)["status"], 403, "the profile's value won");

    let out = common::run_in(
        &dir,
        &["send", "GET", "/api/{{nowhere}}", "--profile", "env-only"],
        "",
        &password,
    );
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("{{nowhere}}") && err.contains("where"),
        "{err}"
    );
    std::fs::remove_dir_all(&dir).unwrap();
}
