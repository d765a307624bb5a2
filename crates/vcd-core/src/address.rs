//! The base address of a VCD: what a user types, made into `scheme://host[:port]`.

use crate::error::CoreError;
use url::Url;

/// Turns what a user typed into a VCD base URL. A missing scheme means https; a portal or API path
/// they pasted (`/tenant/acme`, `/provider`, `/api`, `/api/versions`, `/cloudapi`) is dropped.
pub fn normalize_base_url(input: &str) -> Result<Url, CoreError> {
    let trimmed = input.trim();
    let invalid = |reason: &str| CoreError::InvalidUrl {
        input: trimmed.to_string(),
        reason: reason.to_string(),
    };
    if trimmed.is_empty() {
        return Err(invalid("the address is empty"));
    }
    let with_scheme = if trimmed.contains("://") {
        trimmed.to_string()
    } else {
        format!("https://{trimmed}")
    };
    let mut url = Url::parse(&with_scheme).map_err(|e| invalid(&e.to_string()))?;
    if !matches!(url.scheme(), "http" | "https") {
        return Err(invalid(&format!(
            "the scheme '{}' is not supported (use https://, or http:// for a local simulator)",
            url.scheme()
        )));
    }
    if url.host_str().is_none_or(str::is_empty) {
        return Err(invalid("it has no host name"));
    }
    if !url.username().is_empty() || url.password().is_some() {
        return Err(invalid(
            "it holds a user name or password; put credentials in the profile, never in the address",
        ));
    }
    let path = url.path().trim_end_matches('/').to_string();
    let keep = ["/tenant/", "/provider", "/api", "/cloudapi"]
        .iter()
        .filter_map(|marker| path.find(marker))
        .min()
        .map(|i| &path[..i])
        .unwrap_or(&path)
        .to_string();
    url.set_path(&keep);
    url.set_query(None);
    url.set_fragment(None);
    Ok(url)
}

/// `base` + an absolute path such as `/api/versions`, keeping any prefix path the base has.
pub fn join_path(base: &Url, path: &str) -> Url {
    let mut url = base.clone();
    let prefix = base.path().trim_end_matches('/');
    url.set_path(&format!("{prefix}{path}"));
    url
}

#[cfg(test)]
mod tests {
    use super::*;

    fn norm(s: &str) -> String {
        normalize_base_url(s).unwrap().to_string()
    }

    #[test]
    fn cleans_what_users_paste() {
        assert_eq!(norm("vcd.example.com"), "https://vcd.example.com/");
        assert_eq!(
            norm("https://vcd.example.com/tenant/acme/vdcs"),
            "https://vcd.example.com/"
        );
        assert_eq!(
            norm("https://vcd.example.com/api/versions"),
            "https://vcd.example.com/"
        );
        assert_eq!(norm("http://127.0.0.1:8080/"), "http://127.0.0.1:8080/");
        assert_eq!(
            norm("https://gw.example.com/vcd/api"),
            "https://gw.example.com/vcd"
        );
    }

    #[test]
    fn refuses_what_cannot_work() {
        for bad in [
            "",
            "ftp://vcd.example.com",
            "https://",
            "https://user:pw@vcd.example.com",
            "http://exa mple.com",
        ] {
            let err = normalize_base_url(bad).unwrap_err();
            assert_eq!(err.kind(), "invalid_url", "{bad}");
        }
    }

    #[test]
    fn joins_keeping_a_prefix() {
        let base = normalize_base_url("https://gw.example.com/vcd").unwrap();
        assert_eq!(
            join_path(&base, "/api/versions").as_str(),
            "https://gw.example.com/vcd/api/versions"
        );
        let base = normalize_base_url("https://vcd.example.com").unwrap();
        assert_eq!(
            join_path(&base, "/api/versions").as_str(),
            "https://vcd.example.com/api/versions"
        );
    }
}
