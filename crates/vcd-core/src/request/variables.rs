//! `{{name}}` in a request's URL, headers and body, resolved from the session (`org`, `user`,
//! `version`, `base_url`) and the profile's own variables (which win). An unknown name is an error
//! that lists the known ones: a request never goes out with a literal `{{...}}` in it.

use crate::error::CoreError;
use std::collections::BTreeMap;

/// One `{{name}}` a text uses, and its value if it has one.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, ts_rs::TS)]
pub struct VariableUse {
    pub name: String,
    pub value: Option<String>,
}

/// The names a text uses, in order, each once.
pub fn used(text: &str) -> Vec<String> {
    let mut names = Vec::new();
    let mut rest = text;
    while let Some(start) = rest.find("{{") {
        let after = &rest[start + 2..];
        let Some(end) = after.find("}}") else { break };
        let name = after[..end].trim().to_string();
        if !name.is_empty() && !names.contains(&name) {
            names.push(name);
        }
        rest = &after[end + 2..];
    }
    names
}

/// The text with every `{{name}}` replaced by its value.
pub fn resolve(text: &str, vars: &BTreeMap<String, String>) -> Result<String, CoreError> {
    if !text.contains("{{") {
        return Ok(text.to_string());
    }
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(start) = rest.find("{{") {
        out.push_str(&rest[..start]);
        let after = &rest[start + 2..];
        let Some(end) = after.find("}}") else {
            out.push_str(&rest[start..]);
            return Ok(out);
        };
        let name = after[..end].trim();
        let value = vars.get(name).ok_or_else(|| CoreError::UnknownVariable {
            name: name.to_string(),
            known: vars.keys().cloned().collect::<Vec<_>>().join(", "),
        })?;
        out.push_str(value);
        rest = &after[end + 2..];
    }
    out.push_str(rest);
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_found_resolved_and_unknown_ones_refused() {
        let vars = BTreeMap::from([
            ("org".to_string(), "acme".to_string()),
            ("vdc".to_string(), "1234".to_string()),
        ]);
        assert_eq!(
            used("/api/vdc/{{vdc}}?o={{ org }}&again={{vdc}}"),
            ["vdc", "org"]
        );
        assert_eq!(
            resolve("/api/vdc/{{vdc}}?o={{ org }}", &vars).unwrap(),
            "/api/vdc/1234?o=acme"
        );
        assert_eq!(resolve("no braces {", &vars).unwrap(), "no braces {");
        assert_eq!(resolve("open {{vdc", &vars).unwrap(), "open {{vdc");
        let err = resolve("/api/{{catalog}}", &vars).unwrap_err().to_string();
        assert!(
            err.contains("{{catalog}}") && err.contains("org, vdc"),
            "{err}"
        );
    }
}
