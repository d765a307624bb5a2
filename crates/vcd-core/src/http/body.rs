//! Response bodies read as a stream with bounded memory: up to a threshold in memory, past it in an
//! unnamed temporary file in the cache folder (the OS removes it when the body is dropped, even if
//! the process is killed); a hard cap and a decompression guard (inflated size, and inflated against
//! compressed bytes) end a response that would fill the disk. Every reader of a body (link
//! extraction, the well-formedness check, pretty-printing, save, print) reads it through
//! [`Body::reader`], whichever way it is kept.

use crate::error::CoreError;
use std::borrow::Cow;
use std::fs::File;
use std::io::{BufRead, BufReader, Read, Write};
use std::path::PathBuf;
use std::sync::Arc;

/// Where bodies may go and how large they may grow.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct BodyLimits {
    /// Bytes kept in memory; a larger body goes to a temporary file.
    pub spool_above: u64,
    /// Bytes a body may have at most (after decompression); more ends the request.
    pub max: u64,
}

/// The hard cap unless the settings say otherwise: 2 GiB.
pub const DEFAULT_MAX_BODY: u64 = 2 * 1024 * 1024 * 1024;
/// Bodies up to this size stay in memory: every VCD protocol document (versions, sessions, errors,
/// tasks) is far smaller.
pub const DEFAULT_SPOOL_ABOVE: u64 = 8 * 1024 * 1024;
/// A gzip body may inflate to this many times its compressed size (XML from VCD compresses 5-30×)
/// once it has passed [`RATIO_FLOOR`]; a gzip bomb inflates a thousandfold.
pub const MAX_INFLATE_RATIO: u64 = 200;
pub const RATIO_FLOOR: u64 = 16 * 1024 * 1024;

impl Default for BodyLimits {
    fn default() -> Self {
        BodyLimits {
            spool_above: DEFAULT_SPOOL_ABOVE,
            max: DEFAULT_MAX_BODY,
        }
    }
}

/// The folder of spooled bodies: `VCDW_CACHE_DIR` if set, else the OS's cache folder.
pub fn spool_dir() -> PathBuf {
    std::env::var_os("VCDW_CACHE_DIR")
        .map(PathBuf::from)
        .or_else(|| dirs::cache_dir().map(|d| d.join("vcd-workbench")))
        .unwrap_or_else(std::env::temp_dir)
        .join("bodies")
}

/// Removes what an earlier run left in the spool folder (called at start). Spool files have no name
/// from the moment they are made, so only a crash in that instant, or an OS without unnamed files,
/// leaves one; the folder holds nothing else.
pub fn clean_spool_leftovers() {
    if let Ok(entries) = std::fs::read_dir(spool_dir()) {
        for entry in entries.flatten() {
            let _ = std::fs::remove_file(entry.path());
        }
    }
}

/// A whole response body, in memory or in a temporary file.
#[derive(Debug, Clone)]
pub struct Body {
    stored: Stored,
    len: u64,
}

#[derive(Debug, Clone)]
enum Stored {
    Memory(Arc<Vec<u8>>),
    File(Arc<File>),
}

impl Default for Body {
    fn default() -> Self {
        Body::from(Vec::new())
    }
}

impl From<Vec<u8>> for Body {
    fn from(bytes: Vec<u8>) -> Self {
        Body {
            len: bytes.len() as u64,
            stored: Stored::Memory(Arc::new(bytes)),
        }
    }
}

impl Body {
    pub fn len(&self) -> u64 {
        self.len
    }

    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// The bytes, when the body is kept in memory (every protocol document is).
    pub fn in_memory(&self) -> Option<&[u8]> {
        match &self.stored {
            Stored::Memory(bytes) => Some(bytes),
            Stored::File(_) => None,
        }
    }

    /// True when the body went to a temporary file.
    pub fn spooled(&self) -> bool {
        matches!(self.stored, Stored::File(_))
    }

    /// A reader from the first byte; several may read at once.
    pub fn reader(&self) -> Box<dyn BufRead + Send + '_> {
        match &self.stored {
            Stored::Memory(bytes) => Box::new(&bytes[..]),
            Stored::File(file) => Box::new(BufReader::with_capacity(
                64 * 1024,
                FileAt {
                    file: file.clone(),
                    pos: 0,
                    len: self.len,
                },
            )),
        }
    }

    /// Up to `n` bytes from byte `from`.
    pub fn slice(&self, from: u64, n: usize) -> std::io::Result<Cow<'_, [u8]>> {
        match &self.stored {
            Stored::Memory(bytes) => {
                let start = (from.min(self.len)) as usize;
                let end = start.saturating_add(n).min(bytes.len());
                Ok(Cow::Borrowed(&bytes[start..end]))
            }
            Stored::File(file) => {
                let mut reader = FileAt {
                    file: file.clone(),
                    pos: from.min(self.len),
                    len: self.len,
                };
                let mut out = Vec::with_capacity(n.min(self.len as usize));
                (&mut reader).take(n as u64).read_to_end(&mut out)?;
                Ok(Cow::Owned(out))
            }
        }
    }

    /// The first non-blank byte (how a body without a Content-Type is told apart).
    pub fn first_non_blank(&self) -> Option<u8> {
        let head = self.slice(0, 4096).ok()?;
        head.iter().find(|b| !b.is_ascii_whitespace()).copied()
    }

    /// The whole body as text (lossy), for bodies that are in memory or small enough to read.
    pub fn text(&self) -> std::io::Result<Cow<'_, str>> {
        match self.in_memory() {
            Some(bytes) => Ok(String::from_utf8_lossy(bytes)),
            None => {
                let mut all = Vec::new();
                self.reader().read_to_end(&mut all)?;
                Ok(Cow::Owned(String::from_utf8_lossy(&all).into_owned()))
            }
        }
    }

    /// Up to `max` bytes of text from byte `from`, ending on a character boundary, and where the
    /// next piece starts (`None` after the last): how the viewer loads a large body piece by piece.
    pub fn text_chunk(&self, from: u64, max: usize) -> std::io::Result<(String, Option<u64>)> {
        let from = from.min(self.len);
        let bytes = self.slice(from, max.max(4))?;
        let at_end = from + bytes.len() as u64 >= self.len;
        let mut cut = bytes.len();
        if !at_end {
            // Leave a character cut in two for the next piece.
            if let Some(lead) = bytes.iter().rposition(|b| b & 0xC0 != 0x80) {
                let need = match bytes[lead] {
                    b if b >= 0xF0 => 4,
                    b if b >= 0xE0 => 3,
                    b if b >= 0xC0 => 2,
                    _ => 1,
                };
                if lead + need > bytes.len() && lead > 0 {
                    cut = lead;
                }
            }
        }
        let text = String::from_utf8_lossy(&bytes[..cut]).into_owned();
        let next = from + cut as u64;
        Ok((text, (next < self.len).then_some(next)))
    }

    /// Copies the body to `out` as it is.
    pub fn copy_to(&self, out: &mut dyn Write) -> std::io::Result<u64> {
        std::io::copy(&mut self.reader(), out)
    }
}

/// Reads a shared file from its own position (positional reads: readers do not disturb each other).
struct FileAt {
    file: Arc<File>,
    pos: u64,
    len: u64,
}

impl Read for FileAt {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let left = self.len.saturating_sub(self.pos);
        if left == 0 || buf.is_empty() {
            return Ok(0);
        }
        let want = buf.len().min(left as usize);
        let n = read_at(&self.file, &mut buf[..want], self.pos)?;
        self.pos += n as u64;
        Ok(n)
    }
}

#[cfg(unix)]
fn read_at(file: &File, buf: &mut [u8], offset: u64) -> std::io::Result<usize> {
    std::os::unix::fs::FileExt::read_at(file, buf, offset)
}

#[cfg(windows)]
fn read_at(file: &File, buf: &mut [u8], offset: u64) -> std::io::Result<usize> {
    std::os::windows::fs::FileExt::seek_read(file, buf, offset)
}

/// Why a body was not read to its end.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum BodyStop {
    /// It passed the hard cap.
    TooLarge { limit: u64 },
    /// Its compressed form inflated past the guard.
    Bomb { compressed: u64, inflated: u64 },
    /// It claims a compression it does not have.
    BadCompression(String),
    /// The temporary file could not be written.
    Spool(String),
}

impl BodyStop {
    pub fn into_error(self, url: &str) -> CoreError {
        match self {
            BodyStop::TooLarge { limit } => CoreError::BodyTooLarge {
                url: url.to_string(),
                limit_mb: limit / 1024 / 1024,
            },
            BodyStop::Bomb {
                compressed,
                inflated,
            } => CoreError::DecompressionBomb {
                url: url.to_string(),
                compressed_kb: compressed / 1024,
                inflated_mb: inflated / 1024 / 1024,
            },
            BodyStop::BadCompression(reason) => CoreError::Network {
                url: url.to_string(),
                reason: format!("the gzip-compressed body is damaged ({reason})"),
            },
            BodyStop::Spool(reason) => CoreError::Storage {
                path: spool_dir().display().to_string(),
                reason: format!("a large body could not be kept there ({reason})"),
            },
        }
    }
}

/// Collects a body chunk by chunk: in memory, then in a temporary file; inflating gzip on the way
/// when asked to.
pub struct BodySink {
    limits: BodyLimits,
    gzip: Option<flate2::write::GzDecoder<Collector>>,
    plain: Option<Collector>,
    compressed: u64,
}

/// The inflated (or plain) bytes so far.
struct Collector {
    limits: BodyLimits,
    memory: Vec<u8>,
    file: Option<File>,
    len: u64,
    /// The compressed bytes read so far, for the ratio guard (0 when not compressed).
    compressed: u64,
    stop: Option<BodyStop>,
}

impl Write for Collector {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        let len = self.len + buf.len() as u64;
        if len > self.limits.max {
            self.stop = Some(BodyStop::TooLarge {
                limit: self.limits.max,
            });
        } else if self.compressed > 0
            && len > RATIO_FLOOR
            && len > self.compressed.saturating_mul(MAX_INFLATE_RATIO)
        {
            self.stop = Some(BodyStop::Bomb {
                compressed: self.compressed,
                inflated: len,
            });
        }
        if self.stop.is_some() {
            return Err(std::io::Error::other("body limit"));
        }
        if self.file.is_none() && len > self.limits.spool_above {
            let mut file = open_spool_file().inspect_err(|e| {
                self.stop = Some(BodyStop::Spool(e.to_string()));
            })?;
            file.write_all(&self.memory)?;
            self.memory = Vec::new();
            self.file = Some(file);
        }
        match &mut self.file {
            Some(file) => file.write_all(buf).inspect_err(|e| {
                self.stop = Some(BodyStop::Spool(e.to_string()));
            })?,
            None => self.memory.extend_from_slice(buf),
        }
        self.len = len;
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

pub fn open_spool_file() -> std::io::Result<File> {
    let dir = spool_dir();
    std::fs::create_dir_all(&dir)?;
    // Unnamed (O_TMPFILE, or unlinked at once): the open handle keeps the data until the body is
    // dropped, and nothing is left behind if the process is killed.
    tempfile::tempfile_in(&dir)
}

impl BodySink {
    /// `gzip`: the response says `Content-Encoding: gzip`.
    pub fn new(limits: BodyLimits, gzip: bool) -> BodySink {
        let collector = Collector {
            limits,
            memory: Vec::new(),
            file: None,
            len: 0,
            compressed: 0,
            stop: None,
        };
        if gzip {
            BodySink {
                limits,
                gzip: Some(flate2::write::GzDecoder::new(collector)),
                plain: None,
                compressed: 0,
            }
        } else {
            BodySink {
                limits,
                gzip: None,
                plain: Some(collector),
                compressed: 0,
            }
        }
    }

    /// Refuses up front a body whose announced length is over the cap.
    pub fn check_length(&self, content_length: Option<u64>) -> Result<(), BodyStop> {
        match content_length {
            Some(n) if self.gzip.is_none() && n > self.limits.max => Err(BodyStop::TooLarge {
                limit: self.limits.max,
            }),
            _ => Ok(()),
        }
    }

    pub fn push(&mut self, chunk: &[u8]) -> Result<(), BodyStop> {
        if let Some(decoder) = &mut self.gzip {
            self.compressed += chunk.len() as u64;
            decoder.get_mut().compressed = self.compressed;
            if let Err(e) = decoder.write_all(chunk) {
                return Err(decoder
                    .get_mut()
                    .stop
                    .take()
                    .unwrap_or_else(|| BodyStop::BadCompression(e.to_string())));
            }
            return Ok(());
        }
        let plain = self.plain.as_mut().expect("one of the two is set");
        plain
            .write_all(chunk)
            .map_err(|e| plain.stop.take().unwrap_or(BodyStop::Spool(e.to_string())))
    }

    pub fn finish(self) -> Result<Body, BodyStop> {
        let collector = match (self.gzip, self.plain) {
            // A HEAD answer, a 204 or a 304 says gzip and has no body at all: nothing to inflate.
            (Some(_), _) if self.compressed == 0 => return Ok(Body::default()),
            (Some(decoder), _) => {
                let mut decoder = decoder;
                if let Err(e) = decoder.try_finish() {
                    let stop = decoder.get_mut().stop.take();
                    return Err(stop.unwrap_or_else(|| BodyStop::BadCompression(e.to_string())));
                }
                decoder
                    .finish()
                    .map_err(|e| BodyStop::BadCompression(e.to_string()))?
            }
            (None, Some(plain)) => plain,
            (None, None) => unreachable!("one of the two is set"),
        };
        Ok(match collector.file {
            Some(file) => Body {
                stored: Stored::File(Arc::new(file)),
                len: collector.len,
            },
            None => Body::from(collector.memory),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn limits(spool_above: u64, max: u64) -> BodyLimits {
        BodyLimits { spool_above, max }
    }

    #[test]
    fn a_body_past_the_threshold_goes_to_a_file_and_reads_back_whole() {
        let mut sink = BodySink::new(limits(10, 1000), false);
        for _ in 0..10 {
            sink.push(b"0123456789").unwrap();
        }
        let body = sink.finish().unwrap();
        assert!(body.spooled());
        assert_eq!(body.len(), 100);
        let mut all = Vec::new();
        body.reader().read_to_end(&mut all).unwrap();
        assert_eq!(all, b"0123456789".repeat(10));
        assert_eq!(&body.slice(95, 10).unwrap()[..], b"56789");
        // Two readers at once do not disturb each other.
        let (mut a, mut b) = (body.reader(), body.reader());
        let (mut x, mut y) = ([0u8; 3], [0u8; 3]);
        a.read_exact(&mut x).unwrap();
        b.read_exact(&mut y).unwrap();
        assert_eq!(x, y);
    }

    #[test]
    fn text_pieces_end_on_character_boundaries_and_add_up_to_the_body() {
        let text = "Größe ✓ 𝄞 ".repeat(50);
        let mut sink = BodySink::new(limits(64, 1 << 20), false);
        sink.push(text.as_bytes()).unwrap();
        let body = sink.finish().unwrap();
        let (mut from, mut all) = (Some(0u64), String::new());
        while let Some(at) = from {
            let (piece, next) = body.text_chunk(at, 7).unwrap();
            assert!(!piece.contains('\u{fffd}'), "{piece:?}");
            all.push_str(&piece);
            from = next;
        }
        assert_eq!(all, text);
    }

    #[test]
    fn the_cap_and_the_gzip_guard_stop_a_body() {
        let mut sink = BodySink::new(limits(10, 50), false);
        assert_eq!(
            sink.push(&[b'a'; 60]),
            Err(BodyStop::TooLarge { limit: 50 })
        );

        let zeros = vec![0u8; 64 * 1024 * 1024];
        let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
        gz.write_all(&zeros).unwrap();
        let bomb = gz.finish().unwrap();
        let mut sink = BodySink::new(limits(1 << 20, 1 << 40), true);
        let stop = bomb
            .chunks(16 * 1024)
            .find_map(|c| sink.push(c).err())
            .expect("the guard stops it");
        assert!(matches!(stop, BodyStop::Bomb { .. }), "{stop:?}");

        let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
        gz.write_all(b"<Org name=\"a\"/>").unwrap();
        let mut sink = BodySink::new(BodyLimits::default(), true);
        sink.push(&gz.finish().unwrap()).unwrap();
        let empty = BodySink::new(BodyLimits::default(), true).finish().unwrap();
        assert!(empty.is_empty());
        assert_eq!(
            sink.finish().unwrap().in_memory().unwrap(),
            b"<Org name=\"a\"/>"
        );
    }
}
