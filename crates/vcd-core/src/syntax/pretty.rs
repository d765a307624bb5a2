//! Pretty-printing response bodies for the viewer: XML re-indented event by event, JSON re-indented
//! token by token (both streaming, so a body of any size costs a small buffer; the output of a large
//! body goes to a temporary file like the body itself). A body that does not parse is shown as it
//! came.

use crate::http::{Body, BodyLimits, BodySink};
use crate::syntax::check_well_formed_from;
use crate::xml::{DepthGuard, MAX_DEPTH};
use quick_xml::events::Event;
use quick_xml::{Reader, Writer};
use std::io::{BufRead, Write};

/// Why a body could not be laid out (it is then shown as it came).
#[derive(Debug)]
pub struct NotPretty;

impl From<std::io::Error> for NotPretty {
    fn from(_: std::io::Error) -> Self {
        NotPretty
    }
}

/// XML with two-space indentation, written to `out`.
pub fn pretty_xml_into<R: BufRead, W: Write>(body: R, out: W) -> Result<(), NotPretty> {
    let mut reader = Reader::from_reader(body);
    reader.config_mut().trim_text(true);
    let mut writer = Writer::new_with_indent(out, b' ', 2);
    let mut buf = Vec::new();
    let mut guard = DepthGuard::default();
    loop {
        let event = reader.read_event_into(&mut buf).map_err(|_| NotPretty)?;
        guard
            .track(&event, reader.buffer_position())
            .map_err(|_| NotPretty)?;
        match event {
            Event::Eof => break,
            event => writer.write_event(event)?,
        }
        buf.clear();
    }
    writer.into_inner().write_all(b"\n")?;
    Ok(())
}

/// JSON with two-space indentation as serde_json lays it out (`"key": value`, `[]` and `{}` kept
/// together), written to `out`. It re-indents tokens and does not check the grammar: the caller
/// checks the body first.
pub fn pretty_json_into<R: BufRead, W: Write>(mut body: R, out: W) -> Result<(), NotPretty> {
    let mut out = std::io::BufWriter::new(out);
    let mut depth = 0usize;
    let mut in_string = false;
    let mut escaped = false;
    let mut just_opened = false;
    let newline = |out: &mut std::io::BufWriter<W>, depth: usize| -> std::io::Result<()> {
        out.write_all(b"\n")?;
        for _ in 0..depth {
            out.write_all(b"  ")?;
        }
        Ok(())
    };
    loop {
        let chunk = body.fill_buf()?;
        if chunk.is_empty() {
            break;
        }
        for &b in chunk {
            if in_string {
                out.write_all(&[b])?;
                if escaped {
                    escaped = false;
                } else if b == b'\\' {
                    escaped = true;
                } else if b == b'"' {
                    in_string = false;
                }
                continue;
            }
            if b.is_ascii_whitespace() {
                continue;
            }
            if just_opened {
                just_opened = false;
                if b == b'}' || b == b']' {
                    depth -= 1;
                    out.write_all(&[b])?;
                    continue;
                }
                newline(&mut out, depth)?;
            }
            match b {
                b'{' | b'[' => {
                    depth += 1;
                    if depth > MAX_DEPTH {
                        return Err(NotPretty);
                    }
                    out.write_all(&[b])?;
                    just_opened = true;
                }
                b'}' | b']' => {
                    depth = depth.checked_sub(1).ok_or(NotPretty)?;
                    newline(&mut out, depth)?;
                    out.write_all(&[b])?;
                }
                b',' => {
                    out.write_all(b",")?;
                    newline(&mut out, depth)?;
                }
                b':' => out.write_all(b": ")?,
                b'"' => {
                    in_string = true;
                    out.write_all(b"\"")?;
                }
                other => out.write_all(&[other])?,
            }
        }
        let n = chunk.len();
        body.consume(n);
    }
    out.write_all(b"\n")?;
    out.flush()?;
    Ok(())
}

/// What a body should be laid out as: by Content-Type, else by its first character.
fn layout_of(content_type: Option<&str>, first: Option<u8>) -> Option<&'static str> {
    let ct = content_type.unwrap_or("").to_ascii_lowercase();
    if ct.contains("json") || (ct.is_empty() && matches!(first, Some(b'{' | b'['))) {
        Some("json")
    } else if ct.contains("xml") || first == Some(b'<') {
        Some("xml")
    } else {
        None
    }
}

/// Lays `body` out into `out`; `Err` when it is neither XML nor JSON, or does not parse.
fn pretty_into<W: Write>(
    content_type: Option<&str>,
    body: &Body,
    out: &mut W,
) -> Result<(), NotPretty> {
    match layout_of(content_type, body.first_non_blank()) {
        Some("json") => {
            check_well_formed_from(vcd_api::JSON, || body.reader()).map_err(|_| NotPretty)?;
            pretty_json_into(body.reader(), out)
        }
        Some(_) => pretty_xml_into(body.reader(), out),
        None => Err(NotPretty),
    }
}

/// The body laid out for reading, chosen by Content-Type (then by its first character); the raw
/// text when it is neither XML nor JSON, or does not parse.
pub fn pretty(content_type: Option<&str>, body: &[u8]) -> String {
    let body = Body::from(body.to_vec());
    let mut out = Vec::new();
    match pretty_into(content_type, &body, &mut out) {
        Ok(()) => String::from_utf8(out)
            .unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned()),
        Err(NotPretty) => {
            String::from_utf8_lossy(body.in_memory().unwrap_or_default()).into_owned()
        }
    }
}

/// [`pretty`] for a body of any size: the layout is kept like a body (memory, then a temporary
/// file, within `limits`); the body itself when it cannot be laid out.
pub fn pretty_body(content_type: Option<&str>, body: &Body, limits: BodyLimits) -> Body {
    struct Sink(BodySink);
    impl Write for Sink {
        fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
            self.0
                .push(buf)
                .map(|_| buf.len())
                .map_err(|_| std::io::Error::other("layout limit"))
        }
        fn flush(&mut self) -> std::io::Result<()> {
            Ok(())
        }
    }
    // Indentation adds to the size: the layout may grow past the body's own cap.
    let limits = BodyLimits {
        max: limits.max.saturating_mul(2),
        ..limits
    };
    let mut sink = Sink(BodySink::new(limits, false));
    match pretty_into(content_type, body, &mut sink) {
        Ok(()) => sink.0.finish().unwrap_or_else(|_| body.clone()),
        Err(NotPretty) => body.clone(),
    }
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
        assert_eq!(pretty(Some("application/json"), b"{\"a\": }"), "{\"a\": }");
    }

    #[test]
    fn json_is_laid_out_exactly_as_serde_json_does() {
        // Keys in sorted order: serde_json's Value sorts them, the layout here keeps VCD's order.
        let doc = br#"{"page":1,"values":[{"f":1.5,"id":"urn:vcloud:vdc:1","n":[],"name":"a \"q\" , : { [","o":{},"t":true,"x":null}]}"#;
        let value: serde_json::Value = serde_json::from_slice(doc).unwrap();
        assert_eq!(
            pretty(Some("application/json"), doc),
            serde_json::to_string_pretty(&value).unwrap() + "\n"
        );
    }

    #[test]
    fn a_large_layout_goes_to_a_file_like_its_body() {
        let mut sink = BodySink::new(
            BodyLimits {
                spool_above: 1024,
                max: 1 << 30,
            },
            false,
        );
        sink.push(b"<Vdc>").unwrap();
        for _ in 0..200 {
            sink.push(b"<VApp name=\"a\"/>").unwrap();
        }
        sink.push(b"</Vdc>").unwrap();
        let body = sink.finish().unwrap();
        let laid_out = pretty_body(
            Some("application/xml"),
            &body,
            BodyLimits {
                spool_above: 1024,
                max: 1 << 30,
            },
        );
        assert!(laid_out.spooled());
        assert!(laid_out
            .text()
            .unwrap()
            .starts_with("<Vdc>\n  <VApp name=\"a\"/>\n"));
    }
}
