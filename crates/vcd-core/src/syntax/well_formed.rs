//! A request body is checked before it is sent: VCD answers a malformed XML or JSON body with a
//! terse 400, while the parser here says where the mistake is.

use crate::error::CoreError;
use crate::xml::DepthGuard;
use quick_xml::events::Event;
use quick_xml::Reader;
use serde::Deserialize;
use std::io::BufRead;

/// What a Content-Type says the body is.
fn format_of(content_type: &str) -> Option<&'static str> {
    let ct = content_type.to_ascii_lowercase();
    let essence = ct.split(';').next().unwrap_or("").trim().to_string();
    if essence.ends_with("+xml") || essence.ends_with("/xml") {
        Some("XML")
    } else if essence.ends_with("+json") || essence.ends_with("/json") {
        Some("JSON")
    } else if essence == "application/x-www-form-urlencoded" {
        Some("form")
    } else {
        None
    }
}

/// Checks that `body` is well-formed for its Content-Type (XML, JSON or a form); other types and an
/// empty body pass as they are.
pub fn check_well_formed(content_type: &str, body: &[u8]) -> Result<(), CoreError> {
    if format_of(content_type) == Some("form") && !body.iter().all(u8::is_ascii_whitespace) {
        return match std::str::from_utf8(body) {
            Ok(text) if text.trim().split('&').all(|pair| !pair.is_empty()) => Ok(()),
            Ok(_) => Err(bad("form", "it has an empty field between two '&'".into())),
            Err(e) => Err(bad("form", e.to_string())),
        };
    }
    check_well_formed_from(content_type, || body)
}

fn bad(format: &str, reason: String) -> CoreError {
    CoreError::BadBody {
        format: format.to_string(),
        reason,
    }
}

/// [`check_well_formed`] for XML and JSON read from a stream (a response body of any size; `open`
/// gives a reader from its start, asked twice for JSON); a form or another type passes.
pub fn check_well_formed_from<R: BufRead>(
    content_type: &str,
    open: impl Fn() -> R,
) -> Result<(), CoreError> {
    match format_of(content_type) {
        Some("XML") => {
            let mut reader = Reader::from_reader(open());
            let mut depth = 0usize;
            let mut roots = 0usize;
            let mut guard = DepthGuard::default();
            let mut buf = Vec::new();
            let mut only_blanks = true;
            loop {
                buf.clear();
                let event = reader.read_event_into(&mut buf);
                if let Ok(e) = &event {
                    guard
                        .track(e, reader.buffer_position())
                        .map_err(|e| bad("XML", e.to_string()))?;
                    let blank = match e {
                        Event::Text(t) => t.iter().all(u8::is_ascii_whitespace),
                        Event::Eof => true,
                        _ => false,
                    };
                    only_blanks &= blank;
                }
                match event {
                    Ok(Event::Start(_)) => {
                        if depth == 0 {
                            roots += 1;
                        }
                        depth += 1;
                    }
                    Ok(Event::Empty(_)) if depth == 0 => roots += 1,
                    Ok(Event::End(_)) => depth = depth.saturating_sub(1),
                    Ok(Event::Text(t)) if depth == 0 && !t.iter().all(u8::is_ascii_whitespace) => {
                        return Err(bad(
                            "XML",
                            format!(
                                "text outside the root element at byte {}",
                                reader.buffer_position()
                            ),
                        ));
                    }
                    Ok(Event::Eof) => break,
                    Ok(_) => {}
                    Err(e) => {
                        return Err(bad(
                            "XML",
                            format!("{e} (at byte {})", reader.error_position()),
                        ))
                    }
                }
            }
            match (roots, depth) {
                (1, 0) => Ok(()),
                // Only blanks: nothing to check.
                (0, 0) if only_blanks => Ok(()),
                (0, _) => Err(bad("XML", "it has no root element".into())),
                (_, 0) => Err(bad("XML", "it has more than one root element".into())),
                _ => Err(bad("XML", "an element is not closed".into())),
            }
        }
        // IgnoredAny: checked without building the document, so a large body costs no memory.
        Some("JSON") => {
            let mut body = open();
            // An empty or blank body has nothing to check.
            loop {
                let buf = body.fill_buf().map_err(|e| bad("JSON", e.to_string()))?;
                if buf.is_empty() {
                    return Ok(());
                }
                match buf.iter().position(|b| !b.is_ascii_whitespace()) {
                    Some(_) => break,
                    None => {
                        let n = buf.len();
                        body.consume(n);
                    }
                }
            }
            let mut de = serde_json::Deserializer::from_reader(body);
            serde::de::IgnoredAny::deserialize(&mut de)
                .and_then(|_| de.end())
                .map_err(|e| bad("JSON", e.to_string()))?;
            // serde_json skips a value without a depth limit (and without recursion); the
            // layout pass, which stops past MAX_DEPTH, sets one.
            super::pretty_json_into(open(), std::io::sink()).map_err(|_| {
                bad(
                    "JSON",
                    format!(
                        "its arrays and objects nest more than {} levels deep, which no VCD document does",
                        crate::xml::MAX_DEPTH
                    ),
                )
            })
        }
        _ => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const XML: &str = "application/vnd.vmware.vcloud.deployVAppParams+xml";

    #[test]
    fn well_formed_bodies_pass_and_broken_ones_say_where() {
        assert!(check_well_formed(
            XML,
            br#"<DeployVAppParams xmlns="http://www.vmware.com/vcloud/v1.5" powerOn="false"/>"#
        )
        .is_ok());
        assert!(check_well_formed("application/json;version=38.0", br#"{"a": [1, 2]}"#).is_ok());
        assert!(check_well_formed(XML, b"  ").is_ok());
        assert!(check_well_formed("text/plain", b"<<<").is_ok());

        for (ct, body, words) in [
            (XML, &b"<A><B></A>"[..], "XML"),
            (XML, b"<A/><B/>", "more than one root"),
            (XML, b"<A>", "not closed"),
            (XML, b"hello", "outside the root element"),
            (XML, b"<!-- only a comment -->", "no root element"),
            ("application/json", b"{\"a\": }", "JSON"),
            (
                "application/x-www-form-urlencoded",
                b"a=1&&b=2",
                "empty field",
            ),
        ] {
            let err = check_well_formed(ct, body).unwrap_err().to_string();
            assert!(err.contains(words), "{ct} {err}");
            assert!(err.contains("fix it and send again"), "{err}");
        }
        let deep = format!("{}{}", "[".repeat(600), "]".repeat(600));
        let err = check_well_formed("application/json", deep.as_bytes())
            .unwrap_err()
            .to_string();
        assert!(err.contains("nest more than 512 levels"), "{err}");
        let fine = format!("{}{}", "[".repeat(100), "]".repeat(100));
        assert!(check_well_formed("application/json", fine.as_bytes()).is_ok());
    }
}
