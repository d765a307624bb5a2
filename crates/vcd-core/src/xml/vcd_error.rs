//! VCD's own error bodies: XML `<Error majorErrorCode minorErrorCode message>` (any prefix, by
//! namespace) and CloudAPI JSON `{minorErrorCode, message}`.

use crate::xml::local_name_in;
use quick_xml::events::Event;
use quick_xml::NsReader;
use serde::Serialize;
use std::fmt;
use ts_rs::TS;
use vcd_api::NS_VCLOUD as VCLOUD_NS;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct VcdError {
    pub major: Option<String>,
    pub minor: Option<String>,
    pub message: String,
}

impl fmt::Display for VcdError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.minor {
            Some(minor) => write!(f, "{} ({minor})", self.message),
            None => f.write_str(&self.message),
        }
    }
}

impl VcdError {
    /// The VCD error in a response body, if the body is one.
    pub fn parse(body: &[u8]) -> Option<VcdError> {
        let text = std::str::from_utf8(body).ok()?.trim_start();
        if text.starts_with('{') {
            Self::parse_json(text)
        } else if text.starts_with('<') {
            Self::parse_xml(text)
        } else {
            None
        }
    }

    fn parse_json(text: &str) -> Option<VcdError> {
        let v: serde_json::Value = serde_json::from_str(text).ok()?;
        let message = v.get("message")?.as_str()?.to_string();
        Some(VcdError {
            major: v
                .get("majorErrorCode")
                .map(|m| m.to_string().trim_matches('"').to_string()),
            minor: v
                .get("minorErrorCode")
                .and_then(|m| m.as_str())
                .map(str::to_string),
            message,
        })
    }

    fn parse_xml(text: &str) -> Option<VcdError> {
        let mut reader = NsReader::from_str(text);
        loop {
            match reader.read_resolved_event() {
                Ok((ns, Event::Start(e))) | Ok((ns, Event::Empty(e))) => {
                    if local_name_in(&ns, &e, VCLOUD_NS) != Some("Error") {
                        return None;
                    }
                    let mut err = VcdError {
                        major: None,
                        minor: None,
                        message: String::new(),
                    };
                    for attr in e.attributes().flatten() {
                        let value = attr
                            .decode_and_unescape_value(reader.decoder())
                            .ok()?
                            .into_owned();
                        match attr.key.local_name().as_ref() {
                            b"majorErrorCode" => err.major = Some(value),
                            b"minorErrorCode" => err.minor = Some(value),
                            b"message" => err.message = value,
                            _ => {}
                        }
                    }
                    return Some(err);
                }
                Ok((_, Event::Eof)) | Err(_) => return None,
                Ok(_) => {}
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn other_xml_is_not_an_error() {
        assert_eq!(
            VcdError::parse(b"<Org xmlns=\"http://www.vmware.com/vcloud/v1.5\"/>"),
            None
        );
        assert_eq!(VcdError::parse(b"<Error/>"), None);
        assert_eq!(VcdError::parse(b"plain text"), None);
    }
}
