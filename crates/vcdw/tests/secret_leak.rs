//! A full flow with distinctive secrets — profiles, keyring, password and API-token logins,
//! requests, logout, with logging turned up — then a search of everything vcdw wrote and printed:
//! no password, API token or session token may appear.

mod common;

use common::{run_in, Sim};
use std::path::{Path, PathBuf};
use std::process::Output;

const PASSWORD: &str = "Leak-Check-Pa55word-7f3e";
const PROVIDER_PASSWORD: &str = "Leak-Check-Provider-9a1c";
const TOKEN: &str = "leak-check-api-token-0b8d2e6f";

fn run(dir: &Path, args: &[&str], stdin: &str) -> Output {
    run_in(dir, args, stdin, &[("VCDW_LOG", "trace")])
}

fn files_under(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).into_iter().flatten().flatten() {
        let path = entry.path();
        if path.is_dir() {
            files_under(&path, out);
        } else {
            out.push(path);
        }
    }
}

/// A run of 32 or more hex digits: the shape of VCD's legacy session token (the simulator's bearer
/// holds longer ones). Certificate fingerprints are colon-separated and do not match.
fn has_token_shape(text: &str) -> bool {
    let mut run = 0;
    for c in text.chars() {
        run = if c.is_ascii_hexdigit() { run + 1 } else { 0 };
        if run >= 32 {
            return true;
        }
    }
    false
}

#[test]
fn no_secret_reaches_a_file_or_the_output() {
    let keyring = std::env::var_os("VCDW_REQUIRE_KEYRING").is_some();
    let dir = std::env::temp_dir().join(format!("vcdw-leak-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    let scenario = dir.join("scenario.json");
    std::fs::write(
        &scenario,
        format!(
            r#"{{"release": "10.5", "orgs": [
              {{"name": "System", "users": [{{"name": "administrator", "password": "{PROVIDER_PASSWORD}"}}]}},
              {{"name": "leakco", "users": [{{"name": "lea", "password": "{PASSWORD}"}}],
               "api_tokens": [{{"name": "t", "user": "lea", "token": "{TOKEN}"}}]}}]}}"#
        ),
    )
    .unwrap();
    let sim = Sim::start(&["--tls", "--scenario", &scenario.display().to_string()]);
    let first = &sim.first_line;
    assert!(
        first.get("demo").is_none(),
        "a scenario file has no demo credentials"
    );
    let url = first["url"].as_str().unwrap().to_string();
    let pin = first["sha256"].as_str().unwrap().to_string();

    let mut outputs = vec![
        run(
            &dir,
            &[
                "profile",
                "add",
                "Leak pw",
                "--url",
                &url,
                "--org",
                "leakco",
                "--user",
                "lea",
                "--pin",
                &pin,
                "--password-stdin",
            ],
            &format!("{PASSWORD}\n"),
        ),
        run(
            &dir,
            &[
                "profile",
                "add",
                "Leak token",
                "--url",
                &url,
                "--org",
                "leakco",
                "--api-token",
                "--pin",
                &pin,
                "--token-stdin",
            ],
            &format!("{TOKEN}\n"),
        ),
        run(
            &dir,
            &[
                "profile",
                "add",
                "Leak legacy",
                "--url",
                &url,
                "--provider",
                "--user",
                "administrator",
                "--pin",
                &pin,
                "--api-version",
                "34.0",
                "--legacy-header",
            ],
            "",
        ),
        run(&dir, &["profile", "list", "--json"], ""),
        run(
            &dir,
            &[
                "login",
                "--profile",
                "leak-legacy",
                "--password-stdin",
                "--json",
            ],
            &format!("{PROVIDER_PASSWORD}\n"),
        ),
        run(
            &dir,
            &["login", "--profile", "leak-legacy", "--password-stdin"],
            "wrong-password\n",
        ),
        run(&dir, &["versions", &url, "--pin", &pin, "--json"], ""),
    ];
    if keyring {
        outputs.push(run(&dir, &["login", "--profile", "leak-pw", "--json"], ""));
        outputs.push(run(
            &dir,
            &["login", "--profile", "leak-token", "--json"],
            "",
        ));
        outputs.push(run(
            &dir,
            &["login", "--profile", "leak-pw", "--keep", "--json"],
            "",
        ));
        outputs.push(run(&dir, &["logout", "--profile", "leak-pw"], ""));
        for out in &outputs[outputs.len() - 4..] {
            assert!(
                out.status.success(),
                "{}",
                String::from_utf8_lossy(&out.stderr)
            );
        }
    }
    assert!(
        outputs[4].status.success(),
        "{}",
        String::from_utf8_lossy(&outputs[4].stderr)
    );
    assert!(!outputs[5].status.success());
    outputs.push(run(&dir, &["profile", "remove", "leak-pw"], ""));
    outputs.push(run(&dir, &["profile", "remove", "leak-token"], ""));

    let mut files = Vec::new();
    files_under(&dir.join("config"), &mut files);
    assert!(
        files.iter().any(|f| f.ends_with("profiles.json")),
        "{files:?}"
    );
    let mut haystacks: Vec<(String, String)> = files
        .iter()
        .map(|f| {
            (
                f.display().to_string(),
                String::from_utf8_lossy(&std::fs::read(f).unwrap()).into_owned(),
            )
        })
        .collect();
    for (i, out) in outputs.iter().enumerate() {
        haystacks.push((
            format!("output {i}"),
            format!(
                "{}\n{}",
                String::from_utf8_lossy(&out.stdout),
                String::from_utf8_lossy(&out.stderr)
            ),
        ));
    }
    for (name, text) in &haystacks {
        for secret in [PASSWORD, PROVIDER_PASSWORD, TOKEN, "wrong-password"] {
            assert!(!text.contains(secret), "{name} holds a secret:\n{text}");
        }
        assert!(
            !has_token_shape(text),
            "{name} holds something shaped like a session token:\n{text}"
        );
    }
    std::fs::remove_dir_all(&dir).unwrap();
}
