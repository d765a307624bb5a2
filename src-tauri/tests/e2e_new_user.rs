//! End to end in the real app window, what a new user tripped over (issue "What a new user tripped
//! over"): the classic guide's login at the version picked in the versions table, and a picked
//! version that cannot log in. Same harness as e2e_window.rs (tests/window/).

mod window;

use fantoccini::Client;
use window::*;

#[tokio::test(flavor = "multi_thread")]
async fn the_classic_guide_logs_in_at_the_picked_32_0_through_api_sessions_with_x_vcloud_authorization(
) {
    let window = AppWindow::open("classic-login").await;
    let result = drive_classic_login(&window.client).await;
    window.finish("e2e-classic-login.png", result).await;
}

async fn drive_classic_login(client: &Client) -> Result<(), String> {
    click(client, "[data-testid=get-versions]").await?;
    click(
        client,
        "[data-testid=versions-table] tr[data-version='32.0'] td:first-child",
    )
    .await?;
    text_until(client, "[data-testid=accept-header]", |t| {
        t.ends_with("version=32.0")
    })
    .await?;
    // Before logging in, the Connection tab says where the login will go.
    text_until(client, "[data-testid=login-target]", |t| {
        t.contains("API 32.0") && t.contains("VCD 9.7") && t.ends_with("/api/sessions")
    })
    .await?;
    click(client, "[data-testid=login]").await?;
    let line = text_of(client, "[data-testid=session-line]").await;
    if !(line.contains("with API 32.0") && line.contains("/api/sessions")) {
        return Err(format!("session line {line:?}"));
    }
    let carrier = text_of(client, "[data-testid=session-header]").await;
    if carrier != "x-vcloud-authorization" {
        return Err(format!("the session travels in {carrier:?}"));
    }
    // The login exchange: POST /api/sessions with the picked version, the token in the answer's
    // x-vcloud-authorization, masked.
    let exchange = text_of(client, "[data-testid=exchange]").await;
    for want in [
        "POST",
        "/api/sessions",
        "application/*+xml;version=32.0",
        "x-vcloud-authorization",
    ] {
        if !exchange.contains(want) {
            return Err(format!("the login exchange lacks {want:?}: {exchange:?}"));
        }
    }
    // The session's requests keep 32.0 and carry x-vcloud-authorization, no bearer.
    text_until(client, "[data-testid=request-tab]", |t| t == "GET session").await?;
    click(client, "[data-testid=request-tab]").await?;
    let picker = js(
        client,
        "return document.querySelector('[data-testid=request-version]').value",
    )
    .await?;
    if picker != "32.0" {
        return Err(format!("the composer's version is {picker}"));
    }
    click(client, "[data-testid=send-request]").await?;
    text_until(client, "[data-testid=response-status]", |t| {
        t.contains("200 OK")
    })
    .await?;
    click(client, "[data-testid=response-tab-wire]").await?;
    let wire = text_of(client, "[data-testid=wire]").await;
    if !(wire.contains("x-vcloud-authorization")
        && wire.contains("version=32.0")
        && !wire.contains("Bearer"))
    {
        return Err(format!("the request's wire record {wire:?}"));
    }
    Ok(())
}

#[tokio::test(flavor = "multi_thread")]
async fn a_deprecated_pick_says_it_cannot_log_in_and_offers_the_nearest_version_that_can() {
    let window = AppWindow::open("deprecated-login").await;
    let result = drive_deprecated_login(&window.client).await;
    window.finish("e2e-deprecated-login.png", result).await;
}

async fn drive_deprecated_login(client: &Client) -> Result<(), String> {
    click(client, "[data-testid=get-versions]").await?;
    click(
        client,
        "[data-testid=versions-table] tr[data-version='31.0'] td:first-child",
    )
    .await?;
    text_until(client, "[data-testid=login-target]", |t| {
        t.contains("deprecated")
    })
    .await?;
    click(client, "[data-testid=login]").await?;
    let banner = text_of(client, "[data-testid=error-banner]").await;
    if !(banner.contains("31.0 cannot log in") && banner.contains("deprecated")) {
        return Err(format!("error banner {banner:?}"));
    }
    let offer = text_of(client, "[data-testid=login-nearest]").await;
    if offer != "Log in with API 32.0" {
        return Err(format!("the offer is {offer:?}"));
    }
    click(client, "[data-testid=login-nearest]").await?;
    text_until(client, "[data-testid=session-line]", |t| {
        t.contains("with API 32.0")
    })
    .await?;
    text_until(client, "[data-testid=accept-header]", |t| {
        t.ends_with("version=32.0")
    })
    .await?;
    Ok(())
}

const DOWN: &str = "\u{E015}";

/// Types keys into whatever has the focus, as a user's keyboard does (sending them to an element
/// would move the focus there first).
async fn press(client: &Client, keys: &str) -> Result<(), String> {
    client
        .active_element()
        .await
        .map_err(|e| e.to_string())?
        .send_keys(keys)
        .await
        .map_err(|e| format!("keys {keys:?}: {e}"))
}

#[tokio::test(flavor = "multi_thread")]
async fn a_vapps_links_are_grouped_by_whose_they_are_and_a_vms_edit_starts_from_the_vm() {
    let window = AppWindow::open("entity-links").await;
    let result = drive_entity_links(&window.client, &window.display).await;
    window.finish("e2e-entity-links.png", result).await;
}

async fn drive_entity_links(client: &Client, display: &str) -> Result<(), String> {
    resize(client, display, 1024, 700).await?;
    session_to_vdc(client).await?;
    follow(
        client,
        "tr[data-element=ResourceEntity][data-name=web-frontend]",
    )
    .await?;
    // The tab is named by the vApp, and the Links view stays open after following.
    text_until(
        client,
        ".request-tab.selected [data-testid=request-tab]",
        |t| t == "GET web-frontend",
    )
    .await?;
    let groups = text_of(client, "[data-testid=links-panel]").await;
    for want in ["This page", "Vm web-frontend-vm1", "Vm web-frontend-vm2"] {
        if !groups.contains(want) {
            return Err(format!("no group {want:?} in {groups:?}"));
        }
    }
    // power:powerOn once for the page, once in each VM's group.
    let own = count(
        client,
        "tbody[data-owner=page] tr[data-rel='power:powerOn']",
    )
    .await?;
    let vm = count(
        client,
        "tbody[data-owner=Vm][data-owner-name=web-frontend-vm1] tr[data-rel='power:powerOn']",
    )
    .await?;
    if (own, vm) != (1, 1) {
        return Err(format!("power:powerOn: {own} on the page, {vm} on the VM"));
    }
    // Following kept the Links view open.
    let selected = js(
        client,
        "return document.querySelector('[data-testid=response-tab-links]').getAttribute('aria-selected')",
    )
    .await?;
    if selected != "true" {
        return Err(format!("the Links view was left ({selected})"));
    }
    js(
        client,
        "document.querySelector('tbody[data-owner=Vm]').scrollIntoView(); return true",
    )
    .await?;
    shot(display, "e2e-entity-links-1024x700.png");
    // The tab's count agrees with the panel's.
    let tab = text_of(client, "[data-testid=response-tab-links]").await;
    let summary = text_of(client, "[data-testid=links-summary]").await;
    let links = summary.split(' ').next().unwrap_or_default();
    if !tab.starts_with(&format!("Links ({links} + ")) {
        return Err(format!("tab {tab:?} against {summary:?}"));
    }
    // The VM's edit opens a PUT that starts from the VM's XML, not the vApp's.
    click(
        client,
        "tbody[data-owner-name=web-frontend-vm1] tr[data-rel=edit][data-type='application/vnd.vmware.vcloud.vm+xml'] td:first-child",
    )
    .await?;
    text_until(
        client,
        ".request-tab.selected [data-testid=request-tab]",
        |t| t.starts_with("PUT web-frontend-vm1"),
    )
    .await?;
    click(client, "[data-testid=composer-tab-body]").await?;
    let body = text_until(client, "[data-testid=composer] .cm-content", |t| {
        !t.is_empty()
    })
    .await?;
    if !(body.contains("<Vm ")
        && body.contains("name=\"web-frontend-vm1\"")
        && !body.contains("<VApp "))
    {
        return Err(format!(
            "the PUT starts from {:?}",
            body.chars().take(200).collect::<String>()
        ));
    }
    Ok(())
}

#[tokio::test(flavor = "multi_thread")]
async fn links_are_followed_from_the_keyboard() {
    let window = AppWindow::open("links-keyboard").await;
    let result = drive_links_keyboard(&window.client).await;
    window.finish("e2e-links-keyboard.png", result).await;
}

async fn drive_links_keyboard(client: &Client) -> Result<(), String> {
    send_the_session(client).await?;
    click(client, "[data-testid=response-tab-links]").await?;
    // Tab from "Save these links…" reaches the grid's first row.
    js(
        client,
        "document.querySelector('[data-testid=save-response-links]').focus(); return true",
    )
    .await?;
    press(client, TAB).await?;
    until_js(
        client,
        "return document.activeElement?.matches('[data-testid=links-panel] tr[data-row]') === true",
    )
    .await?;
    // Down to the org list link, and Enter follows it in place.
    for _ in 0..20 {
        let on = js(client, "return document.activeElement?.dataset.type ?? ''").await?;
        if on.as_str().unwrap_or("").ends_with("orgList+xml") {
            break;
        }
        press(client, DOWN).await?;
    }
    let focus = js(
        client,
        "const r = document.activeElement; return getComputedStyle(r).outlineStyle",
    )
    .await?;
    if focus != "solid" {
        return Err(format!("the focused row shows no outline ({focus})"));
    }
    press(client, ENTER).await?;
    text_until(client, "[data-testid=response-status]", |t| {
        t.contains("orgList+xml")
    })
    .await?;
    // Ctrl+Enter opens the next one in a new tab.
    let tabs = count(client, "[data-testid=request-tab]").await?;
    js(
        client,
        "document.querySelector('[data-testid=links-panel] tr[data-row]').focus(); return true",
    )
    .await?;
    press(client, &format!("{CTRL}{ENTER}")).await?;
    until_js(
        client,
        &format!(
            "return document.querySelectorAll('[data-testid=request-tab]').length === {}",
            tabs + 1
        ),
    )
    .await?;
    // Ctrl+T opens a tab with the focus in its URL box, ready for a path.
    press(client, &format!("{CTRL}t")).await?;
    until_js(
        client,
        "return document.activeElement?.dataset.testid === 'request-url'",
    )
    .await?;
    press(client, "/x").await?;
    let typed = js(
        client,
        "return document.querySelector('[data-testid=request-url]').value",
    )
    .await?;
    if !typed.as_str().unwrap_or("").ends_with("/x") {
        return Err(format!("typed into the new tab's URL: {typed}"));
    }
    Ok(())
}

#[tokio::test(flavor = "multi_thread")]
async fn at_1024x700_and_up_to_200_percent_the_url_box_send_hrefs_and_status_bar_stay_usable() {
    let window = AppWindow::open("zoom").await;
    let result = drive_zoom(&window.client, &window.display).await;
    window.finish("e2e-zoom-200.png", result).await;
}

/// What a trainer's zoom must not break, measured from element rectangles.
const LAYOUT_CHECK: &str = r#"
const rect = (css) => document.querySelector(css)?.getBoundingClientRect();
const url = rect('[data-testid=request-url]'), line = rect('.request-line');
const send = document.querySelector('[data-testid=send-request]');
const bar = document.querySelector('[data-testid=status-bar]');
const tops = Array.from(bar.children).map((c) => Math.round(c.getBoundingClientRect().top));
const href = document.querySelector('[data-testid=links-panel] td.href');
const style = href && getComputedStyle(href);
const lineHeight = style ? parseFloat(style.lineHeight) || parseFloat(style.fontSize) * 1.25 : 16;
const padding = style ? parseFloat(style.paddingTop) + parseFloat(style.paddingBottom) : 0;
const hrefLines = href ? (href.getBoundingClientRect().height - padding) / lineHeight : 1;
return {
  urlShare: url.width / line.width,
  sendWhole: send.scrollWidth <= send.clientWidth + 1 && send.getBoundingClientRect().right <= line.right + 1,
  barOneLine: new Set(tops).size === 1 && bar.scrollHeight <= bar.clientHeight + 1,
  hrefOneLine: hrefLines < 1.9,
  pageScrolls: document.documentElement.scrollHeight > innerHeight + 1 || document.documentElement.scrollWidth > innerWidth + 1,
  inView: send.getBoundingClientRect().right <= innerWidth + 1 && bar.getBoundingClientRect().bottom <= innerHeight + 1
    && bar.getBoundingClientRect().right <= innerWidth + 1,
};
"#;

async fn drive_zoom(client: &Client, display: &str) -> Result<(), String> {
    resize(client, display, 1024, 700).await?;
    send_the_session(client).await?;
    click(client, "[data-testid=response-tab-links]").await?;
    text_of(client, "[data-testid=links-panel] td.href").await;
    // 100 %, then Ctrl+= to 150 % (three steps) and 200 % (five).
    for (presses, percent) in [(0, 100), (3, 150), (2, 200)] {
        let before = js(client, "return innerWidth").await?;
        for _ in 0..presses {
            keys(client, &format!("{CTRL}+")).await?;
        }
        if presses > 0 {
            until_js(client, &format!("return innerWidth < {before}")).await?;
        }
        let zoom = js(
            client,
            "return JSON.parse(localStorage.getItem('vcd-workbench.layout') ?? '{\"zoom\":1}').zoom",
        )
        .await?;
        if (zoom.as_f64().unwrap_or(0.0) * 100.0).round() as i64 != percent {
            return Err(format!("zoom {zoom} where {percent} % was expected"));
        }
        let got = js(client, LAYOUT_CHECK).await?;
        let share = got["urlShare"].as_f64().unwrap_or(0.0);
        let ok = share >= 0.33
            && got["sendWhole"] == true
            && got["barOneLine"] == true
            && got["hrefOneLine"] == true
            && got["pageScrolls"] == false
            && got["inView"] == true;
        if !ok {
            return Err(format!("at {percent} %: {got}"));
        }
        if percent == 150 {
            shot(display, "e2e-zoom-150.png");
        }
    }
    Ok(())
}

#[tokio::test(flavor = "multi_thread")]
async fn loose_words_a_body_without_content_type_and_a_stale_answer_are_each_called_out() {
    let window = AppWindow::open("small-things").await;
    let result = drive_small_things(&window.client).await;
    window.finish("e2e-small-things.png", result).await;
}

async fn drive_small_things(client: &Client) -> Result<(), String> {
    send_the_session(client).await?;
    // Words are not a path.
    fill(client, "[data-testid=request-url]", "not a url at all").await?;
    click(client, "[data-testid=send-request]").await?;
    text_until(client, "[data-testid=error-banner]", |t| {
        t.contains("must start with /")
    })
    .await?;
    // The Session's answer is still there, marked as the previous one.
    let stale = text_of(client, "[data-testid=stale-response]").await;
    if !stale.contains("the answer below is the previous one") {
        return Err(format!("stale note {stale:?}"));
    }
    if count(client, "[data-testid=stale-answer] [data-testid=response]").await? != 1 {
        return Err("the previous answer is not marked stale".into());
    }
    // A POST with a body and no Content-Type is refused before sending, saying what to add.
    fill(
        client,
        "[data-testid=request-url]",
        "/api/vApp/vapp-x/action/deploy",
    )
    .await?;
    click(client, "[data-testid=request-method] option[value=POST]").await?;
    click(client, "[data-testid=composer-tab-body]").await?;
    click(client, "[data-testid=composer] .cm-content").await?;
    client
        .find(fantoccini::Locator::Css(
            "[data-testid=composer] .cm-content",
        ))
        .await
        .map_err(|e| e.to_string())?
        .send_keys("<DeployVAppParams/>")
        .await
        .map_err(|e| e.to_string())?;
    let placeholder = js(
        client,
        "return document.querySelector('[data-testid=content-type]').placeholder",
    )
    .await?;
    if placeholder.as_str().unwrap_or("").contains("application/") {
        return Err(format!(
            "the empty Content-Type looks like a value: {placeholder}"
        ));
    }
    click(client, "[data-testid=send-request]").await?;
    text_until(client, "[data-testid=error-banner]", |t| {
        t.contains("no Content-Type") && t.contains("Add it")
    })
    .await?;
    Ok(())
}
