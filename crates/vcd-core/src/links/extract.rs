//! The API links of a response: every `<Link rel type href>` (and CloudAPI `Link` headers), and every
//! other element that carries an `href` (a reference: a Vdc's `ResourceEntity`, a VApp's `Vm`, ...),
//! with the HTTP method a `rel` implies. Extraction streams: the body is read once through a small
//! buffer and only the links are kept, so a 100 MB body costs no more memory than its links.

use crate::xml::{local_name, DepthGuard};
use quick_xml::events::{BytesStart, Event};
use quick_xml::Reader;
use serde::{Deserialize, Serialize};
use std::io::BufRead;
use ts_rs::TS;
use vcd_api::method_for_rel;

/// A `<Link>` of a VCD document or a `Link` header of a CloudAPI answer.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
pub struct Link {
    pub rel: String,
    /// The method `rel` implies (see `vcd_api::method_for_rel`).
    pub method: String,
    #[serde(rename = "type")]
    #[ts(rename = "type")]
    pub media_type: Option<String>,
    pub href: String,
    pub name: Option<String>,
    /// The entity whose element holds the link, when it is not the page itself: the nearest
    /// element below the root with an `href` and an `id`. VCD's entities (a vApp's `Vm`, an
    /// embedded `Task`) carry an `id`; an entity's sections (`NetworkConnectionSection`, …) do not,
    /// so their links stay with their entity. A vApp page lists its VMs' links too, and a VM's
    /// `edit` must start from the VM, not the vApp.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub owner: Option<Reference>,
}

/// An element other than `Link` that carries an `href`: how VCD lists a VDC's vApps, a vApp's VMs,
/// a catalog's items.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
pub struct Reference {
    /// The element's local name, e.g. `ResourceEntity`, `Vm`, `CatalogItem`.
    pub element: String,
    pub name: Option<String>,
    #[serde(rename = "type")]
    #[ts(rename = "type")]
    pub media_type: Option<String>,
    pub href: String,
}

/// What a page links to: the first [`MAX_PAGE_LINKS`] links and references, and how many it holds.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, TS)]
pub struct PageLinks {
    pub links: Vec<Link>,
    pub references: Vec<Reference>,
    /// All the page's links, kept or not (at least `links.len()`).
    #[ts(type = "number")]
    pub links_total: usize,
    #[ts(type = "number")]
    pub references_total: usize,
    /// The page's own `name` (the root element's): what a tab is titled by.
    pub name: Option<String>,
}

/// Links (and, apart, references) kept per page: a 1.5 GB page of 10 million references would
/// otherwise take gigabytes; its totals are still counted.
pub const MAX_PAGE_LINKS: usize = 100_000;

impl PageLinks {
    /// Adds a link (kept while under [`MAX_PAGE_LINKS`]), counting it either way.
    pub fn push_link(&mut self, link: Link) {
        self.links_total = self.links_total.max(self.links.len()) + 1;
        if self.links.len() < MAX_PAGE_LINKS {
            self.links.push(link);
        }
    }

    pub fn push_reference(&mut self, reference: Reference) {
        self.references_total = self.references_total.max(self.references.len()) + 1;
        if self.references.len() < MAX_PAGE_LINKS {
            self.references.push(reference);
        }
    }
}

/// An attribute by local name: OVF sections carry `vcloud:href`/`vcloud:type`. `xsi:type` is a
/// schema type, not a media type, and never matches.
fn attr(e: &BytesStart, key: &[u8], decoder: quick_xml::encoding::Decoder) -> Option<String> {
    e.attributes()
        .flatten()
        .find(|a| {
            a.key.local_name().as_ref() == key
                && a.key.prefix().is_none_or(|p| p.as_ref() != b"xsi")
        })
        .and_then(|a| a.decode_and_unescape_value(decoder).ok())
        .map(|v| v.into_owned())
}

/// The link or reference one element holds, if any. `Link` elements need `rel` and `href`; any
/// other element with an `href` is a reference.
pub enum Found {
    Link(Link),
    Reference(Reference),
}

pub fn from_element(e: &BytesStart, decoder: quick_xml::encoding::Decoder) -> Option<Found> {
    let href = attr(e, b"href", decoder)?;
    let name = local_name(e);
    if name == "Link" {
        let rel = attr(e, b"rel", decoder)?;
        return Some(Found::Link(Link {
            method: method_for_rel(&rel).to_string(),
            rel,
            media_type: attr(e, b"type", decoder),
            href,
            name: attr(e, b"name", decoder),
            owner: None,
        }));
    }
    Some(Found::Reference(Reference {
        element: name.to_string(),
        name: attr(e, b"name", decoder),
        media_type: attr(e, b"type", decoder),
        href,
    }))
}

/// Why a body yielded no links.
#[derive(Debug, thiserror::Error)]
#[error("the body is not well-formed XML at byte {position}: {reason}")]
pub struct NotXml {
    pub position: u64,
    pub reason: String,
}

/// Every Link and reference of an XML body, in document order, the first [`MAX_PAGE_LINKS`] of
/// each kept (and all counted). The root element's own `href` (the page itself) is not a
/// reference. Reads `body` once, streaming.
pub fn extract_links<R: BufRead>(body: R) -> Result<PageLinks, NotXml> {
    let mut page = PageLinks::default();
    page.name = for_each_link(body, |found| match found {
        Found::Link(l) => page.push_link(l),
        Found::Reference(r) => page.push_reference(r),
    })?;
    Ok(page)
}

/// Calls `each` with every Link (with its owner) and reference of an XML body, in document
/// order, however many; returns the root element's `name`. Reads `body` once, streaming.
pub fn for_each_link<R: BufRead>(
    body: R,
    mut each: impl FnMut(Found),
) -> Result<Option<String>, NotXml> {
    let mut reader = Reader::from_reader(body);
    let mut buf = Vec::new();
    let mut root_name = None;
    let mut seen_root = false;
    let mut guard = DepthGuard::default();
    // The entities open around the reader, with the depth each opened at.
    let mut owners: Vec<(usize, Reference)> = Vec::new();
    let mut depth = 0usize;
    loop {
        let event = reader.read_event_into(&mut buf).map_err(|e| NotXml {
            position: reader.error_position(),
            reason: e.to_string(),
        })?;
        guard
            .track(&event, reader.buffer_position())
            .map_err(|e| NotXml {
                position: e.position,
                reason: e.to_string(),
            })?;
        match &event {
            Event::Start(e) | Event::Empty(e) => {
                let open = matches!(event, Event::Start(_));
                if !seen_root {
                    seen_root = true;
                    root_name = attr(e, b"name", reader.decoder());
                } else {
                    match from_element(e, reader.decoder()) {
                        Some(Found::Link(mut l)) => {
                            l.owner = owners.last().map(|(_, o)| o.clone());
                            each(Found::Link(l));
                        }
                        Some(Found::Reference(r)) => {
                            if open && attr(e, b"id", reader.decoder()).is_some() {
                                owners.push((depth, r.clone()));
                            }
                            each(Found::Reference(r));
                        }
                        None => {}
                    }
                }
                if open {
                    depth += 1;
                }
            }
            Event::End(_) => {
                depth = depth.saturating_sub(1);
                if owners.last().is_some_and(|(d, _)| *d == depth) {
                    owners.pop();
                }
            }
            Event::Eof => return Ok(root_name),
            _ => {}
        }
        buf.clear();
    }
}

/// The links of one HTTP `Link` header (RFC 8288), as CloudAPI sends paging links:
/// `<https://.../cloudapi/1.0.0/vdcs?page=2>;rel="nextPage";type="application/json"`. A `rel` may
/// hold several relations ("lastPage nextPage"): each becomes its own link.
pub fn parse_link_header(value: &str) -> Vec<Link> {
    let mut out = Vec::new();
    for part in split_outside_angles(value) {
        let part = part.trim();
        let Some(rest) = part.strip_prefix('<') else {
            continue;
        };
        let Some(end) = rest.find('>') else {
            continue;
        };
        let href = rest[..end].to_string();
        let mut rels = None;
        let mut media_type = None;
        let mut name = None;
        for param in rest[end + 1..].split(';') {
            let Some((key, val)) = param.split_once('=') else {
                continue;
            };
            let val = val.trim().trim_matches('"').to_string();
            match key.trim().to_ascii_lowercase().as_str() {
                "rel" => rels = Some(val),
                "type" => media_type = Some(val),
                "title" | "name" => name = Some(val),
                _ => {}
            }
        }
        for rel in rels.as_deref().unwrap_or("").split_whitespace() {
            out.push(Link {
                rel: rel.to_string(),
                method: method_for_rel(rel).to_string(),
                media_type: media_type.clone(),
                href: href.clone(),
                name: name.clone(),
                owner: None,
            });
        }
    }
    out
}

/// Splits a header value at the commas between links (a URL inside `<...>` may hold commas).
fn split_outside_angles(value: &str) -> Vec<&str> {
    let mut parts = Vec::new();
    let mut depth = 0usize;
    let mut start = 0;
    for (i, c) in value.char_indices() {
        match c {
            '<' => depth += 1,
            '>' => depth = depth.saturating_sub(1),
            ',' if depth == 0 => {
                parts.push(&value[start..i]);
                start = i + 1;
            }
            _ => {}
        }
    }
    parts.push(&value[start..]);
    parts
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn link_headers_split_combined_rels_and_keep_commas_in_urls() {
        let links = parse_link_header(
            r#"<https://h/cloudapi/1.0.0/vdcs?page=2&filter=(a==1,b==2)>;rel="lastPage nextPage";type="application/json", <https://h/cloudapi/1.0.0/vdcs?page=1>;rel="firstPage""#,
        );
        assert_eq!(links.len(), 3);
        assert_eq!(links[0].rel, "lastPage");
        assert_eq!(links[1].rel, "nextPage");
        assert_eq!(
            links[1].href,
            "https://h/cloudapi/1.0.0/vdcs?page=2&filter=(a==1,b==2)"
        );
        assert_eq!(links[1].media_type.as_deref(), Some("application/json"));
        assert_eq!(links[2].rel, "firstPage");
        assert_eq!(links[2].method, "GET");
        assert!(parse_link_header("garbage, <no-end").is_empty());
    }

    #[test]
    fn broken_xml_is_reported_with_its_position() {
        let err =
            extract_links(&b"<Org href='x'><Link rel='down' href='y'></Org>"[..]).unwrap_err();
        assert!(err.to_string().contains("not well-formed"), "{err}");
    }
}
