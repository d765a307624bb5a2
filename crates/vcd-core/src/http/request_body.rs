//! What a request carries: bytes (a composed body), or a file streamed from disk piece by piece so
//! that an upload of any size costs a small buffer; both capped like response bodies.

use crate::error::CoreError;
use std::path::PathBuf;

#[derive(Debug, Clone)]
pub enum RequestBody {
    Bytes(Vec<u8>),
    /// Read anew for each attempt (a request sent again after a fresh login sends it whole).
    File {
        path: PathBuf,
        cap: u64,
    },
}

impl From<Vec<u8>> for RequestBody {
    fn from(bytes: Vec<u8>) -> Self {
        RequestBody::Bytes(bytes)
    }
}

/// Bytes of a file read per piece.
const PIECE: usize = 64 * 1024;

fn too_large(path: &std::path::Path, cap: u64) -> CoreError {
    CoreError::RequestBodyTooLarge {
        path: path.display().to_string(),
        limit_mb: cap / 1024 / 1024,
    }
}

impl RequestBody {
    /// The body for reqwest. A regular file over the cap is refused before anything is sent; a
    /// stream without a size (a pipe, a device) is cut off at the cap, which fails the request.
    pub async fn to_reqwest(&self) -> Result<reqwest::Body, CoreError> {
        match self {
            RequestBody::Bytes(bytes) => Ok(reqwest::Body::from(bytes.clone())),
            RequestBody::File { path, cap } => {
                let cannot = |e: std::io::Error| CoreError::Storage {
                    path: path.display().to_string(),
                    reason: format!("the body file cannot be read ({e})"),
                };
                let file = tokio::fs::File::open(path).await.map_err(cannot)?;
                let meta = file.metadata().await.map_err(cannot)?;
                if meta.is_file() && meta.len() > *cap {
                    return Err(too_large(path, *cap));
                }
                let (cap, message) = (*cap, too_large(path, *cap).to_string());
                let pieces = futures_util::stream::unfold(
                    (file, 0u64, false),
                    move |(mut file, sent, done)| {
                        let message = message.clone();
                        async move {
                            use tokio::io::AsyncReadExt;
                            if done {
                                return None;
                            }
                            let mut buf = vec![0u8; PIECE];
                            match file.read(&mut buf).await {
                                Ok(0) => None,
                                Ok(n) if sent + n as u64 > cap => {
                                    Some((Err(std::io::Error::other(message)), (file, sent, true)))
                                }
                                Ok(n) => {
                                    buf.truncate(n);
                                    Some((Ok(buf), (file, sent + n as u64, false)))
                                }
                                Err(e) => Some((Err(e), (file, sent, true))),
                            }
                        }
                    },
                );
                Ok(reqwest::Body::wrap_stream(pieces))
            }
        }
    }
}
