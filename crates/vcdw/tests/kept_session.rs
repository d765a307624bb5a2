//! `vcdw login --keep` and `vcdw logout`: a session kept open between commands, its tokens in the
//! OS keyring (scripts/test runs this inside a private GNOME Keyring), ended on the server by logout.

mod common;

use common::{run_in, Sim};
use serde_json::Value;
use std::path::{Path, PathBuf};
use std::process::Output;
use std::time::Duration;
use vcd_core::{Fingerprint, HttpOptions, SecretStore, TlsTrust};

const PASSWORD: &str = "Kept-Session-Pw-41";

/// A simulator from a YAML scenario with one org and user.
fn sim(dir: &Path, extra: &[&str]) -> Sim {
    let scenario = dir.join("lab.yaml");
    std::fs::write(
        &scenario,
        format!(
            "release: \"10.5\"\norgs:\n  - name: lab\n    users:\n      - name: tim\n        password: {PASSWORD}\n"
        ),
    )
    .unwrap();
    let path = scenario.display().to_string();
    Sim::start(&[&["--tls", "--scenario", &path][..], extra].concat())
}

fn run(dir: &Path, args: &[&str], stdin: &str) -> Output {
    run_in(dir, args, stdin, &[])
}

fn ok_json(out: &Output) -> Value {
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout)
        .unwrap_or_else(|e| panic!("{e}: {}", String::from_utf8_lossy(&out.stdout)))
}

fn temp_dir(tag: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("vcdw-kept-{tag}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// Whether the server still accepts the bearer kept in the keyring for `profile`.
async fn server_accepts_kept_bearer(sim: &Sim, profile: &str) -> Option<bool> {
    let kept = SecretStore::open().kept_session(profile)?;
    let kept: Value = serde_json::from_str(kept.expose()).unwrap();
    let bearer = kept["bearer"].as_str().unwrap().to_string();
    let options = HttpOptions {
        trust: TlsTrust::Pinned {
            sha256: sim.sha256().parse::<Fingerprint>().unwrap(),
        },
        timeout: Duration::from_secs(10),
        proxy: None,
        body_limits: Default::default(),
    };
    let client = vcd_core::HttpClient::new(&options).unwrap();
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
    Some(response.status == 200)
}

/// A profile for the simulator's user; its password goes to the keyring when there is one.
fn add_profile(dir: &Path, sim: &Sim, name: &str) {
    let keyring = std::env::var_os("VCDW_REQUIRE_KEYRING").is_some();
    let mut args = vec![
        "profile",
        "add",
        name,
        "--url",
        sim.url(),
        "--org",
        "lab",
        "--user",
        "tim",
        "--pin",
        sim.sha256(),
    ];
    if keyring {
        args.push("--password-stdin");
    }
    let out = run(dir, &args, &format!("{PASSWORD}\n"));
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

#[tokio::test]
async fn a_kept_session_stays_open_until_logout_ends_it_on_the_server() {
    let dir = temp_dir("open");
    let sim = sim(&dir, &[]);
    add_profile(&dir, &sim, "Kept lab");

    if std::env::var_os("VCDW_REQUIRE_KEYRING").is_none() {
        // Without a keyring nothing can carry a session to the next command: say so, log out.
        let out = run(
            &dir,
            &[
                "login",
                "--profile",
                "kept-lab",
                "--keep",
                "--password-stdin",
            ],
            &format!("{PASSWORD}\n"),
        );
        assert!(!out.status.success());
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(
            err.contains("was not kept") && err.contains("logged out"),
            "{err}"
        );
        std::fs::remove_dir_all(&dir).unwrap();
        return;
    }

    let login = ok_json(&run(
        &dir,
        &["login", "--profile", "kept-lab", "--keep", "--json"],
        "",
    ));
    assert_eq!(login["user"], "tim");
    assert_eq!(
        server_accepts_kept_bearer(&sim, "kept-lab").await,
        Some(true)
    );

    let out = run(&dir, &["logout", "--profile", "kept-lab"], "");
    assert!(out.status.success());
    assert_eq!(
        String::from_utf8_lossy(&out.stdout).trim(),
        "Logged out tim@lab: the session ended on the server."
    );
    assert_eq!(server_accepts_kept_bearer(&sim, "kept-lab").await, None);

    let again = ok_json(&run(
        &dir,
        &["logout", "--profile", "kept-lab", "--json"],
        "",
    ));
    assert_eq!(again["ended"], false);

    // Without --keep the session is closed before vcdw exits and nothing is kept.
    ok_json(&run(
        &dir,
        &["login", "--profile", "kept-lab", "--json"],
        "",
    ));
    assert!(SecretStore::open().kept_session("kept-lab").is_none());

    // --keep needs a profile to keep the session under.
    let out = run(
        &dir,
        &[
            "login",
            "--url",
            sim.url(),
            "--org",
            "lab",
            "--user",
            "tim",
            "--keep",
        ],
        "",
    );
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("--profile"));
    std::fs::remove_dir_all(&dir).unwrap();
}

#[tokio::test]
async fn logout_of_a_kept_session_that_idled_out_forgets_it() {
    if std::env::var_os("VCDW_REQUIRE_KEYRING").is_none() {
        return;
    }
    let dir = temp_dir("idle");
    let sim = sim(&dir, &["--session-idle", "1"]);
    add_profile(&dir, &sim, "Idle lab");
    ok_json(&run(
        &dir,
        &["login", "--profile", "idle-lab", "--keep", "--json"],
        "",
    ));
    // The simulator's idle timeout (1 s) has to pass: that is the behaviour under test.
    tokio::time::sleep(Duration::from_millis(1500)).await;
    let out = ok_json(&run(
        &dir,
        &["logout", "--profile", "idle-lab", "--json"],
        "",
    ));
    assert_eq!(out["ended"], false);
    assert!(SecretStore::open().kept_session("idle-lab").is_none());

    // Removing a profile forgets a kept session too.
    ok_json(&run(
        &dir,
        &["login", "--profile", "idle-lab", "--keep", "--json"],
        "",
    ));
    assert!(SecretStore::open().kept_session("idle-lab").is_some());
    let out = run(&dir, &["profile", "remove", "idle-lab"], "");
    assert!(out.status.success());
    assert!(SecretStore::open().kept_session("idle-lab").is_none());
    std::fs::remove_dir_all(&dir).unwrap();
}
