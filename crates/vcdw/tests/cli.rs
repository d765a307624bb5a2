//! `vcdw sim` and `vcdw versions` as a user runs them: real processes over loopback.

mod common;

use common::{Sim, VCDW};
use serde_json::Value;
use std::process::{Command, Output};

fn sim(args: &[&str]) -> Sim {
    Sim::start(args)
}

fn vcdw(args: &[&str]) -> Output {
    Command::new(VCDW).args(args).output().expect("vcdw runs")
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

#[test]
fn versions_over_tls_with_a_pin_in_any_spelling() {
    let sim = sim(&["--tls"]);
    let url = sim.first_line["url"].as_str().unwrap();
    let sha = sim.first_line["sha256"].as_str().unwrap();
    assert!(url.starts_with("https://127.0.0.1:"), "{url}");
    assert_eq!(sha.len(), 95, "{sha}");

    for pin in [sha.to_string(), sha.replace(':', "").to_lowercase()] {
        let out = vcdw(&["versions", url, "--json", "--pin", &pin]);
        assert!(out.status.success(), "{}", text(&out.stderr));
        let json: Value = serde_json::from_slice(&out.stdout).unwrap();
        assert_eq!(json["default"], "38.0");
        let versions = json["versions"].as_array().unwrap();
        assert_eq!(versions[0]["version"], "38.0");
        assert_eq!(versions[0]["release"], "10.5");
        assert_eq!(versions[0]["deprecated"], false);
        assert_eq!(
            versions[0]["login_url"],
            format!("{url}/cloudapi/1.0.0/sessions")
        );
        assert_eq!(
            versions[0]["provider_login_url"],
            format!("{url}/cloudapi/1.0.0/sessions/provider")
        );
        assert_eq!(versions.last().unwrap()["version"], "5.5");
        assert_eq!(versions.last().unwrap()["provider_login_url"], Value::Null);
    }
}

#[test]
fn an_unpinned_self_signed_server_fails_with_one_line_naming_the_fingerprint() {
    let sim = sim(&["--tls", "--release", "10.4"]);
    let url = sim.first_line["url"].as_str().unwrap();
    let sha = sim.first_line["sha256"].as_str().unwrap();
    let out = vcdw(&["versions", url]);
    assert!(!out.status.success());
    let stderr = text(&out.stderr);
    assert_eq!(stderr.trim_end().lines().count(), 1, "{stderr}");
    assert!(stderr.contains(sha), "{stderr}");

    let out = vcdw(&["versions", url, "--insecure", "--json"]);
    assert!(out.status.success());
    assert!(text(&out.stderr).contains("warning: --insecure"));
    let json: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(json["default"], "37.0");
}

#[test]
fn plain_http_sim_lists_a_release_and_prints_no_fingerprint() {
    let sim = sim(&["--release", "10.1"]);
    assert!(sim.first_line.get("sha256").is_none());
    let url = sim.first_line["url"].as_str().unwrap();
    let out = vcdw(&["versions", url]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let table = text(&out.stdout);
    assert!(table.lines().nth(1).unwrap().starts_with("34.0"), "{table}");
    assert!(
        table.contains("Default: 34.0 → Accept: application/*+xml;version=34.0"),
        "{table}"
    );
}

#[test]
fn bad_input_gets_a_clear_error_and_a_failing_exit_code() {
    let out = vcdw(&["versions", "https://127.0.0.1:1", "--pin", "12:34"]);
    assert!(!out.status.success());
    assert!(
        text(&out.stderr).contains("is not a SHA-256 fingerprint"),
        "{}",
        text(&out.stderr)
    );

    let out = vcdw(&["sim", "--release", "9.9"]);
    assert!(!out.status.success());
    assert!(
        text(&out.stderr).contains("unknown VCD release '9.9'"),
        "{}",
        text(&out.stderr)
    );

    let out = vcdw(&["versions", "ftp://example.com"]);
    assert!(!out.status.success());
    assert!(text(&out.stderr).starts_with("vcdw: 'ftp://example.com' is not a usable VCD address"));

    let out = vcdw(&[
        "versions",
        "https://127.0.0.1:1",
        "--insecure",
        "--pin",
        "AB",
    ]);
    assert!(
        !out.status.success(),
        "--insecure and --pin exclude each other"
    );
}

fn vcdw_with_stdin(args: &[&str], stdin: &str, env: &[(&str, &str)]) -> Output {
    common::run_with(args, stdin, env)
}

#[test]
fn login_with_the_demo_credentials_the_sim_prints_and_never_echo_a_secret() {
    let sim = sim(&["--tls", "--release", "10.4"]);
    let url = sim.first_line["url"].as_str().unwrap();
    let sha = sim.first_line["sha256"].as_str().unwrap();
    let demo = &sim.first_line["demo"];
    let (org, user, password, token) = (
        demo["org"].as_str().unwrap(),
        demo["user"].as_str().unwrap(),
        demo["password"].as_str().unwrap(),
        demo["api_token"].as_str().unwrap(),
    );
    let provider_password = demo["provider_password"].as_str().unwrap();
    let base = ["login", "--url", url, "--pin", sha, "--json"];

    let runs = [
        vcdw_with_stdin(
            &[
                &base[..],
                &["--org", org, "--user", user, "--password-stdin"],
            ]
            .concat(),
            &format!("{password}\n"),
            &[],
        ),
        vcdw_with_stdin(
            &[
                &base[..],
                &["--org", org, "--user", user, "--api-version", "34.0"],
            ]
            .concat(),
            "",
            &[("VCDW_PASSWORD", password)],
        ),
        vcdw_with_stdin(
            &[&base[..], &["--org", org, "--api-token"]].concat(),
            "",
            &[("VCDW_API_TOKEN", token)],
        ),
        vcdw_with_stdin(
            &[
                &base[..],
                &["--provider", "--user", "administrator", "--password-stdin"],
            ]
            .concat(),
            provider_password,
            &[],
        ),
    ];
    let expected = [
        (
            "alice",
            "acme",
            "37.0",
            "password",
            "/cloudapi/1.0.0/sessions",
            false,
            7,
        ),
        (
            "alice",
            "acme",
            "34.0",
            "password",
            "/api/sessions",
            true,
            7,
        ),
        (
            "alice",
            "acme",
            "37.0",
            "api_token",
            "/oauth/tenant/acme/token",
            false,
            7,
        ),
        (
            "administrator",
            "System",
            "37.0",
            "password",
            "/cloudapi/1.0.0/sessions/provider",
            false,
            8,
        ),
    ];
    for (out, (user, org, version, auth, path, legacy, links)) in runs.iter().zip(expected) {
        assert!(out.status.success(), "{}", text(&out.stderr));
        let json: Value = serde_json::from_slice(&out.stdout).unwrap();
        assert_eq!(json["user"], user);
        assert_eq!(json["org"], org);
        assert_eq!(json["version"], version);
        assert_eq!(json["auth"], auth);
        assert_eq!(json["login_url"], format!("{url}{path}"));
        assert_eq!(json["legacy_token"], legacy);
        assert_eq!(json["links"], links);
        let all = format!("{}{}", text(&out.stdout), text(&out.stderr));
        for secret in [password, token, provider_password] {
            assert!(!all.contains(secret), "a secret was printed: {all}");
        }
    }
}

#[test]
fn login_refuses_missing_or_wrong_secrets_with_one_line() {
    let sim = sim(&["--release", "10.3"]);
    let url = sim.first_line["url"].as_str().unwrap();
    let out = vcdw_with_stdin(
        &["login", "--url", url, "--org", "acme", "--user", "alice"],
        "",
        &[],
    );
    assert!(!out.status.success());
    assert!(
        text(&out.stderr).contains("no password: pipe it to --password-stdin or set VCDW_PASSWORD")
    );

    let out = vcdw_with_stdin(
        &[
            "login",
            "--url",
            url,
            "--org",
            "acme",
            "--user",
            "alice",
            "--password-stdin",
        ],
        "not-the-password\n",
        &[],
    );
    assert!(!out.status.success());
    let stderr = text(&out.stderr);
    assert_eq!(stderr.trim_end().lines().count(), 1, "{stderr}");
    assert!(
        stderr.contains("VCD refused the login of alice@acme"),
        "{stderr}"
    );
    assert!(!stderr.contains("not-the-password"));

    let out = vcdw_with_stdin(
        &["login", "--url", url, "--org", "acme", "--api-token"],
        "",
        &[("VCDW_API_TOKEN", "demo-api-token-alice-0123456789abcdef")],
    );
    assert!(!out.status.success());
    assert!(
        text(&out.stderr).contains("API tokens need VCD 10.3.1 (API 36.1)"),
        "{}",
        text(&out.stderr)
    );
}
