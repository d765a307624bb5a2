//! `vcdw versions`: the API versions a VCD supports (GET /api/versions, no login), newest first.

use crate::args::TrustArgs;
use crate::print_error_json;
use clap::Args;
use vcd_core::{discover_versions, HttpOptions, VersionList};

#[derive(Args)]
pub struct VersionsArgs {
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
}

pub async fn run(args: VersionsArgs) -> Result<(), String> {
    let VersionsArgs {
        url,
        json: as_json,
        trust,
        timeout,
    } = args;
    let url = url.as_str();
    let trust = trust.to_trust()?;
    let options = HttpOptions {
        trust,
        timeout: vcd_core::timeout_from_secs(timeout).map_err(|e| e.to_string())?,
        proxy: None,
        body_limits: crate::session::workbench(false).body_limits(),
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
