//! End to end in the real app window: Xvfb, tauri-driver + WebKitWebDriver, the release-mode or debug
//! app binary, and the simulator the app starts inside itself. Needs `Xvfb`, `tauri-driver` and
//! `WebKitWebDriver` (scripts/test installs them).

mod window;

use fantoccini::{Client, Locator};
use std::path::PathBuf;
use std::process::Command;
use std::time::{Duration, Instant};
use window::*;

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
    // Titled by the entity's name, not its id.
    if tab != "GET web-frontend-vm1" {
        return Err(format!("tab title {tab:?}"));
    }
    // Back to the vApp, forward to the VM again.
    click(client, "[data-testid=back]").await?;
    text_until(
        client,
        ".request-tab.selected [data-testid=request-tab]",
        |t| t == "GET web-frontend",
    )
    .await?;
    click(client, "[data-testid=forward]").await?;
    text_until(
        client,
        ".request-tab.selected [data-testid=request-tab]",
        |t| t == "GET web-frontend-vm1",
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
    // 300,000 vApps, 2 templates, the ISO, the network and the storage profile.
    if !capped.contains("first 2000 of 300005 references") {
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
    // A GET's composer takes just its height (it has no body to edit)...
    let share = js(
        client,
        "const c = document.querySelector('.composer-pane').getBoundingClientRect(); \
         const a = document.querySelector('[data-testid=workbench]').getBoundingClientRect(); \
         return c.height / a.height",
    )
    .await?;
    if share.as_f64().is_none_or(|s| s > 0.38) {
        return Err(format!("a GET's composer takes {share} of the height"));
    }
    // ...until the divider moves (by keyboard here), and that split is remembered for GETs.
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
        "return JSON.parse(localStorage.getItem('vcd-workbench.layout')).splitNoBody",
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
