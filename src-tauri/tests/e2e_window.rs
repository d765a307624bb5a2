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

async fn click(client: &Client, css: &str) -> Result<(), String> {
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

async fn fill(client: &Client, css: &str, text: &str) -> Result<(), String> {
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
async fn text_until(
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
static ONE_WINDOW: tokio::sync::Mutex<()> = tokio::sync::Mutex::const_new(());

/// The real app window under a private Xvfb, driven through tauri-driver; everything stops on drop.
struct AppWindow {
    client: Client,
    display: String,
    home: PathBuf,
    _procs: Processes,
    // Last: the next window opens only after this one's processes are gone.
    _turn: tokio::sync::MutexGuard<'static, ()>,
}

impl AppWindow {
    async fn open(tag: &str) -> AppWindow {
        Self::open_with(tag, &[]).await
    }

    /// Opens the window with extra environment for the app (e.g. a larger demo world).
    async fn open_with(tag: &str, env: &[(&str, &str)]) -> AppWindow {
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
    async fn finish(self, shot: &str, result: Result<(), String>) {
        let out = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join(shot);
        let taken = Command::new("import")
            .args(["-display", &self.display, "-window", "root"])
            .arg(&out)
            .status();
        match taken {
            Ok(s) if s.success() => eprintln!("screenshot: {}", out.display()),
            other => eprintln!("no screenshot (ImageMagick's import): {other:?}"),
        }
        let _ = self.client.close().await;
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

#[tokio::test(flavor = "multi_thread")]
async fn a_new_profile_logs_in_to_the_simulator_shows_masked_headers_and_logs_out() {
    let window = AppWindow::open("login").await;
    let result = drive_login(&window.client).await;
    window.finish("e2e-login.png", result).await;
}

async fn drive_login(client: &Client) -> Result<(), String> {
    // The demo profile starts the simulator; a user's own profile then points at it.
    click(client, "[data-testid=get-versions]").await?;
    let status = text_until(client, "[data-testid=status-bar]", |t| {
        t.contains("Simulator running at https://127.0.0.1:")
    })
    .await?;
    let sim_url = status
        .split_whitespace()
        .find(|w| w.starts_with("https://127.0.0.1:"))
        .ok_or("no simulator URL in the status bar")?
        .to_string();

    click(client, "[data-testid=new-profile]").await?;
    fill(client, "[data-testid=profile-name]", "Lab acme").await?;
    fill(client, "[data-testid=profile-base-url]", &sim_url).await?;
    fill(client, "[data-testid=profile-org]", "acme").await?;
    fill(client, "[data-testid=profile-user]", "alice").await?;
    fill(client, "[data-testid=profile-secret]", "demo-Alice-1").await?;

    // The simulator's certificate is self-signed: the test offers to pin it.
    click(client, "[data-testid=profile-test]").await?;
    let banner = text_of(client, ".error-banner").await;
    if !banner.contains("certificate") {
        return Err(format!(
            "expected an untrusted-certificate error, got {banner:?}"
        ));
    }
    click(client, "[data-testid=pin-certificate]").await?;
    click(client, "[data-testid=profile-test]").await?;
    let tested = text_of(client, "[data-testid=test-result]").await;
    if !tested.starts_with("Connected: 22 API versions, default 38.0") {
        return Err(format!("test connection said {tested:?}"));
    }
    click(client, "[data-testid=profile-save]").await?;
    let note = text_of(client, ".note").await;
    if !note.contains("stored in the OS keyring") {
        return Err(format!("after saving: {note:?}"));
    }
    let selected = text_of(client, ".profile.selected .profile-name").await;
    if selected != "Lab acme" {
        return Err(format!("selected profile {selected:?}"));
    }

    // Log in with the password from the keyring.
    click(client, "[data-testid=login]").await?;
    let line = text_of(client, "[data-testid=session-line]").await;
    if !line.contains("alice@acme") || !line.contains("API 38.0") {
        return Err(format!("session line {line:?}"));
    }
    let badge = text_of(client, "[data-testid=session-badge]").await;
    if !badge.contains("alice@acme") {
        return Err(format!("status bar badge {badge:?}"));
    }
    let exchange = text_of(client, "[data-testid=exchange]").await;
    if !exchange.contains("POST") || !exchange.contains("/cloudapi/1.0.0/sessions") {
        return Err(format!("exchange {exchange:?}"));
    }
    let masked = client
        .find_all(Locator::Css("[data-testid=masked-value]"))
        .await
        .map_err(|e| e.to_string())?;
    let mut shown = Vec::new();
    for m in &masked {
        shown.push(m.text().await.map_err(|e| e.to_string())?);
    }
    if shown.is_empty() || !shown.iter().all(|t| t.contains('•')) {
        return Err(format!("masked headers {shown:?}"));
    }
    // Basic base64("alice@acme:demo-Alice-1") must not be on screen until revealed.
    let basic = "YWxpY2VAYWNtZTpkZW1vLUFsaWNlLTE=";
    let page = text_of(client, "main").await;
    if page.contains(basic) || page.contains("demo-Alice-1") {
        return Err("the password is on screen unmasked".into());
    }
    click(client, "button[aria-label='Reveal authorization']").await?;
    let revealed = text_of(client, "code.revealed").await;
    if revealed != format!("Basic {basic}") {
        return Err(format!("revealed {revealed:?}"));
    }

    click(client, "[data-testid=logout]").await?;
    text_of(client, "[data-testid=login]").await;
    let status = text_until(client, "[data-testid=status-bar]", |t| {
        t.contains("Not logged in")
    })
    .await?;
    if status.contains("alice@acme") {
        return Err(format!("status bar after logout {status:?}"));
    }
    Ok(())
}

#[tokio::test(flavor = "multi_thread")]
async fn links_alone_walk_from_the_session_to_a_vm_with_back_and_forward() {
    let window = AppWindow::open("walk").await;
    let result = drive_walk(&window.client).await;
    window.finish("e2e-walk.png", result).await;
}

/// Opens the Links tab of the current response and clicks the row `row` selects.
async fn follow(client: &Client, row: &str) -> Result<String, String> {
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
async fn log_in_and_open_the_session_tab(client: &Client) -> Result<(), String> {
    click(client, "[data-testid=login]").await?;
    text_of(client, "[data-testid=session-line]").await;
    // The first request tab starts at the Session, as the classic guide does.
    text_until(client, "[data-testid=request-tab]", |t| t == "GET session").await?;
    click(client, "[data-testid=request-tab]").await?;
    text_of(client, "[data-testid=send-request]").await;
    Ok(())
}

/// Logs in to the demo and sends the prefilled `GET /api/session`.
async fn send_the_session(client: &Client) -> Result<(), String> {
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
async fn session_to_vdc(client: &Client) -> Result<(), String> {
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

async fn drive_walk(client: &Client) -> Result<(), String> {
    let t = "application/vnd.vmware.vcloud";
    session_to_vdc(client).await?;
    follow(
        client,
        "tr[data-element=ResourceEntity][data-name=web-frontend]",
    )
    .await?;
    follow(client, "tr[data-element=Vm][data-name=web-frontend-vm1]").await?;
    let status = text_of(client, "[data-testid=response-status]").await;
    if !status.contains(&format!("{t}.vm+xml")) {
        return Err(format!("the VM page's status line {status:?}"));
    }
    let tab = text_of(client, ".request-tab.selected [data-testid=request-tab]").await;
    if !tab.starts_with("GET vm-") {
        return Err(format!("tab title {tab:?}"));
    }
    // Back to the vApp, forward to the VM again.
    click(client, "[data-testid=back]").await?;
    text_until(
        client,
        ".request-tab.selected [data-testid=request-tab]",
        |t| t.starts_with("GET vapp-"),
    )
    .await?;
    click(client, "[data-testid=forward]").await?;
    text_until(
        client,
        ".request-tab.selected [data-testid=request-tab]",
        |t| t.starts_with("GET vm-"),
    )
    .await?;
    // The VM's body is shown pretty-printed.
    click(client, "[data-testid=response-tab-body]").await?;
    text_until(client, "[data-testid=response-body]", |t| t.contains("<Vm")).await?;

    // The same request with Auth: None gets VCD's 401, decoded with a hint.
    click(client, "[data-testid=composer-tab-auth]").await?;
    click(client, "[data-testid=auth-kind] option[value=none]").await?;
    // vcd-core says what goes on the wire (RequestAuth::describe), as soon as the kind changes.
    text_until(client, "[data-testid=auth-header]", |t| {
        t == "No credentials."
    })
    .await?;
    click(client, "[data-testid=send-request]").await?;
    text_until(client, "[data-testid=response-status]", |t| {
        t.starts_with("401")
    })
    .await?;
    let error = text_of(client, "[data-testid=vcd-error]").await;
    if !error.contains("carried no credentials") {
        return Err(format!("error view {error:?}"));
    }

    // A new tab, a URL with {{variables}}: shown with their values, resolved when sent.
    click(client, "[data-testid=new-tab]").await?;
    text_until(
        client,
        ".request-tab.selected [data-testid=request-tab]",
        |t| t == "GET org",
    )
    .await?;
    fill(client, "[data-testid=request-url]", "{{base_url}}/api/org/").await?;
    let vars = text_of(client, "[data-testid=variables]").await;
    if !vars.contains("{{base_url}} = https://127.0.0.1:") {
        return Err(format!("variables shown {vars:?}"));
    }
    click(client, "[data-testid=send-request]").await?;
    let status = text_until(client, "[data-testid=response-status]", |t| {
        t.starts_with("200")
    })
    .await?;
    if !status.contains("orgList+xml") {
        return Err(format!("status with variables {status:?}"));
    }

    // A full URL on another origin (another port) with the session: refused, said why, nothing sent.
    fill(
        client,
        "[data-testid=request-url]",
        "https://127.0.0.1:9/api/org/",
    )
    .await?;
    click(client, "[data-testid=send-request]").await?;
    text_until(client, "[data-testid=error-banner]", |t| {
        t.contains("Refused to send credentials to https://127.0.0.1:9/api/org/")
            && t.contains("set Auth to None")
    })
    .await?;
    Ok(())
}

#[tokio::test(flavor = "multi_thread")]
async fn a_50_mb_vdc_page_loads_while_the_window_keeps_answering() {
    // 300,000 vApps: the demo VDC's page is about 50 MB.
    let window = AppWindow::open_with("large", &[("VCD_WORKBENCH_DEMO_SCALE", "300000")]).await;
    let result = drive_large(&window.client).await;
    window.finish("e2e-large.png", result).await;
}

async fn drive_large(client: &Client) -> Result<(), String> {
    session_to_vdc(client).await?;
    let status = text_of(client, "[data-testid=response-status]").await;
    if !status.contains(" MB") {
        return Err(format!("the VDC page is not large: {status:?}"));
    }
    // Its links are there at once, the first of them listed.
    click(client, "[data-testid=response-tab-links]").await?;
    let capped = text_of(client, "[data-testid=links-capped]").await;
    // 300,000 vApps, 2 templates, the network and the storage profile.
    if !capped.contains("first 2000 of 300004 references") {
        return Err(format!("links note {capped:?}"));
    }
    // The body waits for consent, then loads in chunks while the window keeps answering.
    click(client, "[data-testid=response-tab-body]").await?;
    text_of(client, "[data-testid=large-body]").await;
    click(client, "[data-testid=show-large-body]").await?;
    let mut slowest = Duration::ZERO;
    let started = Instant::now();
    loop {
        // The status bar re-renders every second (the idle countdown): a stale handle is retried.
        let mut status = None;
        for _ in 0..3 {
            let asked = Instant::now();
            let el = client.find(Locator::Css("[data-testid=status-bar]")).await;
            slowest = slowest.max(asked.elapsed());
            let Ok(el) = el else { continue };
            let asked = Instant::now();
            let text = el.text().await;
            slowest = slowest.max(asked.elapsed());
            if let Ok(t) = text {
                status = Some(t);
                break;
            }
        }
        let status = status.ok_or("the status bar could not be read")?;
        if !status.contains("alice@acme") {
            return Err(format!("status bar while loading: {status:?}"));
        }
        // The progress bar is re-rendered with every chunk: a handle that went stale while
        // WebKitWebDriver made it is asked for again on the next round.
        let loading = client
            .find_all(Locator::Css("[data-testid=body-progress]"))
            .await;
        let shown = client
            .find_all(Locator::Css("[data-testid=response-body]"))
            .await;
        if let (Ok(loading), Ok(shown)) = (loading, shown) {
            if loading.is_empty() && !shown.is_empty() {
                break;
            }
        }
        if started.elapsed() > Duration::from_secs(120) {
            return Err("the body never finished loading".into());
        }
    }
    // The bound: a WebDriver command answers within a second while the body renders.
    if slowest > Duration::from_secs(1) {
        return Err(format!(
            "a WebDriver command took {slowest:?} while the body loaded"
        ));
    }
    text_until(client, "[data-testid=response-body]", |t| {
        t.contains("<Vdc")
    })
    .await?;
    Ok(())
}

#[tokio::test(flavor = "multi_thread")]
async fn discover_maps_the_demo_api_and_saves_all_links_to_csv_through_the_save_dialog() {
    let window = AppWindow::open("save").await;
    let csv = window.home.join("links.csv");
    let result = drive_save(&window.client, &window.display, &csv).await;
    window.finish("e2e-save.png", result).await;
}

/// Runs xdotool on the test's X display.
fn xdotool(display: &str, args: &[&str]) -> Result<String, String> {
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

async fn drive_save(client: &Client, display: &str, csv: &std::path::Path) -> Result<(), String> {
    click(client, "[data-testid=login]").await?;
    text_of(client, "[data-testid=session-line]").await;
    click(client, "[data-testid=discover]").await?;
    let summary = text_until(client, "[data-testid=discover-summary]", |t| {
        t.starts_with("Done")
    })
    .await?;
    if !summary.contains("pages read") {
        return Err(format!("discover said {summary:?}"));
    }
    click(client, "[data-testid=save-all-links]").await?;
    // The native GTK save dialog: type the file's full path into its name field, as a user can.
    let window = tokio::task::spawn_blocking({
        let display = display.to_string();
        // Only a mapped (visible) dialog can take the focus: an unmapped one answers BadMatch.
        move || {
            xdotool(
                &display,
                &[
                    "search",
                    "--sync",
                    "--onlyvisible",
                    "--name",
                    "^Save links$",
                ],
            )
        }
    })
    .await
    .map_err(|e| e.to_string())??;
    let window = window.lines().next().unwrap_or_default().to_string();
    // A dialog just mapped may not take the focus yet (BadMatch): ask again until it does.
    let mut focus = xdotool(display, &["windowfocus", "--sync", &window]);
    for _ in 0..50 {
        if focus.is_ok() {
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
        focus = xdotool(display, &["windowfocus", "--sync", &window]);
    }
    focus?;
    xdotool(display, &["key", "--window", &window, "ctrl+a"])?;
    xdotool(
        display,
        &[
            "type",
            "--window",
            &window,
            "--delay",
            "20",
            &csv.display().to_string(),
        ],
    )?;
    xdotool(display, &["key", "--window", &window, "Return"])?;
    let saved = text_of(client, "[data-testid=links-saved]").await;
    if !saved.contains("links.csv") {
        return Err(format!("after saving: {saved:?}"));
    }
    let text = std::fs::read_to_string(csv).map_err(|e| format!("{}: {e}", csv.display()))?;
    let mut lines = text.lines();
    if lines.next() != Some("page,element,rel,method,type,href,name") {
        return Err(format!("CSV header: {:?}", text.lines().next()));
    }
    let rows: Vec<&str> = lines.collect();
    let vms = rows.iter().filter(|r| r.contains(",Vm,")).count();
    if vms != 6 || rows.len() < 50 {
        return Err(format!("{} rows, {vms} VM references", rows.len()));
    }
    Ok(())
}

#[tokio::test(flavor = "multi_thread")]
async fn the_window_follows_the_os_dark_theme_and_answers_shortcuts() {
    let window = AppWindow::open_with("dark", &[("GTK_THEME", "Adwaita:dark")]).await;
    let result = drive_dark(&window.client).await;
    window.finish("e2e-dark.png", result).await;
}

async fn drive_dark(client: &Client) -> Result<(), String> {
    text_of(client, ".profile.selected .profile-name").await;
    let looks = client
        .execute(
            "return [matchMedia('(prefers-color-scheme: dark)').matches, getComputedStyle(document.body).backgroundColor]",
            vec![],
        )
        .await
        .map_err(|e| e.to_string())?;
    if looks != serde_json::json!([true, "rgb(21, 24, 29)"]) {
        return Err(format!("dark theme not followed: {looks}"));
    }
    // Ctrl+Enter asks for the versions, Ctrl+N opens a new profile, Escape closes it.
    let body = client
        .find(Locator::Css("body"))
        .await
        .map_err(|e| e.to_string())?;
    body.send_keys("\u{E009}\u{E007}")
        .await
        .map_err(|e| e.to_string())?;
    text_of(
        client,
        "[data-testid=versions-table] tr[data-version='38.0']",
    )
    .await;
    body.send_keys("\u{E009}n")
        .await
        .map_err(|e| e.to_string())?;
    text_of(client, "#editor-title").await;
    body.send_keys("\u{E00C}")
        .await
        .map_err(|e| e.to_string())?;
    text_of(client, "[data-testid=get-versions]").await;

    // Settings are saved (atomically, beside the profiles) and say so.
    click(client, "[data-testid=open-settings]").await?;
    fill(client, "[data-testid=large-body-mb]", "12").await?;
    click(client, "[data-testid=save-settings]").await?;
    let note = text_of(client, ".note").await;
    if !note.starts_with("Settings saved.") {
        return Err(format!("after saving settings: {note:?}"));
    }
    // Logged in, for the README's dark screenshot: the Connection tab with the login exchange.
    click(client, "[data-testid=login]").await?;
    text_of(client, "[data-testid=session-line]").await;
    Ok(())
}

/// Sends keys to the page as a user types them (WebDriver holds a modifier until the string ends).
async fn keys(client: &Client, keys: &str) -> Result<(), String> {
    client
        .find(Locator::Css("body"))
        .await
        .map_err(|e| e.to_string())?
        .send_keys(keys)
        .await
        .map_err(|e| format!("keys {keys:?}: {e}"))
}

const CTRL: &str = "\u{E009}";
const SHIFT: &str = "\u{E008}";
const ALT: &str = "\u{E00A}";
const TAB: &str = "\u{E004}";
const ENTER: &str = "\u{E007}";
const ESCAPE: &str = "\u{E00C}";
const LEFT: &str = "\u{E012}";
const RIGHT: &str = "\u{E014}";
const UP: &str = "\u{E013}";
const DELETE: &str = "\u{E017}";
const F1: &str = "\u{E031}";

async fn js(client: &Client, script: &str) -> Result<serde_json::Value, String> {
    client
        .execute(script, vec![])
        .await
        .map_err(|e| format!("{script}: {e}"))
}

async fn count(client: &Client, css: &str) -> Result<usize, String> {
    Ok(client
        .find_all(Locator::Css(css))
        .await
        .map_err(|e| e.to_string())?
        .len())
}

/// Waits until `script` returns true.
async fn until_js(client: &Client, script: &str) -> Result<(), String> {
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
async fn resize(client: &Client, display: &str, width: u32, height: u32) -> Result<(), String> {
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

#[tokio::test(flavor = "multi_thread")]
async fn the_answer_is_in_view_at_1280x800_and_at_1024x700_and_the_page_never_scrolls() {
    let window = AppWindow::open("layout").await;
    let result = drive_layout(&window.client, &window.display).await;
    window.finish("e2e-layout.png", result).await;
}

async fn drive_layout(client: &Client, display: &str) -> Result<(), String> {
    resize(client, display, 1280, 800).await?;
    send_the_session(client).await?;
    click(client, "[data-testid=response-tab-body]").await?;
    text_until(client, "[data-testid=response-body]", |t| {
        t.contains("<Session")
    })
    .await?;
    for (width, height) in [(1280, 800), (1024, 700)] {
        resize(client, display, width, height).await?;
        let seen = js(
            client,
            "const box = (css) => { const e = document.querySelector(css); if (!e) return null; \
             const r = e.getBoundingClientRect(); return [r.top, r.bottom, r.left, r.right]; }; \
             const page = document.scrollingElement; \
             return { status: box('[data-testid=response-status]'), \
                      line: box('[data-testid=response-body] .cm-line'), \
                      height: innerHeight, width: innerWidth, \
                      scrollH: page.scrollHeight, scrollW: page.scrollWidth };",
        )
        .await?;
        // In view: its top and bottom inside the window, and it starts left of the right edge (a
        // long line of XML runs on inside the body's own scroller).
        let inside = |name: &str| {
            seen[name].as_array().is_some_and(|r| {
                let v: Vec<f64> = r.iter().filter_map(|x| x.as_f64()).collect();
                v.len() == 4
                    && v[0] >= 0.0
                    && v[1] <= height as f64
                    && v[2] >= 0.0
                    && v[2] < width as f64
            })
        };
        if !inside("status") || !inside("line") {
            return Err(format!(
                "at {width}x{height} the answer is not in view: {seen}"
            ));
        }
        if seen["scrollH"].as_f64() > Some(height as f64)
            || seen["scrollW"].as_f64() > Some(width as f64)
        {
            return Err(format!("at {width}x{height} the page scrolls: {seen}"));
        }
        let shot = PathBuf::from(env!("CARGO_TARGET_TMPDIR"))
            .join(format!("e2e-layout-{width}x{height}.png"));
        let _ = Command::new("import")
            .args(["-display", display, "-window", "root", "-crop"])
            .arg(format!("{width}x{height}+0+0"))
            .arg(&shot)
            .status();
    }
    // The divider moves by keyboard, and the split is remembered.
    click(client, "[data-testid=split]").await?;
    let before = js(
        client,
        "return document.querySelector('[data-testid=split]').getAttribute('aria-valuenow')",
    )
    .await?;
    client
        .find(Locator::Css("[data-testid=split]"))
        .await
        .map_err(|e| e.to_string())?
        .send_keys(UP)
        .await
        .map_err(|e| e.to_string())?;
    let after = js(
        client,
        "return document.querySelector('[data-testid=split]').getAttribute('aria-valuenow')",
    )
    .await?;
    let stored = js(
        client,
        "return JSON.parse(localStorage.getItem('vcd-workbench.layout')).split",
    )
    .await?;
    let shown = after.as_str().and_then(|v| v.parse::<f64>().ok());
    let kept = stored.as_f64().map(|v| (v * 100.0).round() / 100.0);
    if before == after || shown.is_none() || shown != kept {
        return Err(format!("the divider: {before} → {after}, stored {stored}"));
    }
    Ok(())
}

#[tokio::test(flavor = "multi_thread")]
async fn tabs_and_their_responses_survive_a_profile_switch_and_a_logout_and_login() {
    let window = AppWindow::open("tabs").await;
    let result = drive_tabs(&window.client).await;
    window.finish("e2e-tabs.png", result).await;
}

async fn drive_tabs(client: &Client) -> Result<(), String> {
    send_the_session(client).await?;
    keys(client, &format!("{CTRL}t")).await?;
    text_until(
        client,
        ".request-tab.selected [data-testid=request-tab]",
        |t| t == "GET org",
    )
    .await?;
    if count(client, ".tab-strip [role=tab]").await? != 3 {
        return Err("expected Connection and two request tabs".into());
    }
    // A second profile: its own tabs (just its Connection tab), then back to the demo's.
    click(client, "[data-testid=new-profile]").await?;
    fill(client, "[data-testid=profile-name]", "Elsewhere").await?;
    fill(
        client,
        "[data-testid=profile-base-url]",
        "https://vcd.elsewhere.example",
    )
    .await?;
    fill(client, "[data-testid=profile-org]", "globex").await?;
    fill(client, "[data-testid=profile-user]", "bob").await?;
    click(client, "[data-testid=profile-save]").await?;
    text_until(client, ".profile.selected .profile-name", |t| {
        t == "Elsewhere"
    })
    .await?;
    until_js(
        client,
        "return document.querySelectorAll('.tab-strip [role=tab]').length === 1",
    )
    .await?;
    click(client, ".profile-list li:first-child button").await?;
    until_js(
        client,
        "return document.querySelectorAll('.tab-strip [role=tab]').length === 3",
    )
    .await?;
    let session_tab = "[data-testid=request-tab]";
    click(client, session_tab).await?;
    text_until(client, "[data-testid=response-status]", |t| {
        t.contains("200 OK")
    })
    .await?;

    // Log out and in again: the tabs and the Session's response are still there.
    click(client, "[data-testid=connection-tab]").await?;
    click(client, "[data-testid=logout]").await?;
    text_of(client, "[data-testid=login]").await;
    click(client, "[data-testid=login]").await?;
    text_of(client, "[data-testid=session-line]").await;
    if count(client, ".tab-strip [role=tab]").await? != 3 {
        return Err("tabs were lost at logout/login".into());
    }
    click(client, session_tab).await?;
    text_until(client, "[data-testid=response-status]", |t| {
        t.contains("200 OK")
    })
    .await?;
    Ok(())
}

#[tokio::test(flavor = "multi_thread")]
async fn every_shortcut_in_the_keymap_help_works() {
    let window = AppWindow::open("keys").await;
    let result = drive_keys(&window.client).await;
    window.finish("e2e-keys.png", result).await;
}

async fn drive_keys(client: &Client) -> Result<(), String> {
    // F1 and Ctrl+/ show the table; Esc closes it.
    keys(client, F1).await?;
    text_of(client, "[data-testid=keymap-help]").await;
    let listed = count(client, "[data-testid=keymap-help] tr").await?;
    keys(client, ESCAPE).await?;
    until_js(
        client,
        "return !document.querySelector('[data-testid=keymap-help]')",
    )
    .await?;
    keys(client, &format!("{CTRL}/")).await?;
    text_of(client, "[data-testid=keymap-help]").await;
    keys(client, ESCAPE).await?;
    until_js(
        client,
        "return !document.querySelector('[data-testid=keymap-help]')",
    )
    .await?;
    let mut tested = 2;

    // Ctrl+Enter on the Connection tab gets the versions.
    keys(client, &format!("{CTRL}{ENTER}")).await?;
    text_of(
        client,
        "[data-testid=versions-table] tr[data-version='38.0']",
    )
    .await;
    tested += 1;

    // Ctrl+Enter on a request tab sends it.
    log_in_and_open_the_session_tab(client).await?;
    keys(client, &format!("{CTRL}{ENTER}")).await?;
    text_until(client, "[data-testid=response-status]", |t| {
        t.contains("200 OK")
    })
    .await?;
    follow(
        client,
        "tr[data-rel=down][data-type='application/vnd.vmware.vcloud.orgList+xml']",
    )
    .await?;
    let tab = ".request-tab.selected [data-testid=request-tab]";
    // Alt+← and Alt+→ walk the tab's pages.
    keys(client, &format!("{ALT}{LEFT}")).await?;
    text_until(client, tab, |t| t == "GET session").await?;
    keys(client, &format!("{ALT}{RIGHT}")).await?;
    text_until(client, tab, |t| t == "GET org").await?;
    tested += 2;

    // Ctrl+T opens a tab, Ctrl+Shift+Tab and Ctrl+Tab move between tabs, Ctrl+W closes one.
    keys(client, &format!("{CTRL}t")).await?;
    until_js(
        client,
        "return document.querySelectorAll('.tab-strip [role=tab]').length === 3",
    )
    .await?;
    let selected = |i: usize| {
        format!(
            "return [...document.querySelectorAll('.tab-strip [role=tab]')].findIndex((t) => \
             t.getAttribute('aria-selected') === 'true') === {i}"
        )
    };
    until_js(client, &selected(2)).await?;
    keys(client, &format!("{CTRL}{SHIFT}{TAB}")).await?;
    until_js(client, &selected(1)).await?;
    keys(client, &format!("{CTRL}{TAB}")).await?;
    until_js(client, &selected(2)).await?;
    keys(client, &format!("{CTRL}{TAB}")).await?;
    until_js(client, &selected(0)).await?;
    keys(client, &format!("{CTRL}{SHIFT}{TAB}")).await?;
    until_js(client, &selected(2)).await?;
    keys(client, &format!("{CTRL}w")).await?;
    until_js(
        client,
        "return document.querySelectorAll('.tab-strip [role=tab]').length === 2",
    )
    .await?;
    text_until(client, tab, |t| t == "GET org").await?;
    tested += 4;

    // Delete on a focused tab closes it (a new one here; the org tab is selected again).
    keys(client, &format!("{CTRL}t")).await?;
    until_js(client, &selected(2)).await?;
    // Typed into the tab itself: the key is Delete on that tab, not on the page.
    client
        .find(Locator::Css(".tab-strip [role=tab][aria-selected=true]"))
        .await
        .map_err(|e| e.to_string())?
        .send_keys(DELETE)
        .await
        .map_err(|e| format!("Delete on the tab: {e}"))?;
    until_js(
        client,
        "return document.querySelectorAll('.tab-strip [role=tab]').length === 2",
    )
    .await?;
    text_until(client, tab, |t| t == "GET org").await?;
    tested += 1;

    // Ctrl+N opens the profile editor, Esc closes it.
    keys(client, &format!("{CTRL}n")).await?;
    text_of(client, "#editor-title").await;
    keys(client, ESCAPE).await?;
    until_js(client, "return !document.querySelector('#editor-title')").await?;
    tested += 1;

    // Ctrl+B hides and shows the sidebar; Ctrl+Shift+L puts the response beside the request.
    keys(client, &format!("{CTRL}b")).await?;
    text_of(client, ".sidebar.collapsed [data-testid=sidebar-toggle]").await;
    keys(client, &format!("{CTRL}b")).await?;
    text_of(client, "[data-testid=sidebar] .brand").await;
    keys(client, &format!("{CTRL}{SHIFT}l")).await?;
    text_of(client, ".request-view.side [data-testid=split]").await;
    keys(client, &format!("{CTRL}{SHIFT}l")).await?;
    text_of(client, ".request-view.stacked [data-testid=split]").await;
    tested += 2;

    // Ctrl+ + and Ctrl+ - zoom (the page's CSS viewport shrinks and grows), Ctrl+0 resets; the
    // zoom is remembered.
    let width = js(client, "return innerWidth").await?;
    keys(client, &format!("{CTRL}+")).await?;
    until_js(client, &format!("return innerWidth < {width}")).await?;
    let stored = js(
        client,
        "return JSON.parse(localStorage.getItem('vcd-workbench.layout')).zoom",
    )
    .await?;
    if stored.as_f64() != Some(1.1) {
        return Err(format!("zoom stored as {stored}"));
    }
    keys(client, &format!("{CTRL}-")).await?;
    until_js(client, &format!("return innerWidth === {width}")).await?;
    keys(client, &format!("{CTRL}-")).await?;
    until_js(client, &format!("return innerWidth > {width}")).await?;
    keys(client, &format!("{CTRL}0")).await?;
    until_js(client, &format!("return innerWidth === {width}")).await?;
    tested += 3;

    if tested != listed {
        return Err(format!(
            "the help lists {listed} shortcuts and this test tried {tested}"
        ));
    }
    Ok(())
}

#[tokio::test(flavor = "multi_thread")]
async fn axe_finds_no_serious_or_critical_violation_in_the_main_views() {
    let window = AppWindow::open("axe").await;
    let result = drive_axe(&window.client).await;
    window.finish("e2e-axe.png", result).await;
}

/// Runs axe-core (npm) in the page; returns its serious and critical violations, one line each.
async fn axe_violations(client: &Client) -> Result<Vec<String>, String> {
    let source = std::fs::read_to_string(
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("ui/node_modules/axe-core/axe.min.js"),
    )
    .map_err(|e| format!("axe-core is installed (npm ci in ui/): {e}"))?;
    if js(client, "return typeof axe").await? != "object" {
        client
            .execute(&format!("{source}\nreturn true;"), vec![])
            .await
            .map_err(|e| format!("injecting axe-core: {e}"))?;
    }
    let found = client
        .execute_async(
            "const done = arguments[arguments.length - 1]; \
             axe.run(document, { resultTypes: ['violations'] }).then((r) => done(r.violations \
               .filter((v) => v.impact === 'serious' || v.impact === 'critical') \
               .map((v) => `${v.id} (${v.impact}): ${v.help} at ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)), \
               (e) => done([`axe failed: ${e}`]));",
            vec![],
        )
        .await
        .map_err(|e| format!("running axe-core: {e}"))?;
    Ok(found
        .as_array()
        .map(|a| {
            a.iter()
                .filter_map(|v| v.as_str().map(str::to_string))
                .collect()
        })
        .unwrap_or_default())
}

async fn drive_axe(client: &Client) -> Result<(), String> {
    let mut problems = Vec::new();
    click(client, "[data-testid=get-versions]").await?;
    text_of(
        client,
        "[data-testid=versions-table] tr[data-version='38.0']",
    )
    .await;
    problems.extend(
        axe_violations(client)
            .await?
            .into_iter()
            .map(|v| format!("Connection: {v}")),
    );
    send_the_session(client).await?;
    problems.extend(
        axe_violations(client)
            .await?
            .into_iter()
            .map(|v| format!("Workbench: {v}")),
    );
    click(client, "[data-testid=new-profile]").await?;
    text_of(client, "#editor-title").await;
    problems.extend(
        axe_violations(client)
            .await?
            .into_iter()
            .map(|v| format!("Editor: {v}")),
    );
    if problems.is_empty() {
        Ok(())
    } else {
        Err(problems.join("\n"))
    }
}
