//! vcdw as a careless user and a hostile server would try it: parallel and killed profile saves,
//! files from newer versions and read-only files, secrets in URLs, a timeout of 0, --provider with
//! --org System, escape sequences from a server, and a body file that never ends.

mod common;
#[path = "../../vcd-core/tests/common/hostile.rs"]
mod hostile;

use common::{run_in, VCDW};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

fn temp_dir(tag: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("vcdw-hardening-{tag}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(dir.join("config")).unwrap();
    dir
}

fn profiles_file(dir: &Path) -> PathBuf {
    dir.join("config").join("profiles.json")
}

fn add_command(dir: &Path, name: &str) -> Command {
    let mut cmd = Command::new(VCDW);
    cmd.args([
        "profile",
        "add",
        name,
        "--url",
        "https://vcd.example.com",
        "--org",
        "acme",
        "--user",
        "alice",
    ])
    .env("VCDW_CONFIG_DIR", dir.join("config"))
    .stdin(Stdio::null())
    .stdout(Stdio::null())
    .stderr(Stdio::piped());
    cmd
}

fn stored_names(dir: &Path) -> Vec<String> {
    let bytes = std::fs::read(profiles_file(dir)).unwrap_or_default();
    if bytes.is_empty() {
        return Vec::new();
    }
    vcd_core::ProfileStore::parse(&bytes)
        .unwrap_or_else(|e| panic!("the profiles file is damaged: {e}"))
        .into_iter()
        .map(|p| p.name)
        .collect()
}

fn leftovers(dir: &Path) -> Vec<String> {
    std::fs::read_dir(dir.join("config"))
        .unwrap()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".tmp"))
        .collect()
}

#[test]
fn twenty_parallel_profile_adds_all_land() {
    let dir = temp_dir("parallel");
    let children: Vec<_> = (0..20)
        .map(|i| add_command(&dir, &format!("Lab {i}")).spawn().unwrap())
        .collect();
    for child in children {
        let out = child.wait_with_output().unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
    let mut names = stored_names(&dir);
    names.sort();
    let mut expected: Vec<String> = (0..20).map(|i| format!("Lab {i}")).collect();
    expected.sort();
    assert_eq!(names, expected);
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn saves_killed_at_random_moments_never_damage_the_file_or_lose_a_finished_save() {
    let dir = temp_dir("killed");
    let mut finished = Vec::new();
    // A fixed sequence of pseudo-random delays (a linear congruential generator): 0 to 12 ms.
    let mut seed: u64 = 0x5eed;
    for i in 0..200 {
        seed = seed
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        let delay = std::time::Duration::from_micros((seed >> 33) % 12_000);
        let name = format!("Killed {i}");
        let mut child = add_command(&dir, &name).spawn().unwrap();
        std::thread::sleep(delay);
        let _ = child.kill();
        let status = child.wait().unwrap();
        if status.success() {
            finished.push(name);
        }
        let names = stored_names(&dir);
        for done in &finished {
            assert!(names.contains(done), "{done} was saved and is gone");
        }
    }
    assert!(
        !finished.is_empty(),
        "no save ever finished: the delays are too short"
    );
    assert!(
        finished.len() < 200,
        "no save was ever killed: the delays are too long"
    );
    eprintln!("{} of 200 saves finished before the kill", finished.len());
    // The next save removes the temp files that killed saves left.
    let out = add_command(&dir, "After").output().unwrap();
    assert!(out.status.success());
    assert_eq!(leftovers(&dir), Vec::<String>::new());
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn a_file_from_a_newer_version_is_left_alone_and_unknown_fields_are_kept() {
    let dir = temp_dir("newer");
    let path = profiles_file(&dir);
    let newer = r#"{"version": 99, "profiles": [], "sync": {"server": "x"}}"#;
    std::fs::write(&path, newer).unwrap();
    let out = add_command(&dir, "Lab").output().unwrap();
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("newer VCD Workbench (file version 99"),
        "{err}"
    );
    assert_eq!(std::fs::read_to_string(&path).unwrap(), newer);

    let current = r#"{"version": 1, "profiles": [{"id": "old", "name": "Old", "base_url": "https://vcd.example.com", "org": "acme", "user": "bob", "trust": {"mode": "system"}, "colour": "teal"}], "sync": {"server": "x"}}"#;
    std::fs::write(&path, current).unwrap();
    let out = add_command(&dir, "Lab").output().unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let saved: serde_json::Value = serde_json::from_slice(&std::fs::read(&path).unwrap()).unwrap();
    assert_eq!(saved["sync"]["server"], "x");
    assert_eq!(saved["profiles"][0]["colour"], "teal");
    assert_eq!(saved["profiles"][1]["name"], "Lab");
    std::fs::remove_dir_all(&dir).unwrap();
}

#[cfg(unix)]
#[test]
fn a_read_only_profiles_file_is_not_replaced_and_keeps_its_mode() {
    use std::os::unix::fs::PermissionsExt;
    let dir = temp_dir("readonly");
    let path = profiles_file(&dir);
    assert!(add_command(&dir, "First")
        .output()
        .unwrap()
        .status
        .success());
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o440)).unwrap();
    let before = std::fs::read(&path).unwrap();
    let out = add_command(&dir, "Second").output().unwrap();
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("read-only"));
    assert_eq!(std::fs::read(&path).unwrap(), before);
    let mode = std::fs::metadata(&path).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode, 0o440);
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o640)).unwrap();
    assert!(add_command(&dir, "Third")
        .output()
        .unwrap()
        .status
        .success());
    let mode = std::fs::metadata(&path).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode, 0o640, "a save keeps the mode the user gave the file");
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn a_token_in_any_url_is_refused_before_it_is_stored_or_sent() {
    let dir = temp_dir("token-url");
    for url in [
        "https://vcd.example.com/?refresh_token=abc123",
        "https://vcd.example.com/tenant/acme?access%5Ftoken=abc123",
        "https://alice:pw@vcd.example.com",
    ] {
        let out = run_in(
            &dir,
            &[
                "profile", "add", "Lab", "--url", url, "--org", "acme", "--user", "alice",
            ],
            "",
            &[],
        );
        assert!(!out.status.success(), "{url}");
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(
            err.contains("Refused to send: the URL would carry a secret"),
            "{err}"
        );
    }
    assert!(!profiles_file(&dir).exists());

    let out = run_in(
        &dir,
        &["versions", "https://vcd.example.com/?token=abc123"],
        "",
        &[],
    );
    assert!(String::from_utf8_lossy(&out.stderr).contains("would carry a secret"));
    let out = run_in(
        &dir,
        &[
            "send",
            "GET",
            "/api/org?api_token=abc123",
            "--url",
            "http://127.0.0.1:9",
            "--no-auth",
        ],
        "",
        &[],
    );
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("the parameter 'api_token'"), "{err}");
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn a_timeout_of_zero_is_an_error_and_provider_with_org_system_is_accepted() {
    let dir = temp_dir("flags");
    let out = run_in(
        &dir,
        &["versions", "http://127.0.0.1:9", "--timeout", "0"],
        "",
        &[],
    );
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("A timeout of 0 s cannot be used: give 1 to 3600"),
        "{err}"
    );
    let provider_login = |org: &str| {
        let out = run_in(
            &dir,
            &[
                "login",
                "--url",
                "http://127.0.0.1:9",
                "--provider",
                "--org",
                org,
                "--user",
                "admin",
            ],
            "",
            &[("VCDW_PASSWORD", "pw-1")],
        );
        String::from_utf8_lossy(&out.stderr).into_owned()
    };
    // Past the flags: the login itself is what fails (nothing listens on port 9).
    let err = provider_login("System");
    assert!(err.contains("connection was refused"), "{err}");
    let err = provider_login("acme");
    assert!(err.contains("--provider means the System org"), "{err}");
    std::fs::remove_dir_all(&dir).unwrap();
}

/// Runs vcdw off the async workers (the hostile server answers on them), with its own config.
async fn run_blocking(dir: PathBuf, args: Vec<String>) -> std::process::Output {
    tokio::task::spawn_blocking(move || {
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        run_in(&dir, &args, "", &[])
    })
    .await
    .unwrap()
}

fn strings(args: &[&str]) -> Vec<String> {
    args.iter().map(|a| a.to_string()).collect()
}

#[tokio::test(flavor = "multi_thread")]
async fn escape_sequences_from_a_server_reach_the_terminal_visible_and_harmless() {
    let server = hostile::hostile(None).await;
    let dir = temp_dir("escapes");
    let args = [
        "send",
        "GET",
        "/api/escape",
        "--url",
        &server.url,
        "--no-auth",
    ];
    let out = run_blocking(dir, strings(&args)).await;
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(!err.contains('\u{1b}') && !err.contains('\u{7}'), "{err:?}");
    assert!(err.contains("Bad \\x1b]0;pwned\\x07\\x1b[31mred"), "{err}");
}

#[tokio::test(flavor = "multi_thread")]
async fn a_body_file_that_never_ends_is_cut_off_at_the_limit() {
    let server = hostile::hostile(None).await;
    let dir = temp_dir("devzero");
    std::fs::write(
        dir.join("config").join("settings.json"),
        r#"{"version": 1, "max_body_mb": 1}"#,
    )
    .unwrap();
    let args = [
        "send",
        "POST",
        "/api/upload",
        "--url",
        &server.url,
        "--no-auth",
        "--body",
        "/dev/zero",
        "--content-type",
        "application/octet-stream",
    ];
    let out = run_blocking(dir, strings(&args)).await;
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("larger than the 1 MB limit"), "{err}");
}

#[tokio::test(flavor = "multi_thread")]
async fn a_body_that_does_not_parse_says_so_in_send_json() {
    let server = hostile::hostile(None).await;
    let dir = temp_dir("parse-error");
    let args = [
        "send",
        "GET",
        "/api/broken",
        "--url",
        &server.url,
        "--no-auth",
        "--json",
    ];
    let out = run_blocking(dir, strings(&args)).await;
    let printed: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let why = printed["parse_error"].as_str().unwrap_or_default();
    assert!(
        why.starts_with("The body could not be parsed as XML"),
        "{printed}"
    );
    assert_eq!(printed["body"], "<Org><Link rel=\"down\"></Org>");
}
