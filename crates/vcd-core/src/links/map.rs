//! The links discovered while walking an API: one row per distinct link (or reference), with the
//! page it was first found on, spooled to disk past a few thousand; and its export to JSON, CSV,
//! Markdown or XML, streamed and written atomically.

use crate::error::CoreError;
use crate::files::write_atomic_with;
use crate::links::{for_each_link, Found, Link, PageLinks, Reference};
use serde::{Deserialize, Serialize};
use std::collections::HashSet;
use std::fs::File;
use std::hash::{Hash, Hasher};
use std::io::{BufRead, BufReader, BufWriter, Seek, SeekFrom, Write};
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

/// Rows kept in memory before the map moves them to a spool file: a walk of ordinary pages stays
/// in memory, a page of 300,000 references does not.
const ROWS_IN_MEMORY: usize = 10_000;

/// Rows in discovery order, each distinct (element, rel, method, href) once. Past
/// [`ROWS_IN_MEMORY`] rows they are kept in an unnamed spool file (as JSON lines) and only a 64-bit
/// hash of each row's key stays in memory, so a map of millions of links costs 16 bytes a link.
#[derive(Debug, Default)]
pub struct LinkMap {
    memory: Vec<MapRow>,
    spool: Option<BufWriter<File>>,
    seen: HashSet<u64>,
    len: usize,
}

fn key_hash(row: &MapRow) -> u64 {
    let mut h = std::collections::hash_map::DefaultHasher::new();
    (&row.element, &row.rel, &row.method, &row.href).hash(&mut h);
    h.finish()
}

fn spool_error(e: impl std::fmt::Display) -> CoreError {
    CoreError::Storage {
        path: crate::http::spool_dir().display().to_string(),
        reason: format!(
            "the links found could not be kept in a spool file ({e}); free some disk space"
        ),
    }
}

impl LinkMap {
    pub fn len(&self) -> usize {
        self.len
    }

    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// Adds one row, unless the map holds it already; returns whether it was new.
    pub fn add_row(&mut self, row: MapRow) -> Result<bool, CoreError> {
        if !self.seen.insert(key_hash(&row)) {
            return Ok(false);
        }
        self.len += 1;
        if self.spool.is_none() && self.memory.len() < ROWS_IN_MEMORY {
            self.memory.push(row);
            return Ok(true);
        }
        let spool = match &mut self.spool {
            Some(s) => s,
            None => self.spool.insert(BufWriter::new(
                crate::http::open_spool_file().map_err(spool_error)?,
            )),
        };
        serde_json::to_writer(&mut *spool, &row).map_err(spool_error)?;
        spool.write_all(b"\n").map_err(spool_error)?;
        Ok(true)
    }

    /// Adds what one page links to; returns how many rows were new.
    pub fn add_page(&mut self, page: &str, links: &PageLinks) -> Result<usize, CoreError> {
        let mut new = 0;
        for l in &links.links {
            new += usize::from(self.add_row(MapRow::of_link(page, l))?);
        }
        for r in &links.references {
            new += usize::from(self.add_row(MapRow::of_reference(page, r))?);
        }
        Ok(new)
    }

    /// Adds every link and reference of an XML page, however many, reading the body as a stream
    /// (a [`PageLinks`] keeps only the first [`crate::links::MAX_PAGE_LINKS`]).
    pub fn add_body<R: BufRead>(&mut self, page: &str, body: R) -> Result<usize, CoreError> {
        let mut new = 0;
        let mut failed = None;
        let walked = for_each_link(body, |found| {
            if failed.is_some() {
                return;
            }
            let row = match &found {
                Found::Link(l) => MapRow::of_link(page, l),
                Found::Reference(r) => MapRow::of_reference(page, r),
            };
            match self.add_row(row) {
                Ok(added) => new += usize::from(added),
                Err(e) => failed = Some(e),
            }
        });
        if let Some(e) = failed {
            return Err(e);
        }
        walked.map_err(|e| CoreError::NotXml {
            url: page.to_string(),
            detail: e.to_string(),
        })?;
        Ok(new)
    }

    /// Every row, in discovery order, in memory: for a map known to be small (a test, a short
    /// listing); exports go through [`LinkMap::for_each_row`].
    pub fn rows(&mut self) -> Result<Vec<MapRow>, CoreError> {
        let mut out = Vec::with_capacity(self.len);
        self.for_each_row(|r| {
            out.push(r.clone());
            Ok(())
        })?;
        Ok(out)
    }

    /// Calls `each` with every row, in discovery order.
    pub fn for_each_row(
        &mut self,
        mut each: impl FnMut(&MapRow) -> std::io::Result<()>,
    ) -> Result<(), CoreError> {
        for row in &self.memory {
            each(row).map_err(spool_error)?;
        }
        let Some(spool) = &mut self.spool else {
            return Ok(());
        };
        spool.flush().map_err(spool_error)?;
        let file = spool.get_mut();
        file.seek(SeekFrom::Start(0)).map_err(spool_error)?;
        let read = (|| {
            for line in BufReader::new(&*file).lines() {
                let row: MapRow = serde_json::from_str(&line?)?;
                each(&row)?;
            }
            Ok::<_, std::io::Error>(())
        })();
        // Later rows are appended at the end again, whatever the read left.
        file.seek(SeekFrom::End(0)).map_err(spool_error)?;
        read.map_err(spool_error)
    }
}

impl MapRow {
    fn of_link(page: &str, l: &Link) -> MapRow {
        MapRow {
            page: page.to_string(),
            element: "Link".into(),
            rel: l.rel.clone(),
            method: l.method.clone(),
            media_type: l.media_type.clone().unwrap_or_default(),
            href: l.href.clone(),
            name: l.name.clone().unwrap_or_default(),
        }
    }

    fn of_reference(page: &str, r: &Reference) -> MapRow {
        MapRow {
            page: page.to_string(),
            element: r.element.clone(),
            rel: String::new(),
            method: "GET".into(),
            media_type: r.media_type.clone().unwrap_or_default(),
            href: r.href.clone(),
            name: r.name.clone().unwrap_or_default(),
        }
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
pub(crate) fn csv_field(value: &str) -> String {
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

/// Writes rows in one format as they come: the header (with the count, known beforehand), then
/// each row, then the footer; nothing but the current row is held.
struct Exporter<W: Write> {
    out: W,
    format: ExportFormat,
    first: bool,
}

impl<W: Write> Exporter<W> {
    fn start(mut out: W, format: ExportFormat, count: usize) -> std::io::Result<Self> {
        match format {
            ExportFormat::Json => write!(out, "{{\n  \"count\": {count},\n  \"links\": [")?,
            ExportFormat::Csv => write!(out, "{}\r\n", COLUMNS.join(","))?,
            ExportFormat::Markdown => {
                write!(out, "| {} |\n|{}\n", COLUMNS.join(" | "), "---|".repeat(7))?
            }
            ExportFormat::Xml => write!(
                out,
                "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Links xmlns=\"urn:vcd-workbench:links\" count=\"{count}\">\n"
            )?,
        }
        Ok(Exporter {
            out,
            format,
            first: true,
        })
    }

    fn row(&mut self, r: &MapRow) -> std::io::Result<()> {
        let out = &mut self.out;
        match self.format {
            ExportFormat::Json => {
                out.write_all(if self.first { b"\n    " } else { b",\n    " })?;
                serde_json::to_writer(&mut *out, r)?;
            }
            ExportFormat::Csv => {
                let line: Vec<String> = fields(r).iter().map(|f| csv_field(f)).collect();
                write!(out, "{}\r\n", line.join(","))?;
            }
            ExportFormat::Markdown => {
                let cells: Vec<String> = fields(r).iter().map(|f| markdown_cell(f)).collect();
                writeln!(out, "| {} |", cells.join(" | "))?;
            }
            ExportFormat::Xml => {
                out.write_all(b"  <Link")?;
                for (col, value) in COLUMNS.iter().zip(fields(r)) {
                    write!(out, " {col}=\"{}\"", quick_xml::escape::escape(value))?;
                }
                out.write_all(b"/>\n")?;
            }
        }
        self.first = false;
        Ok(())
    }

    fn finish(mut self) -> std::io::Result<W> {
        match self.format {
            ExportFormat::Json if self.first => self.out.write_all(b"]\n}\n")?,
            ExportFormat::Json => self.out.write_all(b"\n  ]\n}\n")?,
            ExportFormat::Xml => self.out.write_all(b"</Links>\n")?,
            ExportFormat::Csv | ExportFormat::Markdown => {}
        }
        self.out.flush()?;
        Ok(self.out)
    }
}

/// Saves every row of `map` to `path` in the format its extension names, streamed (bounded
/// memory however many rows) into a temp file that is renamed over `path` when complete.
pub fn save_link_map(map: &mut LinkMap, path: &Path) -> Result<ExportFormat, CoreError> {
    let format = ExportFormat::from_path(path)?;
    let count = map.len();
    let mut failed = None;
    write_atomic_with(path, |file| {
        let mut export = Exporter::start(BufWriter::new(file), format, count)?;
        if let Err(e) = map.for_each_row(|row| export.row(row)) {
            failed = Some(e);
            return Err(std::io::Error::other("the links could not be read back"));
        }
        export.finish()?;
        Ok(())
    })
    .map_err(|e| failed.unwrap_or(e))?;
    Ok(format)
}
