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
