//! The simulator's XML writer: elements open and close in order, attribute values and text are
//! escaped here once, and indentation follows the depth, so no route writes markup by hand. It
//! writes straight into one String: the demo VDC of 300,000 vApps is a 50 MB document.

use quick_xml::escape::escape;
use vcd_api::{NS_OVF, NS_VCLOUD, NS_XSI};

const DECLARATION: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"#;

/// The namespaces of a vCloud document, and of one that also holds OVF sections.
pub const VCLOUD: &[(&str, &str)] = &[("xmlns", NS_VCLOUD), ("xmlns:xsi", NS_XSI)];
pub const VCLOUD_OVF: &[(&str, &str)] = &[
    ("xmlns", NS_VCLOUD),
    ("xmlns:xsi", NS_XSI),
    ("xmlns:ovf", NS_OVF),
];

pub struct Xml {
    out: String,
    open: Vec<String>,
}

impl Xml {
    /// A document: the XML declaration, then its root element.
    pub fn document() -> Xml {
        let mut out = String::with_capacity(4096);
        out.push_str(DECLARATION);
        out.push('\n');
        Xml {
            out,
            open: Vec::new(),
        }
    }

    fn indent(&mut self) {
        for _ in 0..self.open.len() {
            self.out.push_str("    ");
        }
    }

    fn tag(&mut self, name: &str, namespaces: &[(&str, &str)], attrs: &[(&str, &str)]) {
        self.indent();
        self.out.push('<');
        self.out.push_str(name);
        for (key, value) in namespaces.iter().chain(attrs) {
            self.out.push(' ');
            self.out.push_str(key);
            self.out.push_str("=\"");
            self.out.push_str(&escape(*value));
            self.out.push('"');
        }
    }

    /// Opens an element; [`Xml::end`] closes it.
    pub fn start(&mut self, name: &str, attrs: &[(&str, &str)]) -> &mut Xml {
        self.root(name, &[], attrs)
    }

    /// Opens an element that declares namespaces (a document's root).
    pub fn root(
        &mut self,
        name: &str,
        namespaces: &[(&str, &str)],
        attrs: &[(&str, &str)],
    ) -> &mut Xml {
        self.tag(name, namespaces, attrs);
        self.out.push_str(">\n");
        self.open.push(name.to_string());
        self
    }

    /// Closes the innermost open element.
    pub fn end(&mut self) -> &mut Xml {
        if let Some(name) = self.open.pop() {
            self.indent();
            self.out.push_str("</");
            self.out.push_str(&name);
            self.out.push_str(">\n");
        }
        self
    }

    /// A parsed element written back as it came (the edge gateway keeps its services this way).
    pub fn node(&mut self, n: &crate::body::Node) -> &mut Xml {
        let attrs: Vec<(&str, &str)> = n
            .attrs
            .iter()
            .map(|(k, v)| (k.as_str(), v.as_str()))
            .collect();
        if n.children.is_empty() {
            if n.text.is_empty() {
                return self.empty(&n.name, &attrs);
            }
            self.tag(&n.name, &[], &attrs);
            self.out.push('>');
            self.out.push_str(&escape(n.text.as_str()));
            self.out.push_str("</");
            self.out.push_str(&n.name);
            self.out.push_str(">\n");
            return self;
        }
        self.tag(&n.name, &[], &attrs);
        self.out.push_str(">\n");
        self.open.push(n.name.clone());
        for c in &n.children {
            self.node(c);
        }
        self.end()
    }

    /// An element without content: `<name a="…"/>`.
    pub fn empty(&mut self, name: &str, attrs: &[(&str, &str)]) -> &mut Xml {
        self.empty_root(name, &[], attrs)
    }

    /// A document whose root element has no content (an `Error`).
    pub fn empty_root(
        &mut self,
        name: &str,
        namespaces: &[(&str, &str)],
        attrs: &[(&str, &str)],
    ) -> &mut Xml {
        self.tag(name, namespaces, attrs);
        self.out.push_str("/>\n");
        self
    }

    /// An element holding text: `<name>text</name>` (`<name/>` when the text is empty).
    pub fn leaf(&mut self, name: &str, text: &str) -> &mut Xml {
        if text.is_empty() {
            return self.empty(name, &[]);
        }
        self.tag(name, &[], &[]);
        self.out.push('>');
        self.out.push_str(&escape(text));
        self.out.push_str("</");
        self.out.push_str(name);
        self.out.push_str(">\n");
        self
    }

    /// `<Link rel href [type]/>`.
    pub fn link(&mut self, rel: &str, href: &str, media_type: Option<&str>) -> &mut Xml {
        match media_type {
            Some(t) => self.empty("Link", &[("rel", rel), ("href", href), ("type", t)]),
            None => self.empty("Link", &[("rel", rel), ("href", href)]),
        }
    }

    /// A reference to an entity: `<element href name type/>`.
    pub fn reference(&mut self, element: &str, href: &str, name: &str, t: &str) -> &mut Xml {
        self.empty(element, &[("href", href), ("name", name), ("type", t)])
    }

    /// The text written so far, with every element still open closed.
    pub fn finish(mut self) -> String {
        while !self.open.is_empty() {
            self.end();
        }
        self.out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn elements_nest_indent_and_escape_their_values() {
        let mut x = Xml::document();
        x.root("Vdc", VCLOUD, &[("name", "R&D <lab>")]);
        x.link("up", "https://h/api/org/1?a=1&b=2", Some("t"));
        x.start("ResourceEntities", &[])
            .reference("ResourceEntity", "h", "\"web\"", "t");
        x.end();
        x.leaf("Description", "a < b").leaf("Empty", "");
        let text = x.finish();
        assert_eq!(
            text,
            "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n\
             <Vdc xmlns=\"http://www.vmware.com/vcloud/v1.5\" xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" name=\"R&amp;D &lt;lab&gt;\">\n\
             \x20   <Link rel=\"up\" href=\"https://h/api/org/1?a=1&amp;b=2\" type=\"t\"/>\n\
             \x20   <ResourceEntities>\n\
             \x20       <ResourceEntity href=\"h\" name=\"&quot;web&quot;\" type=\"t\"/>\n\
             \x20   </ResourceEntities>\n\
             \x20   <Description>a &lt; b</Description>\n\
             \x20   <Empty/>\n\
             </Vdc>\n"
        );
        assert!(well_formed(&text));
    }

    /// Well-formed by quick-xml's reader, which the engine uses too.
    fn well_formed(text: &str) -> bool {
        let mut reader = quick_xml::Reader::from_str(text);
        loop {
            match reader.read_event() {
                Ok(quick_xml::events::Event::Eof) => return true,
                Ok(_) => {}
                Err(_) => return false,
            }
        }
    }
}
