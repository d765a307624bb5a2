//! `vcdw links`: map the API from the Session (or --from) by following GET links, and save the
//! links found (.json, .csv, .md or .xml).

use crate::args::LoginArgs;
use crate::session;
use clap::Args;
use std::io::IsTerminal;
use std::path::PathBuf;
use std::sync::atomic::AtomicBool;
use vcd_core::{discover, save_link_map, DiscoverLimits, ExportFormat};

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
    let (manager, kept) = session::open(&workbench, &args.login)
        .await
        .map_err(|e| e.to_string())?;
    let cancel = AtomicBool::new(false);
    // A progress line that rewrites itself only makes sense on a terminal.
    let live = std::io::stderr().is_terminal();
    let limits = DiscoverLimits {
        depth: args.depth,
        max_pages: args.max_pages.max(1),
    };
    let result = discover(&manager, args.from.as_deref(), limits, &cancel, |p| {
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
    session::close(manager, kept).await;
    let found = result.map_err(|e| e.to_string())?;
    for (page, why) in &found.failed {
        eprintln!("vcdw: skipped {page}: {why}");
    }
    let format = save_link_map(found.map.rows(), &args.out).map_err(|e| e.to_string())?;
    println!(
        "Saved {} links from {} pages to {} ({:?}).",
        found.map.len(),
        found.pages,
        args.out.display(),
        format
    );
    Ok(())
}
