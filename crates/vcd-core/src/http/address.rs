//! Addresses: the base address of a VCD (what a user types, made into `scheme://host[:port]`), the
//! URL a request goes to (a path with its own query, or a full URL), the origin credentials are
//! bound to, and the one check that keeps secrets out of every URL that enters the engine.

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
    check_no_secrets(&url, &[])?;
    if !matches!(url.scheme(), "http" | "https") {
        return Err(invalid(&format!(
            "the scheme '{}' is not supported (use https://, or http:// for a local simulator)",
            url.scheme()
        )));
    }
    if url.host_str().is_none_or(str::is_empty) {
        return Err(invalid("it has no host name"));
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

/// `base` + an absolute path such as `/api/versions`, keeping any prefix path the base has. A query
/// or fragment in `path` (`/api/query?type=vApp`) stays one: only the path part is joined.
pub fn join_path(base: &Url, path: &str) -> Url {
    let (path, fragment) = match path.split_once('#') {
        Some((p, f)) => (p, Some(f)),
        None => (path, None),
    };
    let (path, query) = match path.split_once('?') {
        Some((p, q)) => (p, Some(q)),
        None => (path, None),
    };
    let mut url = base.clone();
    let prefix = base.path().trim_end_matches('/');
    let slash = if path.starts_with('/') { "" } else { "/" };
    url.set_path(&format!("{prefix}{slash}{path}"));
    url.set_query(query);
    url.set_fragment(fragment);
    url
}

/// `url`'s path and query on `base`'s origin: how an href that names VCD's configured public address
/// (another host than the profile's) is reached through the profile's own address.
pub fn rebase(base: &Url, url: &Url) -> Url {
    let mut moved = join_path(base, url.path());
    moved.set_query(url.query());
    moved
}

/// Where a request goes: `input` is a full `http(s)://` URL, or a path resolved against `base`.
pub fn request_url(base: &Url, input: &str) -> Result<Url, CoreError> {
    let input = input.trim();
    let lower = input.to_ascii_lowercase();
    if lower.starts_with("http://") || lower.starts_with("https://") {
        let url = Url::parse(input).map_err(|e| CoreError::InvalidUrl {
            input: input.to_string(),
            reason: e.to_string(),
        })?;
        if url.host_str().is_none_or(str::is_empty) {
            return Err(CoreError::InvalidUrl {
                input: input.to_string(),
                reason: "it has no host name".into(),
            });
        }
        return Ok(url);
    }
    if input.contains("://") {
        return Err(CoreError::InvalidUrl {
            input: input.to_string(),
            reason: "only http:// and https:// URLs, or a path such as /api/org, can be sent"
                .into(),
        });
    }
    if input.is_empty() {
        return Err(CoreError::InvalidUrl {
            input: input.to_string(),
            reason: "the URL is empty: enter a path such as /api/org".into(),
        });
    }
    if !input.starts_with('/') {
        // Typed words are not a relative path: the user meant something else.
        return Err(CoreError::InvalidUrl {
            input: input.to_string(),
            reason: "a path must start with / (like /api/org), and a whole URL with https://"
                .into(),
        });
    }
    Ok(join_path(base, input))
}

/// Scheme, host and port: the origin a profile's credentials belong to (as browsers define it).
pub fn origin(url: &Url) -> String {
    url.origin().ascii_serialization()
}

pub fn same_origin(a: &Url, b: &Url) -> bool {
    a.origin() == b.origin()
}

/// Query and fragment parameters that carry a credential whatever their value.
const SECRET_PARAMETERS: &[&str] = &[
    "refresh_token",
    "access_token",
    "password",
    "api_token",
    "token",
];

/// The one check for secrets in a URL, used wherever a URL enters the engine (profile addresses,
/// version discovery, every request): a user name or password before the host, a parameter named
/// like a credential (in the query or fragment, decoded), or one of `known` secrets (value, what
/// it is) anywhere in the URL, percent-encoded or not. URLs end up in proxy and server logs.
pub fn check_no_secrets(url: &Url, known: &[(&str, &str)]) -> Result<(), CoreError> {
    let refuse = |what: String| Err(CoreError::SecretInUrl { what });
    let raw = url.as_str();
    let decoded = percent_encoding::percent_decode_str(raw).decode_utf8_lossy();
    let form_decoded = decoded.replace('+', " ");
    for (secret, what) in known {
        if secret.len() >= 6
            && (raw.contains(secret) || decoded.contains(secret) || form_decoded.contains(secret))
        {
            return refuse((*what).to_string());
        }
    }
    if !url.username().is_empty() || url.password().is_some() {
        return refuse("a user name and password before the host".into());
    }
    for part in [url.query(), url.fragment()].into_iter().flatten() {
        for (key, _) in url::form_urlencoded::parse(part.as_bytes()) {
            let key = key.trim().to_ascii_lowercase();
            if SECRET_PARAMETERS.contains(&key.as_str()) {
                return refuse(format!("the parameter '{key}'"));
            }
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ErrorKind;

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
    fn a_request_url_is_a_path_from_slash_or_a_whole_url_never_loose_words() {
        let base = Url::parse("https://vcd.example.com/").unwrap();
        assert_eq!(
            request_url(&base, "/api/org").unwrap().as_str(),
            "https://vcd.example.com/api/org"
        );
        let err = request_url(&base, "not a url at all").unwrap_err();
        assert!(err.to_string().contains("must start with /"), "{err}");
        assert!(request_url(&base, "api/org").is_err());
    }

    #[test]
    fn refuses_what_cannot_work() {
        for bad in [
            "",
            "ftp://vcd.example.com",
            "https://",
            "http://exa mple.com",
        ] {
            let err = normalize_base_url(bad).unwrap_err();
            assert_eq!(err.kind(), ErrorKind::InvalidUrl, "{bad}");
        }
    }

    #[test]
    fn a_secret_in_an_address_is_refused_decoded_or_not() {
        for bad in [
            "https://user:pw@vcd.example.com",
            "https://vcd.example.com/?refresh_token=abc",
            "https://vcd.example.com/?REFRESH%5FTOKEN=abc",
            "https://vcd.example.com/api?x=1&access_token=abc",
            "https://vcd.example.com/#access_token=abc",
            "https://vcd.example.com/?password=x",
            "https://vcd.example.com/?api_token=x",
            "https://vcd.example.com/?token=x",
        ] {
            let err = normalize_base_url(bad).unwrap_err();
            assert_eq!(err.kind(), ErrorKind::SecretInUrl, "{bad}");
        }
        let url = Url::parse("https://h/api/org?note=s3cr%65t-value").unwrap();
        let err = check_no_secrets(&url, &[("s3cret-value", "the password")]).unwrap_err();
        assert!(err.to_string().contains("the password"), "{err}");
        let url = Url::parse("https://h/api/s3cret+value").unwrap();
        assert!(check_no_secrets(&url, &[("s3cret value", "the password")]).is_err());
        assert!(check_no_secrets(&url, &[("other-secret", "the password")]).is_ok());
    }

    #[test]
    fn a_path_keeps_its_own_query_and_a_full_url_stays_whole() {
        let base = normalize_base_url("https://gw.example.com/vcd").unwrap();
        assert_eq!(
            request_url(&base, "/api/query?type=organization&format=records")
                .unwrap()
                .as_str(),
            "https://gw.example.com/vcd/api/query?type=organization&format=records"
        );
        assert_eq!(
            request_url(&base, "/api/org#top").unwrap().as_str(),
            "https://gw.example.com/vcd/api/org#top"
        );
        assert_eq!(
            request_url(&base, "HTTPS://other.example.com:8443/api?x=1")
                .unwrap()
                .as_str(),
            "https://other.example.com:8443/api?x=1"
        );
        for bad in ["", "ftp://h/x", "https://"] {
            assert_eq!(
                request_url(&base, bad).unwrap_err().kind(),
                ErrorKind::InvalidUrl,
                "{bad}"
            );
        }
    }

    #[test]
    fn origins_compare_scheme_host_and_port() {
        let a = Url::parse("https://vcd.example.com/api").unwrap();
        for (other, same) in [
            ("https://vcd.example.com:443/x", true),
            ("https://VCD.example.com/x", true),
            ("http://vcd.example.com/x", false),
            ("https://vcd.example.com:8443/x", false),
            ("https://evil.example.com/x", false),
        ] {
            assert_eq!(
                same_origin(&a, &Url::parse(other).unwrap()),
                same,
                "{other}"
            );
        }
        assert_eq!(origin(&a), "https://vcd.example.com");
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
