//! The links discovered while walking an API: one row per distinct link (or reference), with the
//! page it was first found on; and its export to JSON, CSV, Markdown or XML, written atomically.

use crate::error::CoreError;
use crate::files::write_atomic;
use crate::links::PageLinks;
use serde::{Deserialize, Serialize};
use std::collections::HashSet;
use std::path::Path;
use ts_rs::TS;

/// One discovered link. For a reference, `element` is its element name and `rel` is empty; for a
/// `Link` element or header, `element` is "Link".
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct MapRow {
    /// The page (URL) it was found on.
    pub page: String,
    pub element: String,
    pub rel: String,
    pub method: String,
    #[serde(rename = "type")]
    #[ts(rename = "type")]
    pub media_type: String,
    pub href: String,
    pub name: String,
}

/// Rows in discovery order, each distinct (element, rel, method, href) once.
#[derive(Debug, Clone, Default)]
pub struct LinkMap {
    rows: Vec<MapRow>,
    seen: HashSet<(String, String, String, String)>,
}

impl LinkMap {
    pub fn rows(&self) -> &[MapRow] {
        &self.rows
    }

    pub fn len(&self) -> usize {
        self.rows.len()
    }

    pub fn is_empty(&self) -> bool {
        self.rows.is_empty()
    }

    /// Adds one row found elsewhere (another map), unless it is there already.
    pub fn add_row(&mut self, row: MapRow) {
        self.push(row);
    }

    fn push(&mut self, row: MapRow) {
        let key = (
            row.element.clone(),
            row.rel.clone(),
            row.method.clone(),
            row.href.clone(),
        );
        if self.seen.insert(key) {
            self.rows.push(row);
        }
    }

    /// Adds what one page links to; returns how many rows were new.
    pub fn add_page(&mut self, page: &str, links: &PageLinks) -> usize {
        let before = self.rows.len();
        for l in &links.links {
            self.push(MapRow {
                page: page.to_string(),
                element: "Link".into(),
                rel: l.rel.clone(),
                method: l.method.clone(),
                media_type: l.media_type.clone().unwrap_or_default(),
                href: l.href.clone(),
                name: l.name.clone().unwrap_or_default(),
            });
        }
        for r in &links.references {
            self.push(MapRow {
                page: page.to_string(),
                element: r.element.clone(),
                rel: String::new(),
                method: "GET".into(),
                media_type: r.media_type.clone().unwrap_or_default(),
                href: r.href.clone(),
                name: r.name.clone().unwrap_or_default(),
            });
        }
        self.rows.len() - before
    }
}

/// The file formats links can be saved in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum ExportFormat {
    Json,
    Csv,
    Markdown,
    Xml,
}

impl ExportFormat {
    /// The format a file name asks for by its extension.
    pub fn from_path(path: &Path) -> Result<ExportFormat, CoreError> {
        let ext = path
            .extension()
            .and_then(|e| e.to_str())
            .map(str::to_ascii_lowercase);
        match ext.as_deref() {
            Some("json") => Ok(ExportFormat::Json),
            Some("csv") => Ok(ExportFormat::Csv),
            Some("md" | "markdown") => Ok(ExportFormat::Markdown),
            Some("xml") => Ok(ExportFormat::Xml),
            _ => Err(CoreError::Storage {
                path: path.display().to_string(),
                reason: "links are saved as .json, .csv, .md or .xml: name the file with one of \
                         these extensions"
                    .into(),
            }),
        }
    }
}

const COLUMNS: [&str; 7] = ["page", "element", "rel", "method", "type", "href", "name"];

fn fields(r: &MapRow) -> [&str; 7] {
    [
        &r.page,
        &r.element,
        &r.rel,
        &r.method,
        &r.media_type,
        &r.href,
        &r.name,
    ]
}

/// A CSV cell. One that a spreadsheet would run as a formula (it starts with `=`, `+`, `-`, `@`, a
/// tab or a carriage return) gets a leading `'`, as OWASP advises, so it opens as text.
fn csv_field(value: &str) -> String {
    let value = if value.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{value}")
    } else {
        value.to_string()
    };
    if value.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", value.replace('"', "\"\""))
    } else {
        value
    }
}

/// A Markdown table cell that renders as the text it holds: HTML is written as entities, so a
/// `<script>` or `<img onerror>` in a server's name shows as text; Markdown's own punctuation is
/// escaped, so a name cannot become a link or break the table.
fn markdown_cell(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    for c in value.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '\n' | '\r' => out.push(' '),
            '\\' | '|' | '`' | '*' | '_' | '[' | ']' | '(' | ')' | '!' | '#' | '~' => {
                out.push('\\');
                out.push(c);
            }
            c => out.push(c),
        }
    }
    out
}

/// The rows in one format.
pub fn render(rows: &[MapRow], format: ExportFormat) -> String {
    match format {
        ExportFormat::Json => {
            let doc = serde_json::json!({ "count": rows.len(), "links": rows });
            serde_json::to_string_pretty(&doc).unwrap_or_default() + "\n"
        }
        ExportFormat::Csv => {
            let mut out = COLUMNS.join(",") + "\r\n";
            for r in rows {
                let line: Vec<String> = fields(r).iter().map(|f| csv_field(f)).collect();
                out.push_str(&line.join(","));
                out.push_str("\r\n");
            }
            out
        }
        ExportFormat::Markdown => {
            let mut out = format!("| {} |\n|{}\n", COLUMNS.join(" | "), "---|".repeat(7));
            for r in rows {
                let cells: Vec<String> = fields(r).iter().map(|f| markdown_cell(f)).collect();
                out.push_str(&format!("| {} |\n", cells.join(" | ")));
            }
            out
        }
        ExportFormat::Xml => {
            let mut out = format!(
                "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Links xmlns=\"urn:vcd-workbench:links\" count=\"{}\">\n",
                rows.len()
            );
            for r in rows {
                out.push_str("  <Link");
                for (col, value) in COLUMNS.iter().zip(fields(r)) {
                    out.push_str(&format!(" {col}=\"{}\"", quick_xml::escape::escape(value)));
                }
                out.push_str("/>\n");
            }
            out.push_str("</Links>\n");
            out
        }
    }
}

/// Saves the rows to `path` in the format its extension names (temp file + rename).
pub fn save_link_map(rows: &[MapRow], path: &Path) -> Result<ExportFormat, CoreError> {
    let format = ExportFormat::from_path(path)?;
    write_atomic(path, render(rows, format).as_bytes())?;
    Ok(format)
}
