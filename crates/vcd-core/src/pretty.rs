//! Pretty-printing response bodies for the viewer: XML re-indented event by event (streaming, so a
//! large body costs its output and a small buffer), JSON with serde_json's layout. A body that does
//! not parse is shown as it came.

use crate::xml::DepthGuard;
use quick_xml::events::Event;
use quick_xml::{Reader, Writer};
use std::io::BufRead;

/// XML with two-space indentation; `None` when the body is not well-formed XML.
pub fn pretty_xml<R: BufRead>(body: R) -> Option<String> {
    let mut reader = Reader::from_reader(body);
    reader.config_mut().trim_text(true);
    let mut writer = Writer::new_with_indent(Vec::new(), b' ', 2);
    let mut buf = Vec::new();
    let mut guard = DepthGuard::default();
    loop {
        let event = reader.read_event_into(&mut buf).ok()?;
        guard.track(&event, reader.buffer_position()).ok()?;
        match event {
            Event::Eof => break,
            event => writer.write_event(event).ok()?,
        }
        buf.clear();
    }
    let mut out = String::from_utf8(writer.into_inner()).ok()?;
    out.push('\n');
    Some(out)
}

/// JSON with indentation; `None` when the body is not JSON.
pub fn pretty_json(body: &[u8]) -> Option<String> {
    let value: serde_json::Value = serde_json::from_slice(body).ok()?;
    serde_json::to_string_pretty(&value).ok().map(|s| s + "\n")
}

/// The body laid out for reading, chosen by Content-Type (then by its first character); the raw
/// text when it is neither XML nor JSON, or does not parse.
pub fn pretty(content_type: Option<&str>, body: &[u8]) -> String {
    let ct = content_type.unwrap_or("").to_ascii_lowercase();
    let first = body.iter().find(|b| !b.is_ascii_whitespace()).copied();
    let formatted = if ct.contains("json") || (ct.is_empty() && matches!(first, Some(b'{' | b'[')))
    {
        pretty_json(body)
    } else if ct.contains("xml") || first == Some(b'<') {
        pretty_xml(body)
    } else {
        None
    };
    formatted.unwrap_or_else(|| String::from_utf8_lossy(body).into_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn xml_and_json_are_indented_and_anything_else_is_left_alone() {
        let xml = pretty(
            Some("application/vnd.vmware.vcloud.org+xml"),
            br#"<Org xmlns="http://www.vmware.com/vcloud/v1.5" name="a &amp; b"><Link rel="down" href="x"/><FullName>A</FullName></Org>"#,
        );
        assert_eq!(
            xml,
            "<Org xmlns=\"http://www.vmware.com/vcloud/v1.5\" name=\"a &amp; b\">\n  <Link rel=\"down\" href=\"x\"/>\n  <FullName>A</FullName>\n</Org>\n"
        );
        assert_eq!(
            pretty(None, br#"{"a":[1]}"#),
            "{\n  \"a\": [\n    1\n  ]\n}\n"
        );
        assert_eq!(pretty(Some("application/xml"), b"<a><b></a>"), "<a><b></a>");
        assert_eq!(pretty(Some("text/plain"), b"plain"), "plain");
    }
}
