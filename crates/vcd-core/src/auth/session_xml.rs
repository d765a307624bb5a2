//! The legacy XML `Session`: who is logged in, and the Links a client walks from.

use crate::links::{from_element, Found, Link};
use crate::xml::{local_name, local_name_in, DepthGuard};
use quick_xml::events::Event;
use quick_xml::NsReader;
use vcd_api::NS_VCLOUD as VCLOUD_NS;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SessionInfo {
    pub user: String,
    pub org: String,
    pub roles: String,
    pub links: Vec<Link>,
}

/// Reads a `Session` document (any prefix); when the body is not one, says why.
pub fn parse_session(xml: &[u8]) -> Result<SessionInfo, String> {
    let mut reader = NsReader::from_reader(xml);
    let mut buf = Vec::new();
    let mut info: Option<SessionInfo> = None;
    let mut guard = DepthGuard::default();
    loop {
        let position = reader.buffer_position();
        let (ns, event) = reader
            .read_resolved_event_into(&mut buf)
            .map_err(|e| format!("it is not well-formed XML ({e})"))?;
        guard.track(&event, position).map_err(|e| e.to_string())?;
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
                    (None, _) => {
                        return Err(format!(
                            "its root element is <{}>, not <Session>",
                            local_name(e)
                        ))
                    }
                    (Some(s), Some("Link")) => {
                        if let Some(Found::Link(link)) = from_element(e, reader.decoder()) {
                            s.links.push(link);
                        }
                    }
                    _ => {}
                }
            }
            Event::Eof => return info.ok_or_else(|| "it holds no element".to_string()),
            _ => {}
        }
        buf.clear();
    }
}
