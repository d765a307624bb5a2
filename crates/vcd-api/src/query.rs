//! The query service's rules that client and simulator must read alike: its paging bounds, the
//! version from which filter values are backslash-escaped, and the characters that need it.

/// The page size a query gets when it names none.
pub const QUERY_DEFAULT_PAGE_SIZE: usize = 25;

/// The largest page VCD serves; a larger `pageSize` is clamped to it, not refused.
pub const QUERY_MAX_PAGE_SIZE: usize = 128;

/// From this API version `( ) ; ,` (and the backslash itself) inside a filter value are escaped
/// with a backslash; below it clients percent-encode values a second time and add
/// `filterEncoded=true`.
pub const FILTER_ESCAPE_MIN_VERSION: &str = "35.0";

/// From this API version an Org links to the query service for its VDCs and catalogs
/// (`rel="down"`, `type="…query.records+xml"`), and VMware's SDKs list them that way.
pub const ORG_QUERY_LINKS_MIN_VERSION: &str = "33.0";

/// The characters a filter value escapes from [`FILTER_ESCAPE_MIN_VERSION`] on.
pub const FILTER_SPECIAL: &[char] = &['(', ')', ';', ',', '\\'];

/// A filter value written for `version`: backslash-escaped from API 35.0, percent-encoded (a second
/// time, with `filterEncoded=true` on the query) below it.
pub fn escape_filter_value(value: &str, version: &crate::ApiVersion) -> String {
    if version.at_least(FILTER_ESCAPE_MIN_VERSION) {
        let mut out = String::with_capacity(value.len());
        for c in value.chars() {
            if FILTER_SPECIAL.contains(&c) {
                out.push('\\');
            }
            out.push(c);
        }
        out
    } else {
        encode_component(value)
    }
}

/// Percent-encodes a URL query value or path segment: everything but RFC 3986's unreserved
/// characters.
pub fn encode_component(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for b in text.bytes() {
        if b.is_ascii_alphanumeric() || b"-_.~".contains(&b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn values_are_escaped_by_the_rule_of_their_version() {
        let v35: crate::ApiVersion = "35.0".parse().unwrap();
        let v34: crate::ApiVersion = "34.0".parse().unwrap();
        assert_eq!(
            escape_filter_value("a(b);c,d\\e", &v35),
            "a\\(b\\)\\;c\\,d\\\\e"
        );
        assert_eq!(escape_filter_value("web*", &v35), "web*");
        assert_eq!(escape_filter_value("a(b) c*", &v34), "a%28b%29%20c%2A");
    }
}
