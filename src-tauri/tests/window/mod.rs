//! The harness every end-to-end test shares: the real app window under a private Xvfb, driven
//! through tauri-driver + WebKitWebDriver, and the steps many tests take (log in, follow a link,
//! type keys, resize). Each test binary uses part of it.
#![allow(dead_code)]

use fantoccini::{Client, ClientBuilder, Locator};
use hyper_util::client::legacy::connect::HttpConnector;
use std::io::{BufRead, BufReader};
use std::net::TcpStream;
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

pub const APP: &str = env!("CARGO_BIN_EXE_vcd-workbench");

/// Child processes killed in reverse order when the test ends, pass or fail.
#[derive(Default)]
pub struct Processes(Vec<Child>);

impl Drop for Processes {
    fn drop(&mut self) {
        for child in self.0.iter_mut().rev() {
            let _ = child.kill();
            let _ = child.wait();
        }
    }
}

/// Starts Xvfb on the first free display and returns ":N".
pub fn start_xvfb(procs: &mut Processes) -> String {
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
pub fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

pub fn tauri_driver() -> PathBuf {
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

pub fn wait_for_port(port: u16, limit: Duration) {
    let start = Instant::now();
    while TcpStream::connect(("127.0.0.1", port)).is_err() {
        assert!(
            start.elapsed() < limit,
            "tauri-driver did not listen on {port}"
        );
        std::thread::sleep(Duration::from_millis(50));
    }
}

pub async fn text_of(client: &Client, css: &str) -> String {
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

pub async fn click(client: &Client, css: &str) -> Result<(), String> {
    let element = client
        .wait()
        .at_most(Duration::from_secs(60))
        .for_element(Locator::Css(css))
        .await
        .map_err(|e| format!("{css} never appeared: {e}"))?;
    // As a user scrolls to what they click: the window is smaller than the page.
    let arg = serde_json::to_value(&element).map_err(|e| e.to_string())?;
    client
        .execute("arguments[0].scrollIntoView({block: 'center'})", vec![arg])
        .await
        .map_err(|e| format!("scrolling to {css}: {e}"))?;
    element
        .click()
        .await
        .map_err(|e| format!("clicking {css}: {e:?}"))?;
    eprintln!("clicked {css}");
    Ok(())
}

pub async fn fill(client: &Client, css: &str, text: &str) -> Result<(), String> {
    let field = client
        .wait()
        .at_most(Duration::from_secs(60))
        .for_element(Locator::Css(css))
        .await
        .map_err(|e| format!("{css} never appeared: {e}"))?;
    field.clear().await.map_err(|e| e.to_string())?;
    field
        .send_keys(text)
        .await
        .map_err(|e| format!("typing into {css}: {e}"))
}

/// Waits until the element's text satisfies `want`; returns that text.
pub async fn text_until(
    client: &Client,
    css: &str,
    want: impl Fn(&str) -> bool,
) -> Result<String, String> {
    let start = Instant::now();
    let mut last = String::new();
    while start.elapsed() < Duration::from_secs(60) {
        if let Ok(el) = client.find(Locator::Css(css)).await {
            if let Ok(t) = el.text().await {
                if want(&t) {
                    return Ok(t);
                }
                last = t;
            }
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    Err(format!(
        "{css} never showed what was expected; last {last:?}"
    ))
}

/// One window at a time: each test's app, WebKit and simulator would otherwise share two cores with
/// the others, and the 50 MB test measures how quickly the window answers.
pub static ONE_WINDOW: tokio::sync::Mutex<()> = tokio::sync::Mutex::const_new(());

/// The real app window under a private Xvfb, driven through tauri-driver; everything stops on drop.
pub struct AppWindow {
    pub client: Client,
    pub display: String,
    pub home: PathBuf,
    _procs: Processes,
    // Last: the next window opens only after this one's processes are gone.
    _turn: tokio::sync::MutexGuard<'static, ()>,
}

impl AppWindow {
    pub async fn open(tag: &str) -> AppWindow {
        Self::open_with(tag, &[]).await
    }

    /// Opens the window with extra environment for the app (e.g. a larger demo world).
    pub async fn open_with(tag: &str, env: &[(&str, &str)]) -> AppWindow {
        let turn = ONE_WINDOW.lock().await;
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
            // WebKit keeps localStorage (layout, zoom) under XDG_DATA_HOME: one per test, so
            // one test's zoom or divider never reaches the next.
            .env("XDG_DATA_HOME", home.join("data"))
            .env_remove("VCDW_CONFIG_DIR")
            .envs(env.iter().copied())
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
            display,
            home,
            _procs: procs,
            _turn: turn,
        }
    }

    /// Saves a screenshot of the X display under target/tmp, closes the window and reports the
    /// test's outcome. The X server is asked rather than WebDriver: WebKitWebDriver's screenshot
    /// waits for the page's next repaint, which never comes while the page sits still.
    pub async fn finish(self, name: &str, result: Result<(), String>) {
        shot(&self.display, name);
        let _ = self.client.close().await;
        let _ = std::fs::remove_dir_all(&self.home);
        result.unwrap();
    }
}

/// Opens the Links tab of the current response and clicks the row `row` selects.
pub async fn follow(client: &Client, row: &str) -> Result<String, String> {
    click(client, "[data-testid=response-tab-links]").await?;
    click(
        client,
        &format!("[data-testid=links-panel] {row} td:first-child"),
    )
    .await?;
    // The new page's answer replaces the old one: wait for its status line.
    text_until(client, "[data-testid=response-status]", |t| {
        t.starts_with("200")
    })
    .await?;
    text_until(client, "[data-testid=request-url]", |_| true).await
}

/// Logs in to the demo on its Connection tab, then opens the request tab the login added.
pub async fn log_in_and_open_the_session_tab(client: &Client) -> Result<(), String> {
    click(client, "[data-testid=login]").await?;
    text_of(client, "[data-testid=session-line]").await;
    // The first request tab starts at the Session, as the classic guide does.
    text_until(client, "[data-testid=request-tab]", |t| t == "GET session").await?;
    click(client, "[data-testid=request-tab]").await?;
    text_of(client, "[data-testid=send-request]").await;
    Ok(())
}

/// Logs in to the demo and sends the prefilled `GET /api/session`.
pub async fn send_the_session(client: &Client) -> Result<(), String> {
    log_in_and_open_the_session_tab(client).await?;
    click(client, "[data-testid=send-request]").await?;
    let status = text_until(client, "[data-testid=response-status]", |t| {
        t.contains("200 OK")
    })
    .await?;
    if !status.contains("application/vnd.vmware.vcloud.session+xml") {
        return Err(format!("session status line {status:?}"));
    }
    Ok(())
}

/// Logs in to the demo, sends the prefilled `GET /api/session` and follows links to the VDC.
pub async fn session_to_vdc(client: &Client) -> Result<(), String> {
    send_the_session(client).await?;
    let t = "application/vnd.vmware.vcloud";
    follow(
        client,
        &format!("tr[data-rel=down][data-type='{t}.orgList+xml']"),
    )
    .await?;
    follow(client, "tr[data-element=Org]").await?;
    follow(
        client,
        &format!("tr[data-rel=down][data-type='{t}.vdc+xml']"),
    )
    .await?;
    Ok(())
}

/// Runs xdotool on the test's X display.
pub fn xdotool(display: &str, args: &[&str]) -> Result<String, String> {
    let out = Command::new("xdotool")
        .args(args)
        .env("DISPLAY", display)
        .output()
        .map_err(|e| format!("xdotool is installed (scripts/setup installs it): {e}"))?;
    if !out.status.success() {
        return Err(format!(
            "xdotool {args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        ));
    }
    Ok(String::from_utf8_lossy(&out.stdout).trim().to_string())
}

/// Sends keys to the page as a user types them (WebDriver holds a modifier until the string ends).
pub async fn keys(client: &Client, keys: &str) -> Result<(), String> {
    client
        .find(Locator::Css("body"))
        .await
        .map_err(|e| e.to_string())?
        .send_keys(keys)
        .await
        .map_err(|e| format!("keys {keys:?}: {e}"))
}

pub const CTRL: &str = "\u{E009}";
pub const SHIFT: &str = "\u{E008}";
pub const ALT: &str = "\u{E00A}";
pub const TAB: &str = "\u{E004}";
pub const ENTER: &str = "\u{E007}";
pub const ESCAPE: &str = "\u{E00C}";
pub const LEFT: &str = "\u{E012}";
pub const RIGHT: &str = "\u{E014}";
pub const UP: &str = "\u{E013}";
pub const DELETE: &str = "\u{E017}";
pub const F1: &str = "\u{E031}";

pub async fn js(client: &Client, script: &str) -> Result<serde_json::Value, String> {
    client
        .execute(script, vec![])
        .await
        .map_err(|e| format!("{script}: {e}"))
}

pub async fn count(client: &Client, css: &str) -> Result<usize, String> {
    Ok(client
        .find_all(Locator::Css(css))
        .await
        .map_err(|e| e.to_string())?
        .len())
}

/// Waits until `script` returns true.
pub async fn until_js(client: &Client, script: &str) -> Result<(), String> {
    let start = Instant::now();
    let mut last = serde_json::Value::Null;
    while start.elapsed() < Duration::from_secs(60) {
        last = js(client, script).await?;
        if last == serde_json::Value::Bool(true) {
            return Ok(());
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    Err(format!("{script} stayed {last}"))
}

/// Resizes the app's X window (no window manager runs: xdotool sets its size) and waits until the
/// page sees the new size.
pub async fn resize(client: &Client, display: &str, width: u32, height: u32) -> Result<(), String> {
    let window = xdotool(display, &["search", "--name", "^VCD Workbench$"])?;
    let window = window.lines().next().unwrap_or_default().to_string();
    xdotool(
        display,
        &[
            "windowsize",
            &window,
            &width.to_string(),
            &height.to_string(),
        ],
    )?;
    until_js(
        client,
        &format!("return window.innerWidth === {width} && window.innerHeight === {height}"),
    )
    .await
}

/// A screenshot of the X display (target/tmp/NAME), taken as the X server has it (see
/// [`AppWindow::finish`]); mid-test too, to look at later.
pub fn shot(display: &str, name: &str) {
    let out = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join(name);
    let taken = Command::new("import")
        .args(["-display", display, "-window", "root"])
        .arg(&out)
        .status();
    match taken {
        Ok(s) if s.success() => eprintln!("screenshot: {}", out.display()),
        other => eprintln!("no screenshot (ImageMagick's import): {other:?}"),
    }
}
