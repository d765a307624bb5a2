//! vcdw: VCD Workbench on the command line. Each subcommand is a `Name(NameArgs)` in its own module
//! under cmd/; flag groups several of them share (login, trust) are under args/.

mod args;
mod cmd;
mod session;
mod tasks;

use clap::{Parser, Subcommand};
use serde_json::json;
use std::process::ExitCode;
use vcd_core::CoreError;

#[derive(Parser)]
#[command(name = "vcdw", version, about = "VCD Workbench on the command line")]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Run the built-in VCD simulator on 127.0.0.1 until interrupted (Ctrl+C).
    Sim(cmd::sim::SimArgs),
    /// List the API versions a VCD supports (GET /api/versions), newest first.
    Versions(cmd::versions::VersionsArgs),
    /// Manage connection profiles (shared with the app).
    Profile(cmd::profile::ProfileArgs),
    /// Log in (password or API token), show the session, and log out again (or, with --keep, keep
    /// it open for later commands). Secrets come from --password-stdin / --token-stdin or
    /// VCDW_PASSWORD / VCDW_API_TOKEN, never from a flag value.
    Login(cmd::login::LoginCmdArgs),
    /// Send one request with the session attached (the profile's kept session, else a fresh login);
    /// exits non-zero on HTTP 400 and above.
    Send(cmd::send::SendArgs),
    /// Run a query of the query service (GET /api/query?type=…): one page, or --all of them;
    /// printed, or written to a .csv or .json file.
    Query(cmd::query::QueryArgs),
    /// Follow a task to its end (`task wait URL`) or cancel it (`task cancel URL`).
    Task(cmd::task::TaskArgs),
    /// Map the API from the Session (or --from) by following GET links, and save the links found
    /// (.json, .csv, .md or .xml).
    Links(cmd::links::LinksArgs),
    /// End the session `vcdw login --profile P --keep` left open (DELETE /api/session) and forget
    /// its tokens.
    Logout(cmd::logout::LogoutArgs),
}

#[tokio::main]
async fn main() -> ExitCode {
    // To stderr, with vcd-core's filter (it keeps headers, and so tokens, out of the log).
    let _ = tracing_subscriber::fmt()
        .with_env_filter(vcd_core::log_filter("warn"))
        .with_writer(std::io::stderr)
        .try_init();
    vcd_core::clean_spool_leftovers();
    let result = match Cli::parse().command {
        Command::Sim(args) => cmd::sim::run(args).await,
        Command::Versions(args) => cmd::versions::run(args).await,
        Command::Profile(args) => cmd::profile::run(args),
        Command::Login(args) => cmd::login::run(args).await,
        Command::Send(args) => cmd::send::run(args).await,
        Command::Links(args) => cmd::links::run(args).await,
        Command::Query(args) => cmd::query::run(args).await,
        Command::Task(args) => cmd::task::run(args).await,
        Command::Logout(args) => cmd::logout::run(args).await,
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            // A server's words reach the terminal with their escape sequences made visible.
            eprintln!("vcdw: {}", vcd_core::terminal_safe(&message));
            ExitCode::FAILURE
        }
    }
}

/// With `--json`, an error is also printed as `{"error": {kind, message, ...}}` on stdout.
pub(crate) fn print_error_json(err: &CoreError) {
    println!("{}", json!({ "error": err.report() }));
}
