//! The responses held for the viewer: a bounded ring of the latest ones, each with its body (in
//! memory or in a temporary file), all its links, and its pretty layout once asked for. Bodies
//! reach a front end in chunks, so a 50 MB body never crosses in one piece.

use crate::error::CoreError;
use crate::files::write_atomic_with;
use crate::http::{Body, BodyLimits, Response};
use crate::links::PageLinks;
use crate::syntax::pretty_body;
use crate::workbench::{lock, Workbench};
use serde::Serialize;
use std::collections::VecDeque;
use std::sync::{Arc, OnceLock};
use ts_rs::TS;

/// How many responses keep their bodies for the viewer, and how many bytes of bodies at most (large
/// ones sit in temporary files: this bounds the disk they take; the newest is always kept).
const HELD_RESPONSES: usize = 32;
const HELD_BYTES: u64 = 4 * 1024 * 1024 * 1024;
/// Bytes of body text one chunk holds: a front end appends chunk after chunk and stays responsive
/// while a 50 MB body loads.
const BODY_CHUNK: usize = 1024 * 1024;

/// A held response; clones share its body.
#[derive(Clone)]
pub(super) struct Held {
    id: u32,
    pub(super) response: Arc<Response>,
    pub(super) page: Arc<PageLinks>,
    pretty: Arc<OnceLock<Body>>,
}

#[derive(Default)]
pub(super) struct HeldResponses {
    items: VecDeque<Held>,
    last_id: u32,
}

impl HeldResponses {
    /// Keeps a response, dropping the oldest beyond the bounds; returns its id.
    pub(super) fn hold(&mut self, response: Response, page: PageLinks) -> u32 {
        self.last_id += 1;
        self.items.push_back(Held {
            id: self.last_id,
            response: Arc::new(response),
            page: Arc::new(page),
            pretty: Arc::default(),
        });
        let bytes =
            |items: &VecDeque<Held>| items.iter().map(|k| k.response.body.len()).sum::<u64>();
        while self.items.len() > HELD_RESPONSES
            || (self.items.len() > 1 && bytes(&self.items) > HELD_BYTES)
        {
            self.items.pop_front();
        }
        self.last_id
    }

    fn get(&self, id: u32) -> Option<Held> {
        self.items.iter().find(|k| k.id == id).cloned()
    }
}

/// A piece of a kept response's body text.
#[derive(Debug, Clone, Serialize, TS)]
pub struct BodyChunk {
    pub text: String,
    /// Where the next piece starts; `None` after the last one.
    #[ts(type = "number | null")]
    pub next: Option<usize>,
    /// The whole text's length in bytes.
    #[ts(type = "number")]
    pub total: usize,
}

/// Runs blocking work (formatting, reading a spooled body, writing a file) off the async workers.
pub(super) async fn blocking<T: Send + 'static>(
    work: impl FnOnce() -> Result<T, CoreError> + Send + 'static,
) -> Result<T, CoreError> {
    tokio::task::spawn_blocking(work)
        .await
        .map_err(|e| CoreError::Internal(e.to_string()))?
}

impl Workbench {
    pub(super) fn held(&self, response_id: u32) -> Result<Held, CoreError> {
        lock(&self.held).get(response_id).ok_or_else(|| {
            CoreError::Profile("That response is no longer held: send the request again.".into())
        })
    }

    /// A held response's body, pretty-printed for reading or as it came, one chunk from byte `from`.
    pub async fn response_body(
        &self,
        response_id: u32,
        formatted: bool,
        from: usize,
    ) -> Result<BodyChunk, CoreError> {
        let held = self.held(response_id)?;
        blocking(move || {
            // Formatting a large body takes a while: once per response.
            let body = if formatted {
                held.pretty.get_or_init(|| {
                    pretty_body(
                        held.response.content_type(),
                        &held.response.body,
                        BodyLimits::default(),
                    )
                })
            } else {
                &held.response.body
            };
            let (text, next) = body
                .text_chunk(from as u64, BODY_CHUNK)
                .map_err(|e| CoreError::Internal(format!("the body could not be read: {e}")))?;
            Ok(BodyChunk {
                text,
                next: next.map(|n| n as usize),
                total: body.len() as usize,
            })
        })
        .await
    }

    /// Writes a kept response's body, as it came, to `path` (temp file + rename); returns its size.
    pub async fn save_body(&self, response_id: u32, path: &str) -> Result<u64, CoreError> {
        let held = self.held(response_id)?;
        let target = std::path::PathBuf::from(path);
        blocking(move || {
            let body = &held.response.body;
            write_atomic_with(&target, |file| body.copy_to(file).map(|_| ())).map(|()| body.len())
        })
        .await
    }
}
