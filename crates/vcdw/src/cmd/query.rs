//! `vcdw query TYPE`: the query service from the command line: a filter, fields, a sort and a
//! format; one page, or with `--all` every page (read `--concurrency` at a time); printed as a
//! table of records, or written to a .csv or .json file atomically.

use crate::args::LoginArgs;
use crate::session::{self, reporter, SESSION};
use clap::{Args, ValueEnum};
use serde_json::json;
use std::path::PathBuf;
use vcd_core::{export_records, QueryRecord, QuerySpec, RequestAuth, RequestDraft};

#[derive(Clone, Copy, ValueEnum)]
enum Format {
    Records,
    Idrecords,
    References,
}

#[derive(Args)]
pub struct QueryArgs {
    /// The query type: vApp, vm, orgVdc, catalog, catalogItem, vAppTemplate, edgeGateway,
    /// orgVdcNetwork, task, media, user, …
    query_type: String,
    #[command(flatten)]
    login: LoginArgs,
    /// The filter, e.g. 'name==web*;status==POWERED_ON' (from API 35.0 escape ( ) ; , in values
    /// with a backslash).
    #[arg(long)]
    filter: Option<String>,
    /// The properties to return, comma-separated.
    #[arg(long, value_delimiter = ',')]
    fields: Vec<String>,
    #[arg(long, value_name = "PROPERTY", conflicts_with = "sort_desc")]
    sort_asc: Option<String>,
    #[arg(long, value_name = "PROPERTY")]
    sort_desc: Option<String>,
    #[arg(long, value_enum, default_value = "records")]
    format: Format,
    /// Records per page (VCD serves at most 128).
    #[arg(long, default_value_t = 128)]
    page_size: usize,
    /// Every page, not only the first.
    #[arg(long)]
    all: bool,
    /// Pages read at once with --all.
    #[arg(long, default_value_t = 4)]
    concurrency: usize,
    /// Write the records to this .csv or .json file instead of printing them.
    #[arg(long, value_name = "FILE")]
    out: Option<PathBuf>,
    /// Print {"total", "records": [{attribute: value}]}.
    #[arg(long)]
    json: bool,
}

pub async fn run(args: QueryArgs) -> Result<(), String> {
    let fail = reporter(args.json);
    if let Some(out) = &args.out {
        let ext = out.extension().and_then(|e| e.to_str()).unwrap_or("");
        if !ext.eq_ignore_ascii_case("csv") && !ext.eq_ignore_ascii_case("json") {
            return Err(format!(
                "--out {}: name a .csv or a .json file",
                out.display()
            ));
        }
    }
    let spec = QuerySpec {
        query_type: args.query_type.clone(),
        format: match args.format {
            Format::Records => "records",
            Format::Idrecords => "idrecords",
            Format::References => "references",
        }
        .into(),
        filter: args.filter.clone().unwrap_or_default(),
        cloudapi: false,
        filter_encoded: false,
        fields: args.fields.clone(),
        sort: args
            .sort_asc
            .clone()
            .map(|p| (p, false))
            .or_else(|| args.sort_desc.clone().map(|p| (p, true))),
        page_size: args.page_size,
    };
    let workbench = session::workbench(args.login.profile.is_some());
    let (_, stays) = session::attach(&workbench, &args.login)
        .await
        .map_err(&fail)?;
    let result = fetch(&workbench, &spec, args.all, args.concurrency).await;
    session::detach(&workbench, stays).await;
    let (total, records) = result.map_err(&fail)?;
    if let Some(out) = &args.out {
        export_records(&records, out).map_err(&fail)?;
        eprintln!(
            "vcdw: {} of {total} records written to {}",
            records.len(),
            out.display()
        );
        return Ok(());
    }
    if args.json {
        let rows: Vec<serde_json::Value> = records
            .iter()
            .map(|r| {
                let m: serde_json::Map<_, _> = r
                    .attributes
                    .iter()
                    .map(|(k, v)| (k.clone(), json!(v)))
                    .collect();
                serde_json::Value::Object(m)
            })
            .collect();
        println!("{}", json!({ "total": total, "records": rows }));
    } else {
        for r in &records {
            let line: Vec<String> = r
                .attributes
                .iter()
                .map(|(k, v)| format!("{k}={}", vcd_core::terminal_safe(v)))
                .collect();
            println!("{}", line.join("  "));
        }
        eprintln!("vcdw: {} of {total} records", records.len());
    }
    Ok(())
}

/// The first page (sent as the app sends, read as the query builder reads it), or with `all`
/// every page through the Workbench's Fetch all.
async fn fetch(
    workbench: &vcd_core::Workbench,
    spec: &QuerySpec,
    all: bool,
    concurrency: usize,
) -> Result<(u64, Vec<QueryRecord>), vcd_core::CoreError> {
    let sent = workbench
        .send(
            SESSION,
            1,
            RequestDraft::get(&spec.path()),
            RequestAuth::Inherit,
        )
        .await?;
    let page = workbench.list_page(sent.id)?;
    if !all {
        return Ok((page.total, page.records));
    }
    // Progress on a terminal only: a log file gets the summary line.
    let terminal = std::io::IsTerminal::is_terminal(&std::io::stderr());
    let fetched = workbench
        .fetch_all(
            SESSION,
            2,
            sent.id,
            Some(concurrency),
            move |done, pages| {
                if terminal && pages > 1 {
                    eprint!("\rvcdw: page {done} of {pages}");
                    if done == pages {
                        eprintln!();
                    }
                }
            },
        )
        .await?;
    Ok((page.total, workbench.fetched(fetched.fetch_id)?.to_vec()))
}
