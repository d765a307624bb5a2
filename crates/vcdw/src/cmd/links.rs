//! `vcdw links`: map the API from the Session (or --from) by following GET links, and save the
//! links found (.json, .csv, .md or .xml).

use crate::args::LoginArgs;
use crate::session;
use crate::session::SESSION;
use clap::Args;
use std::io::IsTerminal;
use std::path::PathBuf;
use vcd_core::{DiscoverLimits, ExportFormat};

#[derive(Args)]
pub struct LinksArgs {
    #[command(flatten)]
    login: LoginArgs,
    /// Where to start (a path or URL); default: the Session.
    #[arg(long, value_name = "PATH")]
    from: Option<String>,
    /// How many link levels to follow beyond the start page (0: its links only).
    #[arg(long, default_value_t = 0)]
    depth: usize,
    /// Fetch at most this many pages.
    #[arg(long, default_value_t = 500)]
    max_pages: usize,
    /// The file to write; its extension picks the format: .json, .csv, .md or .xml.
    #[arg(long, value_name = "FILE")]
    out: PathBuf,
}

pub async fn run(args: LinksArgs) -> Result<(), String> {
    // Refuse a file name with no known format before any network work.
    ExportFormat::from_path(&args.out).map_err(|e| e.to_string())?;
    if args.login.no_auth {
        return Err("--no-auth is for vcdw send: Discover follows links with the session".into());
    }
    let workbench = session::workbench(args.login.profile.is_some());
    let (_, stays) = session::attach(&workbench, &args.login)
        .await
        .map_err(|e| e.to_string())?;
    // A progress line that rewrites itself only makes sense on a terminal.
    let live = std::io::stderr().is_terminal();
    let limits = DiscoverLimits {
        depth: args.depth,
        max_pages: args.max_pages,
    };
    // The app's Discover and Save all links, on this command's session.
    let result = workbench
        .discover(SESSION, args.from.as_deref(), limits, |p| {
            if live {
                eprint!(
                    "\rvcdw: {} of {} pages read, {} links ",
                    p.pages_done, p.pages_known, p.links
                );
            }
        })
        .await;
    if live {
        eprintln!();
    }
    session::detach(&workbench, stays).await;
    let found = result.map_err(|e| e.to_string())?;
    for (page, why) in &found.failed {
        eprintln!("vcdw: skipped {page}: {why}");
    }
    let out = args.out.to_string_lossy().into_owned();
    let saved = workbench
        .save_links(SESSION, None, out)
        .await
        .map_err(|e| e.to_string())?;
    println!(
        "Saved {} links from {} pages to {} ({:?}).",
        saved.count, found.pages, saved.path, saved.format
    );
    Ok(())
}
