//! `vcdw send`: one request with the session attached (the profile's kept session, else a fresh
//! login), printed as text or JSON; exits non-zero on HTTP 400 and above. It is sent as the app
//! sends: through [`vcd_core::Workbench::send`], the one send path of both front ends.

use crate::args::LoginArgs;
use crate::print_error_json;
use crate::session;
use crate::session::SESSION;
use clap::Args;
use serde_json::json;
use std::io::{IsTerminal, Write};
use std::path::PathBuf;
use vcd_core::{terminal_safe, Body, CoreError, DraftHeader, RequestDraft};

#[derive(Args)]
pub struct SendArgs {
    /// GET, POST, PUT, DELETE, ...
    method: String,
    /// A path (/api/org) resolved against the profile's address, or a full URL on it.
    path: String,
    #[command(flatten)]
    login: LoginArgs,
    /// A request header, 'Name: value' (repeatable); an Accept given here replaces the default one.
    #[arg(short = 'H', long = "header", value_name = "NAME: VALUE")]
    headers: Vec<String>,
    /// A file whose content is the request body.
    #[arg(long, value_name = "FILE")]
    body: Option<PathBuf>,
    /// The body's media type, e.g. application/vnd.vmware.vcloud.deployVAppParams+xml.
    #[arg(long, value_name = "TYPE")]
    content_type: Option<String>,
    /// Print {"status", "elapsed_ms", "headers", "body", "links", "references", "links_total",
    /// "references_total", "error", "tasks"}.
    #[arg(long)]
    json: bool,
    /// Follow the tasks the answer starts (a 202's Task, a new entity's embedded Task) to their
    /// end, progress on stderr; exit non-zero when one fails or is canceled.
    #[arg(long)]
    wait: bool,
}

fn parse_header(text: &str) -> Result<DraftHeader, String> {
    let (name, value) = text
        .split_once(':')
        .ok_or_else(|| format!("the header '{text}' has no ':'; write it as 'Name: value'"))?;
    Ok(DraftHeader {
        name: name.trim().to_string(),
        value: value.trim().to_string(),
        enabled: true,
    })
}

pub async fn run(args: SendArgs) -> Result<(), String> {
    let as_json = args.json;
    let fail = |err: CoreError| {
        if as_json {
            print_error_json(&err);
        }
        err.to_string()
    };
    let mut headers = args
        .headers
        .iter()
        .map(|h| parse_header(h))
        .collect::<Result<Vec<_>, _>>()?;
    if let Some(ct) = &args.content_type {
        headers.push(DraftHeader {
            name: "Content-Type".into(),
            value: ct.clone(),
            enabled: true,
        });
    }
    let mut draft = RequestDraft {
        method: args.method.clone(),
        url: args.path.clone(),
        headers,
        body: None,
        timeout_secs: None,
        body_file: None,
        advertised: None,
    };
    if let Some(path) = &args.body {
        draft = draft.with_body_file(path).map_err(fail)?;
    }
    let workbench = session::workbench(args.login.profile.is_some());
    let (auth, stays) = session::attach(&workbench, &args.login)
        .await
        .map_err(fail)?;
    let result = workbench.send(SESSION, 1, draft, auth).await;
    // Tasks are followed on the same session, before it ends.
    let mut waited = Vec::new();
    let mut task_failure = None;
    if let (true, Ok(sent)) = (args.wait, &result) {
        for t in sent.tasks.iter().filter(|t| t.task.status.is_running()) {
            match crate::tasks::follow(&workbench, &t.task.href).await {
                Ok(end) => waited.push(end),
                Err((end, message)) => {
                    waited.extend(end);
                    task_failure.get_or_insert(message);
                }
            }
        }
    }
    session::detach(&workbench, stays).await;
    let sent = result.map_err(fail)?;
    let tasks: Vec<_> = if args.wait {
        waited
    } else {
        sent.tasks.clone()
    };
    let response = workbench.response(sent.id).map_err(fail)?;
    let view = sent.view;
    if as_json {
        let headers: serde_json::Map<String, serde_json::Value> = view
            .headers
            .iter()
            .map(|h| (h.name.clone(), json!(h.value)))
            .collect();
        let rest = json!({
            "status": view.status,
            "elapsed_ms": view.elapsed_ms,
            "headers": headers,
            "links": view.links,
            "references": view.references,
            // The page may hold more than the lists keep (vcd_core::MAX_PAGE_LINKS each).
            "links_total": view.links_total,
            "references_total": view.references_total,
            "error": view.error,
            "parse_error": view.parse_error,
            "redirect": view.redirect,
            "tasks": tasks,
        });
        print_json_with_body(&response.body, &rest)
            .map_err(|e| format!("the answer could not be printed: {e}"))?;
    } else {
        // On a terminal the server's text is made harmless; into a pipe or file it goes as sent.
        let shown = |s: &str| -> String {
            if std::io::stdout().is_terminal() {
                terminal_safe(s).into_owned()
            } else {
                s.to_string()
            }
        };
        println!(
            "HTTP {} {} · {} · {} bytes",
            view.status,
            view.reason,
            vcd_core::format_ms(view.elapsed_ms),
            view.size
        );
        for h in &view.headers {
            println!("{}: {}", h.name, shown(&h.value));
        }
        println!();
        print_body(&response.body, std::io::stdout().is_terminal())
            .map_err(|e| format!("the answer could not be printed: {e}"))?;
        if let Some(r) = &view.redirect {
            eprintln!(
                "vcdw: redirect to {}: {}",
                terminal_safe(&r.location),
                r.reason
            );
        }
        if let Some(p) = &view.parse_error {
            eprintln!("vcdw: {}", terminal_safe(p));
        }
        if let Some(e) = &view.error {
            if let Some(hint) = &e.hint {
                eprintln!("vcdw: hint: {hint}");
            }
        }
    }
    if let Some(message) = task_failure {
        return Err(message);
    }
    if view.status >= 400 {
        return Err(format!(
            "HTTP {} {}{}",
            view.status,
            view.reason,
            view.error
                .as_ref()
                .map(|e| format!(": {}", e.message))
                .unwrap_or_default()
        ));
    }
    Ok(())
}

/// Pieces of a body printed: 1 MB of text at a time, so a body of any size costs little memory.
const PRINT_PIECE: usize = 1024 * 1024;

/// The body to standard output, piece by piece; on a terminal with escape sequences made visible.
fn print_body(body: &Body, terminal: bool) -> std::io::Result<()> {
    let mut out = std::io::stdout().lock();
    if !terminal {
        body.copy_to(&mut out)?;
        return writeln!(out);
    }
    let mut from = Some(0);
    while let Some(at) = from {
        let (piece, next) = body.text_chunk(at, PRINT_PIECE)?;
        out.write_all(terminal_safe(&piece).as_bytes())?;
        from = next;
    }
    writeln!(out)
}

/// `{"body": "...", ...rest}` with the body escaped piece by piece as a JSON string.
fn print_json_with_body(body: &Body, rest: &serde_json::Value) -> std::io::Result<()> {
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    out.write_all(b"{\"body\":\"")?;
    let mut from = Some(0);
    while let Some(at) = from {
        let (piece, next) = body.text_chunk(at, PRINT_PIECE)?;
        let quoted = serde_json::to_string(&piece).map_err(std::io::Error::other)?;
        out.write_all(&quoted.as_bytes()[1..quoted.len() - 1])?;
        from = next;
    }
    out.write_all(b"\"")?;
    if let Some(fields) = rest.as_object() {
        for (key, value) in fields {
            out.write_all(b",")?;
            serde_json::to_writer(&mut out, key).map_err(std::io::Error::other)?;
            out.write_all(b":")?;
            serde_json::to_writer(&mut out, value).map_err(std::io::Error::other)?;
        }
    }
    out.write_all(b"}\n")?;
    out.flush()
}
