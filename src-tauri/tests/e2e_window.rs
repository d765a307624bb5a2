//! End to end in the real app window: Xvfb, tauri-driver + WebKitWebDriver, the release-mode or debug
//! app binary, and the simulator the app starts inside itself. Needs `Xvfb`, `tauri-driver` and
//! `WebKitWebDriver` (scripts/test installs them).

use fantoccini::{Client, ClientBuilder, Locator};
use hyper_util::client::legacy::connect::HttpConnector;
use std::io::{BufRead, BufReader};
use std::net::TcpStream;
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

const APP: &str = env!("CARGO_BIN_EXE_vcd-workbench");

/// Child processes killed in reverse order when the test ends, pass or fail.
#[derive(Default)]
struct Processes(Vec<Child>);

impl Drop for Processes {
    fn drop(&mut self) {
        for child in self.0.iter_mut().rev() {
            let _ = child.kill();
            let _ = child.wait();
        }
    }
}

/// Starts Xvfb on the first free display and returns ":N".
fn start_xvfb(procs: &mut Processes) -> String {
    let mut xvfb = Command::new("Xvfb")
        .args([
            "-displayfd",
            "1",
            "-screen",
            "0",
            "1280x800x24",
            "-nolisten",
            "tcp",
        ])
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("Xvfb is installed (scripts/test installs the xvfb package)");
    let mut line = String::new();
    BufReader::new(xvfb.stdout.take().unwrap())
        .read_line(&mut line)
        .unwrap();
    procs.0.push(xvfb);
    let display = line.trim();
    assert!(!display.is_empty(), "Xvfb did not report a display");
    format!(":{display}")
}

/// A port that was free a moment ago. tauri-driver cannot bind port 0 and report it.
fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

fn tauri_driver() -> PathBuf {
    if let Some(p) = std::env::var_os("TAURI_DRIVER") {
        return PathBuf::from(p);
    }
    let cargo_home = std::env::var_os("CARGO_HOME")
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".cargo")));
    if let Some(p) = cargo_home.map(|h| h.join("bin/tauri-driver")) {
        if p.exists() {
            return p;
        }
    }
    PathBuf::from("tauri-driver")
}

fn wait_for_port(port: u16, limit: Duration) {
    let start = Instant::now();
    while TcpStream::connect(("127.0.0.1", port)).is_err() {
        assert!(
            start.elapsed() < limit,
            "tauri-driver did not listen on {port}"
        );
        std::thread::sleep(Duration::from_millis(50));
    }
}

async fn text_of(client: &Client, css: &str) -> String {
    client
        .wait()
        .at_most(Duration::from_secs(60))
        .for_element(Locator::Css(css))
        .await
        .unwrap_or_else(|e| panic!("{css} never appeared: {e}"))
        .text()
        .await
        .unwrap()
}

/// The real app window under a private Xvfb, driven through tauri-driver; everything stops on drop.
struct AppWindow {
    client: Client,
    home: PathBuf,
    _procs: Processes,
}

impl AppWindow {
    async fn open(tag: &str) -> AppWindow {
        let mut procs = Processes::default();
        let display = start_xvfb(&mut procs);
        let home = std::env::temp_dir().join(format!("vcdw-e2e-{tag}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&home);
        std::fs::create_dir_all(&home).unwrap();
        let port = free_port();
        let native_port = free_port();
        let driver = Command::new(tauri_driver())
            .args([
                "--port",
                &port.to_string(),
                "--native-port",
                &native_port.to_string(),
            ])
            .env("DISPLAY", &display)
            .env("WEBKIT_DISABLE_COMPOSITING_MODE", "1")
            // No accessibility bus or desktop portal in a test X server: keeps their daemons away.
            .env("NO_AT_BRIDGE", "1")
            .env("GTK_A11Y", "none")
            .env("GDK_DEBUG", "no-portals")
            .env("XDG_CONFIG_HOME", home.join("config"))
            .env("XDG_CACHE_HOME", home.join("cache"))
            .env_remove("VCDW_CONFIG_DIR")
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("tauri-driver is installed (cargo install tauri-driver --locked)");
        procs.0.push(driver);
        wait_for_port(port, Duration::from_secs(30));

        let mut caps = serde_json::Map::new();
        caps.insert("browserName".into(), "wry".into());
        caps.insert(
            "tauri:options".into(),
            serde_json::json!({ "application": APP }),
        );
        let client = ClientBuilder::new(HttpConnector::new())
            .capabilities(caps)
            .connect(&format!("http://127.0.0.1:{port}"))
            .await
            .expect("a WebDriver session with the app window");
        AppWindow {
            client,
            home,
            _procs: procs,
        }
    }

    /// Saves a screenshot under target/tmp, closes the window and reports the test's outcome.
    async fn finish(self, shot: &str, result: Result<(), String>) {
        let png = self.client.screenshot().await;
        let _ = self.client.close().await;
        if let Ok(png) = png {
            let out = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join(shot);
            std::fs::write(&out, png).unwrap();
            eprintln!("screenshot: {}", out.display());
        }
        let _ = std::fs::remove_dir_all(&self.home);
        result.unwrap();
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn demo_profile_lists_versions_from_the_in_app_simulator() {
    let window = AppWindow::open("versions").await;
    let result = drive(&window.client).await;
    window.finish("e2e-versions.png", result).await;
}

async fn drive(client: &Client) -> Result<(), String> {
    let profile = text_of(client, ".profile.selected .profile-name").await;
    if profile != "Demo VCD (built-in simulator)" {
        return Err(format!("the first profile is {profile:?}"));
    }
    client
        .find(Locator::Css("[data-testid=get-versions]"))
        .await
        .map_err(|e| e.to_string())?
        .click()
        .await
        .map_err(|e| e.to_string())?;
    let default_row = text_of(
        client,
        "[data-testid=versions-table] tr[data-version='38.0']",
    )
    .await;
    let accept = text_of(client, "[data-testid=accept-header]").await;
    let status = text_of(client, "[data-testid=status-bar]").await;
    let rows = client
        .find_all(Locator::Css("[data-testid=versions-table] tbody tr"))
        .await
        .map_err(|e| e.to_string())?;
    let first_row = rows
        .first()
        .ok_or("no rows")?
        .text()
        .await
        .map_err(|e| e.to_string())?;
    let last_row = rows
        .last()
        .ok_or("no rows")?
        .text()
        .await
        .map_err(|e| e.to_string())?;

    let checks = [
        (
            accept == "Accept: application/*+xml;version=38.0",
            format!("accept header {accept:?}"),
        ),
        (
            default_row.contains("VCD 10.5") && default_row.contains("default"),
            format!("default row {default_row:?}"),
        ),
        (
            first_row == default_row,
            format!("newest first, got {first_row:?}"),
        ),
        (
            last_row.starts_with("5.5") && last_row.contains("deprecated"),
            format!("last row {last_row:?}"),
        ),
        (
            rows.len() == 22,
            format!("{} rows (20.0–38.0, 37.1, 37.2, 5.5)", rows.len()),
        ),
        (
            status.contains("Simulator running at https://127.0.0.1:"),
            format!("status bar {status:?}"),
        ),
    ];
    for (ok, what) in checks {
        if !ok {
            return Err(what);
        }
    }
    // The login URLs name the simulator the app started: the data came over HTTP from it.
    let sim_url = status
        .split_whitespace()
        .find(|w| w.starts_with("https://127.0.0.1:"))
        .ok_or("no simulator URL in the status bar")?;
    if !default_row.contains(&format!("{sim_url}/cloudapi/1.0.0/sessions")) {
        return Err(format!("login URL of {sim_url} not in {default_row:?}"));
    }
    Ok(())
}
