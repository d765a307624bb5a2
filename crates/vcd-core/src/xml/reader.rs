//! Namespace-aware XML helpers shared by the VCD payload parsers. VCD documents use varying
//! prefixes (`ns0:Error`, default namespaces), so elements are matched by namespace + local name.

use quick_xml::events::{BytesStart, Event};
use quick_xml::name::ResolveResult;

/// How deep elements may nest in a body the engine reads. Real VCD payloads, OVF envelopes included,
/// stay under 30 levels; the limit keeps a hostile body from overflowing quick-xml's namespace
/// counter (it panics past 65,535 levels) and from growing the stack of open elements without end.
pub const MAX_DEPTH: usize = 512;

/// A document nested deeper than [`MAX_DEPTH`].
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("its elements nest more than {MAX_DEPTH} levels deep (at byte {position}), which no VCD document does")]
pub struct TooDeep {
    pub position: u64,
}

/// Counts open elements event by event; every XML reader of the engine feeds it each event it
/// reads, so that no document nests past [`MAX_DEPTH`].
#[derive(Debug, Default)]
pub struct DepthGuard {
    depth: usize,
}

impl DepthGuard {
    /// Records `event` (read when the reader stood at byte `position`); the depth after it.
    pub fn track(&mut self, event: &Event, position: u64) -> Result<usize, TooDeep> {
        match event {
            Event::Start(_) => {
                self.depth += 1;
                if self.depth > MAX_DEPTH {
                    return Err(TooDeep { position });
                }
            }
            Event::End(_) => self.depth = self.depth.saturating_sub(1),
            _ => {}
        }
        Ok(self.depth)
    }
}

/// The element's local name when it is in namespace `ns`.
pub fn local_name_in<'a>(resolved: &ResolveResult, e: &'a BytesStart, ns: &str) -> Option<&'a str> {
    match resolved {
        ResolveResult::Bound(n) if n.as_ref() == ns.as_bytes() => {
            std::str::from_utf8(e.local_name().into_inner()).ok()
        }
        _ => None,
    }
}

/// The element's local name, whatever its namespace.
pub fn local_name<'a>(e: &'a BytesStart) -> &'a str {
    std::str::from_utf8(e.local_name().into_inner()).unwrap_or("?")
}

/// Appends the character data of a text, CDATA or entity-reference event to `out`.
pub fn append_text(event: &Event, out: &mut String) {
    match event {
        Event::Text(t) => {
            if let Ok(raw) = t.decode() {
                match quick_xml::escape::unescape(&raw) {
                    Ok(s) => out.push_str(&s),
                    Err(_) => out.push_str(&raw),
                }
            }
        }
        Event::CData(c) => {
            if let Ok(s) = c.decode() {
                out.push_str(&s);
            }
        }
        Event::GeneralRef(r) => {
            if let Ok(name) = r.decode() {
                if let Some(s) = quick_xml::escape::resolve_predefined_entity(&name) {
                    out.push_str(s);
                } else if let Ok(Some(c)) = r.resolve_char_ref() {
                    out.push(c);
                }
            }
        }
        _ => {}
    }
}
