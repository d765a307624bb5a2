//! The legacy XML `Session`: who is logged in, and the Links a client walks from.

use crate::xml::{local_name_in, VCLOUD_NS};
use quick_xml::events::Event;
use quick_xml::NsReader;
use serde::Serialize;
use ts_rs::TS;

/// A `<Link rel type href name>` of a VCD document.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct Link {
    pub rel: String,
    pub href: String,
    #[serde(rename = "type")]
    #[ts(rename = "type")]
    pub media_type: Option<String>,
    pub name: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SessionInfo {
    pub user: String,
    pub org: String,
    pub roles: String,
    pub links: Vec<Link>,
}

/// Reads a `Session` document (any prefix); `None` when the body is not one.
pub fn parse_session(xml: &[u8]) -> Option<SessionInfo> {
    let mut reader = NsReader::from_reader(xml);
    let mut buf = Vec::new();
    let mut info: Option<SessionInfo> = None;
    loop {
        let (ns, event) = reader.read_resolved_event_into(&mut buf).ok()?;
        match &event {
            Event::Start(e) | Event::Empty(e) => {
                let name = local_name_in(&ns, e, VCLOUD_NS);
                let attr = |key: &[u8]| {
                    e.attributes()
                        .flatten()
                        .find(|a| a.key.local_name().as_ref() == key)
                        .and_then(|a| a.decode_and_unescape_value(reader.decoder()).ok())
                        .map(|v| v.into_owned())
                };
                match (&mut info, name) {
                    (None, Some("Session")) => {
                        info = Some(SessionInfo {
                            user: attr(b"user").unwrap_or_default(),
                            org: attr(b"org").unwrap_or_default(),
                            roles: attr(b"roles").unwrap_or_default(),
                            links: Vec::new(),
                        })
                    }
                    (None, _) => return None,
                    (Some(s), Some("Link")) => {
                        if let (Some(rel), Some(href)) = (attr(b"rel"), attr(b"href")) {
                            s.links.push(Link {
                                rel,
                                href,
                                media_type: attr(b"type"),
                                name: attr(b"name"),
                            });
                        }
                    }
                    _ => {}
                }
            }
            Event::Eof => return info,
            _ => {}
        }
        buf.clear();
    }
}
