//! A request body is checked before it is sent: VCD answers a malformed XML or JSON body with a
//! terse 400, while the parser here says where the mistake is.

use crate::error::CoreError;
use crate::xml::DepthGuard;
use quick_xml::events::Event;
use quick_xml::Reader;

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
    if body.iter().all(u8::is_ascii_whitespace) {
        return Ok(());
    }
    let bad = |format: &str, reason: String| CoreError::BadBody {
        format: format.to_string(),
        reason,
    };
    match format_of(content_type) {
        Some("XML") => {
            let mut reader = Reader::from_reader(body);
            let mut depth = 0usize;
            let mut roots = 0usize;
            let mut guard = DepthGuard::default();
            loop {
                let event = reader.read_event();
                if let Ok(e) = &event {
                    guard
                        .track(e, reader.buffer_position())
                        .map_err(|e| bad("XML", e.to_string()))?;
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
                (0, _) => Err(bad("XML", "it has no root element".into())),
                (_, 0) => Err(bad("XML", "it has more than one root element".into())),
                _ => Err(bad("XML", "an element is not closed".into())),
            }
        }
        // IgnoredAny: checked without building the document, so a large body costs no memory.
        Some("JSON") => serde_json::from_slice::<serde::de::IgnoredAny>(body)
            .map(|_| ())
            .map_err(|e| bad("JSON", e.to_string())),
        Some(_) => match std::str::from_utf8(body) {
            Ok(text) if text.trim().split('&').all(|pair| !pair.is_empty()) => Ok(()),
            Ok(_) => Err(bad("form", "it has an empty field between two '&'".into())),
            Err(e) => Err(bad("form", e.to_string())),
        },
        None => Ok(()),
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
    }
}
