//! `vcdw query`, `vcdw send --wait` and `vcdw task` as a user runs them: real processes against
//! `vcdw sim` over loopback. A query string in a relative path is sent as one; `--all` returns each
//! record once and writes CSV or JSON; `--wait` follows the task and its exit status says how it
//! ended; `task cancel` ends a running task canceled.

mod common;

use common::{run_with, Sim};
use serde_json::Value;

const PASSWORD: (&str, &str) = ("VCDW_PASSWORD", "demo-Alice-1");

fn login(sim: &Sim) -> Vec<String> {
    ["--url", sim.url(), "--org", "acme", "--user", "alice"]
        .iter()
        .map(|s| s.to_string())
        .collect()
}

fn vcdw(sim: &Sim, args: &[&str]) -> std::process::Output {
    let mut all: Vec<String> = args.iter().map(|s| s.to_string()).collect();
    all.extend(login(sim));
    let refs: Vec<&str> = all.iter().map(String::as_str).collect();
    run_with(&refs, "", &[PASSWORD])
}

fn json(out: &std::process::Output) -> Value {
    serde_json::from_slice(&out.stdout).unwrap_or_else(|e| {
        panic!(
            "{e}: {}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        )
    })
}

fn web_frontend(sim: &Sim) -> String {
    let out = vcdw(
        sim,
        &[
            "query",
            "vApp",
            "--filter",
            "name==web-frontend",
            "--format",
            "references",
            "--json",
        ],
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    json(&out)["records"][0]["href"]
        .as_str()
        .unwrap()
        .to_string()
}

#[test]
fn a_query_string_in_a_relative_path_is_sent_as_a_query_string() {
    let sim = Sim::start(&[]);
    let out = vcdw(
        &sim,
        &["send", "GET", "/api/query?type=vApp&pageSize=2", "--json"],
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let body = json(&out)["body"].as_str().unwrap().to_string();
    assert!(
        body.contains(r#"pageSize="2""#) && body.contains("<VAppRecord"),
        "{body}"
    );
}

#[test]
fn query_all_returns_each_record_once_and_writes_csv_and_json() {
    let sim = Sim::start(&["--scale", "250"]);
    let dir = tempfile::tempdir().unwrap();
    let csv = dir.path().join("vapps.csv");
    let out = vcdw(
        &sim,
        &[
            "query",
            "vApp",
            "--all",
            "--page-size",
            "7",
            "--out",
            csv.to_str().unwrap(),
        ],
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = std::fs::read_to_string(&csv).unwrap();
    let mut lines = text.lines();
    let header: Vec<&str> = lines.next().unwrap().split(',').collect();
    let href = header.iter().position(|c| *c == "href").unwrap();
    let hrefs: std::collections::BTreeSet<String> = lines
        .map(|l| l.split(',').nth(href).unwrap().to_string())
        .collect();
    assert_eq!(hrefs.len(), 250, "each vApp once");

    let js = dir.path().join("vms.json");
    let out = vcdw(
        &sim,
        &[
            "query",
            "vm",
            "--all",
            "--filter",
            "name==web-frontend*",
            "--fields",
            "name,status",
            "--sort-desc",
            "name",
            "--out",
            js.to_str().unwrap(),
        ],
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let rows: Vec<Value> = serde_json::from_str(&std::fs::read_to_string(&js).unwrap()).unwrap();
    let names: Vec<&str> = rows.iter().map(|r| r["name"].as_str().unwrap()).collect();
    assert_eq!(names, ["web-frontend-vm2", "web-frontend-vm1"]);
    assert!(
        rows[0].get("guestOs").is_none(),
        "only the fields asked for"
    );

    // A bad filter: VCD's message, and a failing exit status.
    let bad = vcdw(&sim, &["query", "vApp", "--filter", "(name==a"]);
    assert!(!bad.status.success());
    assert!(String::from_utf8_lossy(&bad.stderr).contains("Unmatched opening and closing brackets"));
    let bad = vcdw(&sim, &["query", "vApp", "--out", "vapps.txt"]);
    assert!(String::from_utf8_lossy(&bad.stderr).contains("name a .csv or a .json file"));
}

#[test]
fn send_wait_follows_the_task_and_its_exit_status_says_how_it_ended() {
    let sim = Sim::start(&["--task-ms", "600", "--fail-operation", "vappPowerOff"]);
    let vapp = web_frontend(&sim);
    let on = vcdw(
        &sim,
        &[
            "send",
            "POST",
            &format!("{vapp}/power/action/powerOn"),
            "--wait",
            "--json",
        ],
    );
    let err = String::from_utf8_lossy(&on.stderr).into_owned();
    assert!(on.status.success(), "{err}");
    assert!(err.contains("task vappPowerOn success 100 %"), "{err}");
    assert_eq!(json(&on)["tasks"][0]["task"]["status"], "success");
    let page = vcdw(&sim, &["send", "GET", &vapp, "--json"]);
    assert!(json(&page)["body"]
        .as_str()
        .unwrap()
        .contains(r#"status="4""#));

    // The scenario makes power off fail: the exit status says so, with VCD's error.
    let off = vcdw(
        &sim,
        &[
            "send",
            "POST",
            &format!("{vapp}/power/action/powerOff"),
            "--wait",
        ],
    );
    assert!(!off.status.success());
    let err = String::from_utf8_lossy(&off.stderr).into_owned();
    assert!(
        err.contains("the task vappPowerOff ended error") && err.contains("INTERNAL_SERVER_ERROR"),
        "{err}"
    );
}

#[test]
fn task_cancel_ends_a_running_task_canceled_and_task_wait_says_so() {
    let sim = Sim::start(&["--task-ms", "60000"]);
    let vapp = web_frontend(&sim);
    let started = vcdw(
        &sim,
        &[
            "send",
            "POST",
            &format!("{vapp}/power/action/powerOn"),
            "--json",
        ],
    );
    assert!(started.status.success());
    let task = json(&started)["tasks"][0]["task"]["href"]
        .as_str()
        .unwrap()
        .to_string();
    let cancel = vcdw(&sim, &["task", "cancel", &task, "--json"]);
    assert!(
        cancel.status.success(),
        "{}",
        String::from_utf8_lossy(&cancel.stderr)
    );
    assert_eq!(json(&cancel)["task"]["status"], "canceled");
    let wait = vcdw(&sim, &["task", "wait", &task]);
    assert!(!wait.status.success());
    assert!(String::from_utf8_lossy(&wait.stderr).contains("ended canceled"));
}
