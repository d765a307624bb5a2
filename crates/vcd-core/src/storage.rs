//! Where the app and the CLI keep their files, and the one way to write them: a temp file beside
//! the target, flushed, then renamed over it, so a crash never leaves a half-written file.

use crate::error::CoreError;
use std::io::Write;
use std::path::{Path, PathBuf};

/// The configuration folder shared by the app and `vcdw`: `VCDW_CONFIG_DIR` if set, else the OS's
/// (`~/.config/vcd-workbench` on Linux).
pub fn config_dir() -> Result<PathBuf, CoreError> {
    if let Some(dir) = std::env::var_os("VCDW_CONFIG_DIR") {
        return Ok(PathBuf::from(dir));
    }
    dirs::config_dir()
        .map(|d| d.join("vcd-workbench"))
        .ok_or_else(|| CoreError::Storage {
            path: "(configuration folder)".into(),
            reason: "this system names no configuration folder; set VCDW_CONFIG_DIR".into(),
        })
}

fn storage_error(path: &Path, e: impl std::fmt::Display) -> CoreError {
    CoreError::Storage {
        path: path.display().to_string(),
        reason: e.to_string(),
    }
}

/// Writes `bytes` to `path` atomically (temp file + rename), creating the folder if needed.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> Result<(), CoreError> {
    let dir = path
        .parent()
        .ok_or_else(|| storage_error(path, "it has no folder"))?;
    std::fs::create_dir_all(dir).map_err(|e| storage_error(dir, e))?;
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "file".into());
    let tmp = dir.join(format!(".{name}.{}.tmp", std::process::id()));
    let result = (|| {
        let mut file = std::fs::File::create(&tmp)?;
        file.write_all(bytes)?;
        file.sync_all()?;
        std::fs::rename(&tmp, path)
    })();
    if let Err(e) = result {
        let _ = std::fs::remove_file(&tmp);
        return Err(storage_error(path, e));
    }
    Ok(())
}

/// Reads a file that may not exist yet (`None`).
pub fn read_optional(path: &Path) -> Result<Option<Vec<u8>>, CoreError> {
    match std::fs::read(path) {
        Ok(bytes) => Ok(Some(bytes)),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
        Err(e) => Err(storage_error(path, e)),
    }
}
