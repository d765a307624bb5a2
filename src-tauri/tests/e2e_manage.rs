//! End to end in the real app window, managing entities (issue "Manage entities"): a power action's
//! task shown to 100 % with the vApp then powered on, a failing task's Error decoded, BUSY_ENTITY
//! while a task runs, and a canceled task that leaves the vApp as it was. Same harness as
//! e2e_window.rs (tests/window/); the demo simulator's tasks are timed through its environment.

mod window;

use fantoccini::Client;
use window::*;

/// From the demo's VDC to the web-frontend vApp, then its page's `power:powerOn` prepared in a new
/// tab and sent: the 202 with its Task.
async fn power_on_web_frontend(client: &Client) -> Result<(), String> {
    session_to_vdc(client).await?;
    follow(
        client,
        "tr[data-element=ResourceEntity][data-name=web-frontend]",
    )
    .await?;
    click(client, "[data-testid=response-tab-links]").await?;
    click(
        client,
        "[data-testid=links-panel] tbody[data-owner=page] tr[data-rel='power:powerOn'] td:first-child",
    )
    .await?;
    until_js(
        client,
        "return !!document.querySelector('[data-testid=request-url]')?.value.endsWith('/power/action/powerOn')",
    )
    .await?;
    click(client, "[data-testid=send-request]").await?;
    text_until(client, "[data-testid=response-status]", |t| {
        t.starts_with("202")
    })
    .await?;
    text_of(client, "[data-testid=response-tasks] [data-testid=task]").await;
    Ok(())
}

async fn task_status(client: &Client) -> Result<String, String> {
    let v = js(
        client,
        "return document.querySelector('[data-testid=response-tasks] [data-testid=task]')?.dataset.status ?? ''",
    )
    .await?;
    Ok(v.as_str().unwrap_or_default().to_string())
}

#[tokio::test(flavor = "multi_thread")]
async fn a_power_on_task_runs_to_100_percent_and_the_reloaded_vapp_offers_power_off() {
    let window =
        AppWindow::open_with("task-success", &[("VCD_WORKBENCH_DEMO_TASK_MS", "2500")]).await;
    let result = drive_success(&window.client, &window.display).await;
    window.finish("e2e-task-success.png", result).await;
}

async fn drive_success(client: &Client, display: &str) -> Result<(), String> {
    power_on_web_frontend(client).await?;
    // While it runs: a progress bar, Cancel, and the Tasks section lists it as running.
    let running = task_status(client).await?;
    if !matches!(running.as_str(), "queued" | "running") {
        return Err(format!("the task starts {running}"));
    }
    text_of(
        client,
        "[data-testid=response-tasks] [data-testid=task-cancel]",
    )
    .await;
    text_until(client, "[data-testid=tasks-count]", |t| t == "1 running").await?;
    shot(display, "e2e-task-running.png");
    text_until(
        client,
        "[data-testid=response-tasks] [data-testid=task-percent]",
        |t| t == "100 %",
    )
    .await?;
    let status = task_status(client).await?;
    if status != "success" {
        return Err(format!("the task ended {status}"));
    }
    // (The title is read as the DOM has it: WebDriver's text drops an ellipsised flex item's.)
    let line = js(
        client,
        "return document.querySelector('[data-testid=response-tasks] [data-testid=task]').textContent",
    )
    .await?;
    let line = line.as_str().unwrap_or_default();
    if !(line.contains("Succeeded") && line.contains("Starting Virtual Application web-frontend")) {
        return Err(format!("task line {line:?}"));
    }
    text_until(client, "[data-testid=tasks-count]", |t| t == "1 ended").await?;
    // The notice offers to reload the vApp; the vApp's tab shows it powered on.
    let notice = text_of(client, "[data-testid=task-notice]").await;
    if !notice.contains("done") {
        return Err(format!("notice {notice:?}"));
    }
    click(client, "[data-testid=task-notice-reload]").await?;
    text_until(
        client,
        ".request-tab.selected [data-testid=request-tab]",
        |t| t == "GET web-frontend",
    )
    .await?;
    text_until(client, "[data-testid=response-status]", |t| {
        t.starts_with("200")
    })
    .await?;
    click(client, "[data-testid=response-tab-links]").await?;
    let off = count(
        client,
        "tbody[data-owner=page] tr[data-rel='power:powerOff']",
    )
    .await?;
    let on = count(
        client,
        "tbody[data-owner=page] tr[data-rel='power:powerOn']",
    )
    .await?;
    if (off, on) != (1, 0) {
        return Err(format!(
            "after the task: {off} powerOff, {on} powerOn links"
        ));
    }
    resize(client, display, 1024, 700).await?;
    shot(display, "e2e-task-success-1024x700.png");
    Ok(())
}

#[tokio::test(flavor = "multi_thread")]
async fn a_failing_task_shows_its_error_decoded() {
    let window = AppWindow::open_with(
        "task-error",
        &[
            ("VCD_WORKBENCH_DEMO_TASK_MS", "300"),
            ("VCD_WORKBENCH_DEMO_FAIL", "vappPowerOn"),
        ],
    )
    .await;
    let result = drive_error(&window.client).await;
    window.finish("e2e-task-error.png", result).await;
}

async fn drive_error(client: &Client) -> Result<(), String> {
    power_on_web_frontend(client).await?;
    let error = text_of(
        client,
        "[data-testid=response-tasks] [data-testid=task-error]",
    )
    .await;
    if !(error.starts_with("INTERNAL_SERVER_ERROR") && error.contains("vappPowerOn")) {
        return Err(format!("task error {error:?}"));
    }
    let status = task_status(client).await?;
    if status != "error" {
        return Err(format!("the task ended {status}"));
    }
    let notice = text_of(client, "[data-testid=task-notice]").await;
    if !notice.contains("error") {
        return Err(format!("notice {notice:?}"));
    }
    Ok(())
}

#[tokio::test(flavor = "multi_thread")]
async fn busy_entity_while_a_task_runs_and_a_canceled_task_leaves_the_vapp_as_it_was() {
    let window =
        AppWindow::open_with("task-cancel", &[("VCD_WORKBENCH_DEMO_TASK_MS", "120000")]).await;
    let result = drive_cancel(&window.client, &window.display).await;
    window.finish("e2e-task-cancel.png", result).await;
}

async fn drive_cancel(client: &Client, display: &str) -> Result<(), String> {
    power_on_web_frontend(client).await?;
    // The same action again while the task runs: VCD's BUSY_ENTITY, with what to do.
    click(client, "[data-testid=send-request]").await?;
    text_until(client, "[data-testid=response-status]", |t| {
        t.starts_with("400")
    })
    .await?;
    let error = text_of(client, "[data-testid=vcd-error]").await;
    if !(error.contains("BUSY_ENTITY") && error.contains("Wait for it to end")) {
        return Err(format!("busy error {error:?}"));
    }
    shot(display, "e2e-busy-entity.png");
    // Cancel from the Tasks section.
    click(
        client,
        "[data-testid=tasks-section] [data-testid=task-cancel]",
    )
    .await?;
    text_until(
        client,
        "[data-testid=tasks-section] [data-testid=task] .badge",
        |t| t == "Canceled",
    )
    .await?;
    click(
        client,
        "[data-testid=tasks-section] [data-testid=task-reload]",
    )
    .await?;
    text_until(client, "[data-testid=response-status]", |t| {
        t.starts_with("200")
    })
    .await?;
    click(client, "[data-testid=response-tab-links]").await?;
    let on = count(
        client,
        "tbody[data-owner=page] tr[data-rel='power:powerOn']",
    )
    .await?;
    if on != 1 {
        return Err(format!(
            "after the cancel the vApp offers {on} powerOn links"
        ));
    }
    Ok(())
}
