//! `vcdw task wait URL` and `vcdw task cancel URL`: follow a task to its end (progress on stderr,
//! non-zero when it fails or is canceled), or cancel a running one.

use crate::args::LoginArgs;
use crate::session::{self, reporter, SESSION};
use clap::{Args, Subcommand};
use serde_json::json;

#[derive(Args)]
pub struct TaskArgs {
    #[command(subcommand)]
    action: TaskAction,
}

#[derive(Subcommand)]
enum TaskAction {
    /// Follow a task (its href, e.g. a 202's Location) until it ends.
    Wait(TaskTarget),
    /// Cancel a running task (POST to its task:cancel link).
    Cancel(TaskTarget),
}

#[derive(Args)]
struct TaskTarget {
    /// The task's href: https://…/api/task/ID, or /api/task/ID.
    href: String,
    #[command(flatten)]
    login: LoginArgs,
    /// Print the task's last state as JSON.
    #[arg(long)]
    json: bool,
}

pub async fn run(args: TaskArgs) -> Result<(), String> {
    let (cancel, target) = match args.action {
        TaskAction::Wait(t) => (false, t),
        TaskAction::Cancel(t) => (true, t),
    };
    let fail = reporter(target.json);
    let workbench = session::workbench(target.login.profile.is_some());
    let (_, stays) = session::attach(&workbench, &target.login)
        .await
        .map_err(&fail)?;
    let outcome = if cancel {
        workbench
            .cancel_task(SESSION, &target.href)
            .await
            .map(|v| (Some(v), None))
            .map_err(&fail)
    } else {
        match crate::tasks::follow(&workbench, &target.href).await {
            Ok(v) => Ok((Some(v), None)),
            Err((v, message)) => Ok((v, Some(message))),
        }
    };
    session::detach(&workbench, stays).await;
    let (view, failure) = outcome?;
    if let Some(v) = &view {
        if target.json {
            println!("{}", json!({ "task": v.task, "elapsed_ms": v.elapsed_ms }));
        } else {
            println!(
                "{} {} ({})",
                v.task.status.as_str(),
                vcd_core::terminal_safe(&v.task.operation),
                v.task.href
            );
        }
    }
    match failure {
        Some(m) => Err(m),
        None => Ok(()),
    }
}
