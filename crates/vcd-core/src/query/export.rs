//! Records written to a file for a spreadsheet or a script: `.json` as an array of objects, any
//! other name as CSV with one column per attribute; atomically, so a failed export leaves any
//! earlier file whole.

use super::page::{columns_of, QueryRecord};
use crate::error::CoreError;
use crate::files::write_atomic_with;
use std::io::Write;
use std::path::Path;

/// Writes records to `path`: `.json` as an array of objects, else CSV with one column per
/// attribute (in the order first seen), atomically.
pub fn export_records(records: &[QueryRecord], path: &Path) -> Result<(), CoreError> {
    let json = path
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("json"));
    write_atomic_with(path, |file| {
        let mut out = std::io::BufWriter::new(file);
        if json {
            let rows: Vec<serde_json::Map<String, serde_json::Value>> = records
                .iter()
                .map(|r| {
                    r.attributes
                        .iter()
                        .map(|(k, v)| (k.clone(), serde_json::Value::String(v.clone())))
                        .collect()
                })
                .collect();
            serde_json::to_writer_pretty(&mut out, &rows).map_err(std::io::Error::other)?;
            writeln!(out)?;
        } else {
            let columns = columns_of(records);
            let header: Vec<String> = columns.iter().map(|c| crate::links::csv_field(c)).collect();
            writeln!(out, "{}", header.join(","))?;
            for r in records {
                let row: Vec<String> = columns
                    .iter()
                    .map(|c| crate::links::csv_field(r.get(c).unwrap_or("")))
                    .collect();
                writeln!(out, "{}", row.join(","))?;
            }
        }
        out.flush()
    })
}
