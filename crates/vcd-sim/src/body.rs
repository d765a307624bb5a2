//! Request bodies as VCD checks them: the Content-Type must be the operation's media type, the
//! root element must be the expected one in the vCloud namespace, and children must come in the
//! schema's order. A failed check reads as VCD's (its XML validator's `cvc-…` messages), so what a
//! student learns here holds against a real VCD.

use quick_xml::events::Event;
use quick_xml::name::ResolveResult;
use quick_xml::NsReader;
use vcd_api::{NS_VCLOUD, NS_XSI};

/// A parsed element: local name, namespace, attributes (`xsi:type` keeps that spelling, with its
/// value's prefix dropped), text and children.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Node {
    pub name: String,
    pub ns: String,
    pub attrs: Vec<(String, String)>,
    pub text: String,
    pub children: Vec<Node>,
}

impl Node {
    pub fn attr(&self, name: &str) -> Option<&str> {
        self.attrs
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    }

    pub fn child(&self, name: &str) -> Option<&Node> {
        self.children.iter().find(|c| c.name == name)
    }

    pub fn children_named<'a>(&'a self, name: &'a str) -> impl Iterator<Item = &'a Node> + 'a {
        self.children.iter().filter(move |c| c.name == name)
    }

    /// The trimmed text of a child element.
    pub fn text_of(&self, name: &str) -> Option<&str> {
        self.child(name).map(|c| c.text.trim())
    }
}

/// Why a body was refused: the status, VCD's minor error code and its message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Refusal {
    pub status: u16,
    pub minor: &'static str,
    pub message: String,
}

fn bad(message: String) -> Refusal {
    Refusal {
        status: 400,
        minor: "BAD_REQUEST",
        message,
    }
}

/// Parses a body into a tree, resolving namespaces.
pub fn parse(bytes: &[u8]) -> Result<Node, Refusal> {
    let text = std::str::from_utf8(bytes)
        .map_err(|_| bad("Bad request: the body is not UTF-8 text.".into()))?;
    let mut reader = NsReader::from_str(text);
    let mut stack: Vec<Node> = Vec::new();
    let malformed = |e: String| bad(format!("Bad request: the body is not well-formed XML: {e}"));
    loop {
        let (resolved, event) = reader
            .read_resolved_event()
            .map_err(|e| malformed(e.to_string()))?;
        match event {
            Event::Start(ref e) | Event::Empty(ref e) => {
                let ns = match resolved {
                    ResolveResult::Bound(ns) => String::from_utf8_lossy(ns.as_ref()).into_owned(),
                    _ => String::new(),
                };
                let mut node = Node {
                    name: String::from_utf8_lossy(e.local_name().as_ref()).into_owned(),
                    ns,
                    attrs: Vec::new(),
                    text: String::new(),
                    children: Vec::new(),
                };
                for a in e.attributes() {
                    let a = a.map_err(|e| malformed(e.to_string()))?;
                    let raw = String::from_utf8_lossy(a.key.as_ref()).into_owned();
                    if raw == "xmlns" || raw.starts_with("xmlns:") {
                        continue;
                    }
                    let value = a
                        .unescape_value()
                        .map_err(|e| malformed(e.to_string()))?
                        .into_owned();
                    let (attr_ns, local) = reader.resolver().resolve_attribute(a.key);
                    let local = String::from_utf8_lossy(local.as_ref()).into_owned();
                    let is_xsi = matches!(attr_ns, ResolveResult::Bound(n) if n.as_ref() == NS_XSI.as_bytes());
                    if is_xsi && local == "type" {
                        let v = value.rsplit(':').next().unwrap_or(&value).to_string();
                        node.attrs.push(("xsi:type".into(), v));
                    } else if !is_xsi {
                        node.attrs.push((local, value));
                    }
                }
                if matches!(event, Event::Empty(_)) {
                    match stack.last_mut() {
                        Some(parent) => parent.children.push(node),
                        None => return Ok(node),
                    }
                } else {
                    stack.push(node);
                }
            }
            Event::Text(t) => {
                if let Some(top) = stack.last_mut() {
                    let t = t.decode().map_err(|e| malformed(e.to_string()))?;
                    let t =
                        quick_xml::escape::unescape(&t).map_err(|e| malformed(e.to_string()))?;
                    top.text.push_str(&t);
                }
            }
            Event::CData(t) => {
                if let Some(top) = stack.last_mut() {
                    top.text.push_str(&String::from_utf8_lossy(&t));
                }
            }
            Event::GeneralRef(r) => {
                if let Some(top) = stack.last_mut() {
                    let name = String::from_utf8_lossy(&r).into_owned();
                    let c = match name.as_str() {
                        "amp" => "&",
                        "lt" => "<",
                        "gt" => ">",
                        "quot" => "\"",
                        "apos" => "'",
                        _ => "",
                    };
                    if let Some(code) = name.strip_prefix('#') {
                        let n = match code.strip_prefix('x') {
                            Some(hex) => u32::from_str_radix(hex, 16).ok(),
                            None => code.parse().ok(),
                        };
                        if let Some(ch) = n.and_then(char::from_u32) {
                            top.text.push(ch);
                        }
                    } else {
                        top.text.push_str(c);
                    }
                }
            }
            Event::End(_) => {
                let done = stack
                    .pop()
                    .ok_or_else(|| malformed("unbalanced end tag".into()))?;
                match stack.last_mut() {
                    Some(parent) => parent.children.push(done),
                    None => return Ok(done),
                }
            }
            Event::Eof => {
                return Err(malformed(
                    "the document ends before its root element does".into(),
                ))
            }
            _ => {}
        }
    }
}

/// The body of an operation: the Content-Type it was sent with must be `media_type`, and its root
/// the vCloud element `root`.
pub fn expect(
    content_type: Option<&str>,
    bytes: &[u8],
    media_type: &str,
    root: &str,
) -> Result<Node, Refusal> {
    let sent = content_type
        .and_then(|c| c.split(';').next())
        .map(|c| c.trim().to_ascii_lowercase())
        .unwrap_or_default();
    if sent != media_type.to_ascii_lowercase() {
        return Err(Refusal {
            status: 415,
            minor: "UNSUPPORTED_MEDIA_TYPE",
            message: format!(
                "Content type '{}' is not supported by this request; it takes {media_type}.",
                if sent.is_empty() { "(none)" } else { &sent }
            ),
        });
    }
    let node = parse(bytes)?;
    if node.name != root || node.ns != NS_VCLOUD {
        return Err(bad(format!(
            "cvc-elt.1: Cannot find the declaration of element '{}'.",
            if node.ns.is_empty() || node.ns == NS_VCLOUD {
                node.name.clone()
            } else {
                format!("{{\"{}\"}}:{}", node.ns, node.name)
            }
        )));
    }
    Ok(node)
}

/// [`expect`], then the root's children checked against `sequence` ([`check_sequence`]).
pub fn expect_in_order(
    content_type: Option<&str>,
    bytes: &[u8],
    media_type: &str,
    root: &str,
    sequence: &[Particle],
) -> Result<Node, Refusal> {
    let node = expect(content_type, bytes, media_type, root)?;
    check_sequence(&node, sequence)?;
    Ok(node)
}

/// One element of a schema sequence: its name and how often it may appear.
pub struct Particle {
    pub name: &'static str,
    pub min: usize,
    pub max: usize,
}

pub const fn opt(name: &'static str) -> Particle {
    Particle {
        name,
        min: 0,
        max: 1,
    }
}
pub const fn one(name: &'static str) -> Particle {
    Particle {
        name,
        min: 1,
        max: 1,
    }
}
pub const fn many(name: &'static str) -> Particle {
    Particle {
        name,
        min: 0,
        max: usize::MAX,
    }
}

fn expected(rest: &[Particle]) -> String {
    let mut names = Vec::new();
    for p in rest {
        names.push(format!("\"{NS_VCLOUD}\":{}", p.name));
        if p.min > 0 {
            break;
        }
    }
    format!("'{{{}}}'", names.join(", "))
}

/// Checks that `node`'s children follow `sequence` (XML Schema's `xs:sequence`), answering with
/// the validator's message VCD passes on when they do not.
pub fn check_sequence(node: &Node, sequence: &[Particle]) -> Result<(), Refusal> {
    let mut at = 0;
    let mut count = 0;
    for child in &node.children {
        // What the validator lists as expected starts where this child's search starts.
        let origin = if sequence.get(at).is_some_and(|p| count >= p.max) {
            at + 1
        } else {
            at
        };
        loop {
            let Some(p) = sequence.get(at) else {
                if origin < sequence.len() {
                    return Err(bad(format!(
                        "cvc-complex-type.2.4.a: Invalid content was found starting with element '{}'. One of {} is expected.",
                        child.name,
                        expected(&sequence[origin..])
                    )));
                }
                return Err(bad(format!(
                    "cvc-complex-type.2.4.d: Invalid content was found starting with element '{}'. No child element is expected at this point.",
                    child.name
                )));
            };
            if p.name == child.name && count < p.max && child.ns == NS_VCLOUD {
                count += 1;
                break;
            }
            if count >= p.min {
                at += 1;
                count = 0;
                continue;
            }
            return Err(bad(format!(
                "cvc-complex-type.2.4.a: Invalid content was found starting with element '{}'. One of {} is expected.",
                child.name,
                expected(&sequence[origin.min(at)..])
            )));
        }
    }
    // What is left must be optional.
    let mut rest = &sequence[at.min(sequence.len())..];
    if let Some(p) = rest.first() {
        if count >= p.min {
            rest = &rest[1..];
        }
    }
    if let Some(missing) = rest.iter().position(|p| p.min > 0) {
        return Err(bad(format!(
            "cvc-complex-type.2.4.b: The content of element '{}' is not complete. One of {} is expected.",
            node.name,
            expected(&rest[..=missing])
        )));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    const SEQ: &[Particle] = &[
        opt("Description"),
        opt("InstantiationParams"),
        one("Source"),
        opt("AllEULAsAccepted"),
    ];

    fn doc(children: &str) -> Node {
        parse(format!(r#"<P xmlns="{NS_VCLOUD}" name="x">{children}</P>"#).as_bytes()).unwrap()
    }

    #[test]
    fn children_in_the_schemas_order_pass_and_others_get_the_validators_message() {
        check_sequence(
            &doc("<Description>d</Description><Source href=\"h\"/>"),
            SEQ,
        )
        .unwrap();
        let wrong = check_sequence(&doc("<Source href=\"h\"/><Description/>"), SEQ).unwrap_err();
        assert!(wrong.message.ends_with("element 'Description'. One of '{\"http://www.vmware.com/vcloud/v1.5\":AllEULAsAccepted}' is expected."), "{}", wrong.message);
        let wrong = check_sequence(
            &doc("<AllEULAsAccepted>true</AllEULAsAccepted><Source/>"),
            SEQ,
        )
        .unwrap_err();
        assert!(wrong.message.contains("starting with element 'AllEULAsAccepted'. One of '{\"http://www.vmware.com/vcloud/v1.5\":Description, \"http://www.vmware.com/vcloud/v1.5\":InstantiationParams, \"http://www.vmware.com/vcloud/v1.5\":Source}' is expected."), "{}", wrong.message);
        let missing = check_sequence(&doc("<Description/>"), SEQ).unwrap_err();
        assert!(
            missing
                .message
                .starts_with("cvc-complex-type.2.4.b: The content of element 'P' is not complete"),
            "{}",
            missing.message
        );
    }

    #[test]
    fn the_root_media_type_and_namespace_are_checked() {
        let ok =
            format!(r#"<vcloud:DeployVAppParams xmlns:vcloud="{NS_VCLOUD}" powerOn="false"/>"#);
        let t = vcd_api::types::DEPLOY_PARAMS;
        let n = expect(
            Some(&format!("{t}; charset=ISO-8859-1")),
            ok.as_bytes(),
            t,
            "DeployVAppParams",
        )
        .unwrap();
        assert_eq!(n.attr("powerOn"), Some("false"));
        assert_eq!(
            expect(
                Some("application/xml"),
                ok.as_bytes(),
                t,
                "DeployVAppParams"
            )
            .unwrap_err()
            .status,
            415
        );
        let no_ns = br#"<DeployVAppParams powerOn="false"/>"#;
        let e = expect(Some(t), no_ns, t, "DeployVAppParams").unwrap_err();
        assert_eq!(
            e.message,
            "cvc-elt.1: Cannot find the declaration of element 'DeployVAppParams'."
        );
        assert_eq!(
            expect(Some(t), b"<DeployVAppParams", t, "DeployVAppParams")
                .unwrap_err()
                .status,
            400
        );
        let typed = parse(format!(r#"<MetadataValue xmlns="{NS_VCLOUD}" xmlns:xsi="{NS_XSI}"><TypedValue xsi:type="MetadataNumberValue"><Value>4 &amp; 2</Value></TypedValue></MetadataValue>"#).as_bytes()).unwrap();
        let tv = typed.child("TypedValue").unwrap();
        assert_eq!(tv.attr("xsi:type"), Some("MetadataNumberValue"));
        assert_eq!(tv.text_of("Value"), Some("4 & 2"));
    }
}
