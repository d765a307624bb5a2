//! `vcdw sim`: the built-in VCD simulator on 127.0.0.1 until interrupted, for trainers and
//! scripts (its address, certificate fingerprint and demo logins printed at start).

use clap::Args;
use serde_json::json;
use std::io::Write;
use std::time::Duration;
use vcd_sim::{Scenario, DEFAULT_RELEASE};

#[derive(Args)]
pub struct SimArgs {
    /// The VCD release to simulate: 10.1, 10.2, 10.3, 10.3.1, 10.4, 10.5 or 10.6 (default: the
    /// scenario's, else 10.5).
    #[arg(long)]
    release: Option<String>,
    /// A JSON or YAML scenario file (orgs, users, API tokens, timeouts); default: the demo world.
    #[arg(long = "scenario", value_name = "FILE")]
    scenario_file: Option<std::path::PathBuf>,
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
    /// How long each task (power, deploy, delete, …) runs before it ends, in milliseconds
    /// (overrides the scenario's task_ms; default 3000).
    #[arg(long, value_name = "MS")]
    task_ms: Option<u64>,
    /// Make the tasks of this operation end in error, e.g. vappPowerOn or vdcDeleteVapp
    /// (repeatable; adds to the scenario's failing_operations), to show how a failure reads.
    #[arg(long = "fail-operation", value_name = "NAME")]
    fail_operations: Vec<String>,
    /// Wait this many milliseconds before every answer, as over a slow link (for benchmarks).
    #[arg(long, default_value_t = 0, value_name = "MS")]
    latency_ms: u64,
    /// Serve HTTPS with a self-signed certificate made at start (its fingerprint is printed).
    #[arg(long)]
    tls: bool,
    /// The port to listen on; 0 picks a free one.
    #[arg(long, default_value_t = 0)]
    port: u16,
    /// Print one JSON line {"url", "sha256", "demo"} once connections are accepted.
    #[arg(long)]
    json: bool,
}

pub async fn run(args: SimArgs) -> Result<(), String> {
    let SimArgs {
        release,
        scenario_file,
        session_idle,
        public_url,
        scale,
        task_ms,
        fail_operations,
        latency_ms,
        tls,
        port,
        json,
    } = args;
    let mut scenario = match &scenario_file {
        Some(path) => Scenario::load(path).map_err(|e| e.to_string())?,
        None => Scenario::demo(),
    };
    if let Some(unknown) = fail_operations
        .iter()
        .find(|o| !vcd_sim::OPERATIONS.contains(&o.as_str()))
    {
        return Err(format!(
            "--fail-operation {unknown}: the simulator runs no such operation; give one of {}",
            vcd_sim::OPERATIONS.join(", ")
        ));
    }
    scenario.failing_operations.extend(fail_operations);
    if task_ms.is_some_and(|ms| ms > 3_600_000) {
        return Err("--task-ms is at most 3600000 (an hour)".into());
    }
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
        task_duration: task_ms.map(Duration::from_millis),
        latency: Duration::from_millis(latency_ms),
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
