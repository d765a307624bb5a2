//! vcdw: VCD Workbench on the command line.

mod login_args;
mod profile_cmd;
mod send_cmd;
mod session_cmd;
mod trust_args;

use clap::{Parser, Subcommand};
use login_args::LoginArgs;
use serde_json::json;
use std::io::Write;
use std::process::ExitCode;
use std::time::Duration;
use trust_args::TrustArgs;
use vcd_core::{discover_versions, CoreError, HttpOptions, VersionList};
use vcd_sim::Scenario;
use vcd_sim::DEFAULT_RELEASE;

#[derive(Parser)]
#[command(name = "vcdw", version, about = "VCD Workbench on the command line")]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Run the built-in VCD simulator on 127.0.0.1 until interrupted (Ctrl+C).
    Sim {
        /// The VCD release to simulate: 10.1, 10.2, 10.3, 10.3.1, 10.4, 10.5 or 10.6 (default: the
        /// scenario's, else 10.5).
        #[arg(long)]
        release: Option<String>,
        /// A JSON or YAML scenario file (orgs, users, API tokens, timeouts); default: the demo world.
        #[arg(long, value_name = "FILE")]
        scenario: Option<std::path::PathBuf>,
        /// Seconds a session may stay idle before it expires (overrides the scenario).
        #[arg(long, value_name = "SECONDS")]
        session_idle: Option<u64>,
        /// The public address to put into LoginUrl and hrefs, as a provider configures it (it may
        /// name another host than 127.0.0.1; overrides the scenario).
        #[arg(long, value_name = "URL")]
        public_url: Option<String>,
        /// vApps in each tenant org's VDC (2 VMs each): a large number makes large responses.
        #[arg(long, default_value_t = 3, value_name = "N")]
        scale: usize,
        /// Serve HTTPS with a self-signed certificate made at start (its fingerprint is printed).
        #[arg(long)]
        tls: bool,
        /// The port to listen on; 0 picks a free one.
        #[arg(long, default_value_t = 0)]
        port: u16,
        /// Print one JSON line {"url", "sha256", "demo"} once connections are accepted.
        #[arg(long)]
        json: bool,
    },
    /// List the API versions a VCD supports (GET /api/versions), newest first.
    Versions {
        /// The VCD address, e.g. https://vcd.example.com
        url: String,
        /// Print {"default", "versions": [...]} as JSON.
        #[arg(long)]
        json: bool,
        #[command(flatten)]
        trust: TrustArgs,
        /// Seconds to wait for the server.
        #[arg(long, default_value_t = 30)]
        timeout: u64,
    },
    /// Manage connection profiles (shared with the app).
    Profile {
        #[command(subcommand)]
        command: profile_cmd::ProfileCommand,
    },
    /// Log in (password or API token), show the session, and log out again (or, with --keep, keep
    /// it open for later commands). Secrets come from --password-stdin / --token-stdin or
    /// VCDW_PASSWORD / VCDW_API_TOKEN, never from a flag value.
    Login {
        #[command(flatten)]
        login: LoginArgs,
        /// Print {"user", "org", "version", "auth", "login_url", "legacy_token", "links"}.
        #[arg(long)]
        json: bool,
        /// Keep the session open (its tokens in the OS keyring, never a file) for later commands
        /// of this profile, until `vcdw logout --profile P`. Needs --profile and a keyring.
        #[arg(long)]
        keep: bool,
    },
    /// Send one request with the session attached (the profile's kept session, else a fresh login);
    /// exits non-zero on HTTP 400 and above.
    Send(send_cmd::SendArgs),
    /// Map the API from the Session (or --from) by following GET links, and save the links found
    /// (.json, .csv, .md or .xml).
    Links(send_cmd::LinksArgs),
    /// End the session `vcdw login --profile P --keep` left open (DELETE /api/session) and forget
    /// its tokens.
    Logout {
        /// The profile whose kept session to end.
        #[arg(long)]
        profile: String,
        /// Print {"ended": bool, "user", "org"}.
        #[arg(long)]
        json: bool,
    },
}

#[tokio::main]
async fn main() -> ExitCode {
    vcd_core::init_logging("warn");
    vcd_core::clean_spool_leftovers();
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Sim {
            release,
            scenario,
            session_idle,
            public_url,
            scale,
            tls,
            port,
            json,
        } => {
            let sim = SimArgs {
                release,
                scenario_file: scenario,
                session_idle,
                public_url,
                scale,
                tls,
                port,
            };
            run_sim(sim, json).await
        }
        Command::Login { login, json, keep } => session_cmd::login(&login, json, keep).await,
        Command::Logout { profile, json } => session_cmd::logout(&profile, json).await,
        Command::Send(args) => send_cmd::send(args).await,
        Command::Links(args) => send_cmd::links(args).await,
        Command::Profile { command } => profile_cmd::run(command),
        Command::Versions {
            url,
            json,
            trust,
            timeout,
        } => run_versions(&url, json, &trust, timeout).await,
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

struct SimArgs {
    release: Option<String>,
    scenario_file: Option<std::path::PathBuf>,
    session_idle: Option<u64>,
    public_url: Option<String>,
    scale: usize,
    tls: bool,
    port: u16,
}

async fn run_sim(args: SimArgs, json: bool) -> Result<(), String> {
    let SimArgs {
        release,
        scenario_file,
        session_idle,
        public_url,
        scale,
        tls,
        port,
    } = args;
    let scenario = match &scenario_file {
        Some(path) => Scenario::load(path).map_err(|e| e.to_string())?,
        None => Scenario::demo(),
    };
    let release = release
        .or_else(|| scenario.release.clone())
        .unwrap_or_else(|| DEFAULT_RELEASE.to_string());
    let options = vcd_sim::SimOptions::for_release(&release).map_err(|e| e.to_string())?;
    let options = vcd_sim::SimOptions {
        port,
        scenario,
        session_idle: session_idle.map(Duration::from_secs),
        public_url,
        scale,
        ..options.with_tls(tls)
    };
    let sim = vcd_sim::start(options).await.map_err(|e| e.to_string())?;
    let mut out = std::io::stdout().lock();
    if json {
        let mut line = json!({ "url": sim.url() });
        if let Some(fp) = sim.fingerprint() {
            line["sha256"] = json!(fp.to_string());
        }
        if scenario_file.is_none() {
            line["demo"] = json!(Scenario::demo_credentials());
        }
        let _ = writeln!(out, "{line}");
    } else {
        let r = sim.release();
        let _ = writeln!(
            out,
            "VCD simulator: VCD {} (API {}) at {}",
            r.name,
            r.max_api,
            sim.url()
        );
        if let Some(fp) = sim.fingerprint() {
            let _ = writeln!(out, "Certificate SHA-256: {fp}");
            let _ = writeln!(out, "Trust it with: vcdw versions {} --pin {fp}", sim.url());
        }
        if scenario_file.is_none() {
            let d = Scenario::demo_credentials();
            let _ = writeln!(
                out,
                "Demo logins: {}@{} / {} · API token {} · provider {}@System / {}",
                d.user, d.org, d.password, d.api_token, d.provider_user, d.provider_password
            );
        }
        let _ = writeln!(out, "Press Ctrl+C to stop.");
    }
    let _ = out.flush();
    drop(out);
    wait_for_stop_signal().await;
    sim.stop().await;
    Ok(())
}

async fn wait_for_stop_signal() {
    #[cfg(unix)]
    {
        use tokio::signal::unix::{signal, SignalKind};
        match signal(SignalKind::terminate()) {
            Ok(mut term) => {
                tokio::select! {
                    _ = tokio::signal::ctrl_c() => {}
                    _ = term.recv() => {}
                }
            }
            Err(_) => {
                let _ = tokio::signal::ctrl_c().await;
            }
        }
    }
    #[cfg(not(unix))]
    {
        let _ = tokio::signal::ctrl_c().await;
    }
}

pub(crate) fn print_error_json(err: &CoreError) {
    println!("{}", json!({ "error": err.report() }));
}

async fn run_versions(
    url: &str,
    as_json: bool,
    trust: &TrustArgs,
    timeout: u64,
) -> Result<(), String> {
    let trust = trust.to_trust()?;
    let options = HttpOptions {
        trust,
        timeout: vcd_core::timeout_from_secs(timeout).map_err(|e| e.to_string())?,
        proxy: None,
        body_limits: vcd_core::Settings::saved_body_limits(),
    };
    let list = match discover_versions(url, &options).await {
        Ok(list) => list,
        Err(err) => {
            if as_json {
                print_error_json(&err);
            }
            return Err(err.to_string());
        }
    };
    if as_json {
        println!(
            "{}",
            serde_json::to_string(&list).map_err(|e| e.to_string())?
        );
    } else {
        print_version_table(&list);
    }
    Ok(())
}

fn print_version_table(list: &VersionList) {
    println!(
        "{:<14} {:<9} {:<11} LOGIN URL",
        "VERSION", "RELEASE", "STATE"
    );
    for v in &list.versions {
        let state = if list.default.as_deref() == Some(v.version.as_str()) {
            "default"
        } else if v.deprecated {
            "deprecated"
        } else {
            "active"
        };
        println!(
            "{:<14} {:<9} {:<11} {}",
            v.version,
            v.release.as_deref().unwrap_or("-"),
            state,
            v.login_url
        );
    }
    match list.default_entry() {
        Some(d) => println!("\nDefault: {} → Accept: {}", d.version, d.accept_header),
        None => println!("\nNo active API version: the server offers only deprecated ones."),
    }
}
