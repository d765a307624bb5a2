//! Where the app and the CLI keep their files, and the two ways to write them; below every other
//! module (profiles, settings, link exports and saved bodies write through here). `write_atomic`:
//! a temp file beside the target, flushed, then renamed over it, so a crash never leaves a half-written
//! file; the target's mode is kept and a read-only target is never replaced. `JsonStore`: a
//! versioned JSON document (profiles, settings, and the stores that follow) read-modified-written
//! under an advisory lock, so that parallel writers (the app and several `vcdw`) lose no update,
//! with unknown fields kept and a file from a newer version never rewritten.

use crate::error::CoreError;
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};

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

/// The temp files `write_atomic` makes for `name`: `.NAME.<pid>-<n>.tmp`.
fn is_temp_of(file: &str, name: &str) -> bool {
    file.strip_prefix(&format!(".{name}."))
        .is_some_and(|rest| rest.ends_with(".tmp"))
}

static TEMP_COUNTER: AtomicU64 = AtomicU64::new(0);

/// Writes `bytes` to `path` atomically (temp file + rename), creating the folder if needed. An
/// existing file keeps its mode; one without write permission is left alone (error), as editors do.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> Result<(), CoreError> {
    write_atomic_with(path, |file| file.write_all(bytes))
}

/// [`write_atomic`] for content produced by `fill` (a stream, a copy from another file).
pub fn write_atomic_with(
    path: &Path,
    fill: impl FnOnce(&mut std::fs::File) -> std::io::Result<()>,
) -> Result<(), CoreError> {
    let dir = path
        .parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    std::fs::create_dir_all(dir).map_err(|e| storage_error(dir, e))?;
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "file".into());
    let existing = match std::fs::metadata(path) {
        Ok(m) => Some(m.permissions()),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => None,
        Err(e) => return Err(storage_error(path, e)),
    };
    if existing.as_ref().is_some_and(|p| p.readonly()) {
        return Err(storage_error(
            path,
            "it is read-only, so it was left as it is; make it writable (chmod u+w) to save over it",
        ));
    }
    let tmp = dir.join(format!(
        ".{name}.{}-{}.tmp",
        std::process::id(),
        TEMP_COUNTER.fetch_add(1, Ordering::Relaxed)
    ));
    let result = (|| {
        let mut options = std::fs::OpenOptions::new();
        options.write(true).create_new(true);
        #[cfg(unix)]
        {
            use std::os::unix::fs::OpenOptionsExt;
            options.mode(0o600);
        }
        let mut file = options.open(&tmp)?;
        fill(&mut file)?;
        if let Some(perms) = &existing {
            file.set_permissions(perms.clone())?;
        }
        file.sync_all()?;
        drop(file);
        std::fs::rename(&tmp, path)
    })();
    if let Err(e) = result {
        let _ = std::fs::remove_file(&tmp);
        return Err(storage_error(path, e));
    }
    Ok(())
}

/// The largest store file read: stores hold settings and profiles, not bulk data.
pub const MAX_STORE_BYTES: u64 = 64 * 1024 * 1024;

/// Reads a file that may not exist yet (`None`), refusing one larger than [`MAX_STORE_BYTES`].
pub fn read_optional(path: &Path) -> Result<Option<Vec<u8>>, CoreError> {
    let file = match std::fs::File::open(path) {
        Ok(f) => f,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(e) => return Err(storage_error(path, e)),
    };
    let mut bytes = Vec::new();
    file.take(MAX_STORE_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| storage_error(path, e))?;
    if bytes.len() as u64 > MAX_STORE_BYTES {
        return Err(storage_error(
            path,
            format!(
                "it is larger than {} MB, which no VCD Workbench file is; move it away",
                MAX_STORE_BYTES / 1024 / 1024
            ),
        ));
    }
    Ok(Some(bytes))
}

/// The fields of a stored document this version does not know, kept as they were.
pub type UnknownFields = serde_json::Map<String, serde_json::Value>;

/// A document as it sits on disk: its format version, then its own fields.
#[derive(Serialize, Deserialize)]
struct Versioned<T> {
    #[serde(default)]
    version: u32,
    #[serde(flatten)]
    body: T,
}

/// One JSON document on disk, written by the app and by `vcdw` alike.
pub struct JsonStore {
    path: PathBuf,
    /// What the file is, for messages: "profiles file".
    what: &'static str,
    /// The format version this build writes and understands.
    version: u32,
}

impl JsonStore {
    pub fn new(path: PathBuf, what: &'static str, version: u32) -> JsonStore {
        JsonStore {
            path,
            what,
            version,
        }
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Decodes a document; the version it was written with comes back too.
    pub fn decode<T: DeserializeOwned>(&self, bytes: &[u8]) -> Result<(T, u32), CoreError> {
        let doc: Versioned<T> = serde_json::from_slice(bytes).map_err(|e| CoreError::Storage {
            path: self.path.display().to_string(),
            reason: format!(
                "it is not a valid {} ({e}); fix or move it away — nothing was changed",
                self.what
            ),
        })?;
        Ok((doc.body, doc.version))
    }

    /// The stored document, `None` before the first save.
    pub fn read<T: DeserializeOwned>(&self) -> Result<Option<T>, CoreError> {
        match read_optional(&self.path)? {
            None => Ok(None),
            Some(bytes) => self.decode(&bytes).map(|(doc, _)| Some(doc)),
        }
    }

    /// Reads the document (or its default), lets `change` edit it, and writes it back, all under
    /// an exclusive lock on a `.NAME.lock` file beside it that every writer takes, so an update is
    /// never lost to a parallel one. The lock dies with its process; temp files a killed writer
    /// left behind are removed. A file from a newer version is refused, never rewritten.
    pub fn update<T, R>(
        &self,
        change: impl FnOnce(&mut T) -> Result<R, CoreError>,
    ) -> Result<R, CoreError>
    where
        T: Serialize + DeserializeOwned + Default,
    {
        let dir = self
            .path
            .parent()
            .filter(|d| !d.as_os_str().is_empty())
            .unwrap_or(Path::new("."));
        std::fs::create_dir_all(dir).map_err(|e| storage_error(dir, e))?;
        let name = self
            .path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_else(|| "store".into());
        let lock_path = dir.join(format!(".{name}.lock"));
        let lock = std::fs::OpenOptions::new()
            .create(true)
            .truncate(false)
            .write(true)
            .open(&lock_path)
            .map_err(|e| storage_error(&lock_path, e))?;
        lock.lock().map_err(|e| storage_error(&lock_path, e))?;
        self.remove_leftovers(dir, &name);
        let mut doc = match read_optional(&self.path)? {
            None => T::default(),
            Some(bytes) => {
                let (doc, version) = self.decode::<T>(&bytes)?;
                if version > self.version {
                    return Err(storage_error(
                        &self.path,
                        format!(
                            "it was written by a newer VCD Workbench (file version {version}; this \
                             one knows version {}), so it was left as it is; update VCD Workbench \
                             to change it",
                            self.version
                        ),
                    ));
                }
                doc
            }
        };
        let result = change(&mut doc)?;
        let bytes = serde_json::to_vec_pretty(&Versioned {
            version: self.version,
            body: doc,
        })
        .map_err(|e| CoreError::Internal(format!("the {} could not be encoded: {e}", self.what)))?;
        write_atomic(&self.path, &bytes)?;
        drop(lock);
        Ok(result)
    }

    /// Temp files of this store that a killed writer left (no writer holds one while the lock is
    /// ours).
    fn remove_leftovers(&self, dir: &Path, name: &str) {
        let Ok(entries) = std::fs::read_dir(dir) else {
            return;
        };
        for entry in entries.flatten() {
            if is_temp_of(&entry.file_name().to_string_lossy(), name) {
                let _ = std::fs::remove_file(entry.path());
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn dir(tag: &str) -> PathBuf {
        let d = std::env::temp_dir().join(format!("vcd-storage-{tag}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&d);
        std::fs::create_dir_all(&d).unwrap();
        d
    }

    #[derive(Default, Serialize, Deserialize)]
    struct Doc {
        #[serde(default)]
        items: Vec<String>,
        #[serde(flatten)]
        unknown: UnknownFields,
    }

    #[test]
    fn unknown_fields_survive_an_update_and_a_newer_file_is_left_alone() {
        let d = dir("unknown");
        let store = JsonStore::new(d.join("doc.json"), "test file", 1);
        std::fs::write(
            store.path(),
            r#"{"version":1,"items":["a"],"later":{"x":1}}"#,
        )
        .unwrap();
        store
            .update(|doc: &mut Doc| {
                doc.items.push("b".into());
                Ok(())
            })
            .unwrap();
        let text = std::fs::read_to_string(store.path()).unwrap();
        assert!(
            text.contains(r#""later": {"#) && text.contains(r#""b""#),
            "{text}"
        );

        let newer = r#"{"version":99,"items":[]}"#;
        std::fs::write(store.path(), newer).unwrap();
        let err = store.update(|_: &mut Doc| Ok(())).unwrap_err().to_string();
        assert!(
            err.contains("newer VCD Workbench (file version 99"),
            "{err}"
        );
        assert_eq!(std::fs::read_to_string(store.path()).unwrap(), newer);
        std::fs::remove_dir_all(d).unwrap();
    }

    #[cfg(unix)]
    #[test]
    fn a_file_keeps_its_mode_and_a_read_only_one_is_not_replaced() {
        use std::os::unix::fs::PermissionsExt;
        let d = dir("mode");
        let path = d.join("f.json");
        std::fs::write(&path, "old").unwrap();
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o640)).unwrap();
        write_atomic(&path, b"new").unwrap();
        let mode = std::fs::metadata(&path).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o640);
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o444)).unwrap();
        let err = write_atomic(&path, b"newer").unwrap_err().to_string();
        assert!(err.contains("read-only"), "{err}");
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "new");
        let mode = std::fs::metadata(&path).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o444);
        std::fs::remove_dir_all(d).unwrap();
    }

    #[test]
    fn an_update_removes_the_temp_files_a_killed_writer_left() {
        let d = dir("leftovers");
        let store = JsonStore::new(d.join("doc.json"), "test file", 1);
        std::fs::write(d.join(".doc.json.4242.tmp"), "half").unwrap();
        std::fs::write(d.join(".doc.json.4243-7.tmp"), "half").unwrap();
        std::fs::write(d.join(".other.json.1.tmp"), "not ours").unwrap();
        store.update(|_: &mut Doc| Ok(())).unwrap();
        let mut names: Vec<String> = std::fs::read_dir(&d)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        assert_eq!(names, [".doc.json.lock", ".other.json.1.tmp", "doc.json"]);
        std::fs::remove_dir_all(d).unwrap();
    }
}
