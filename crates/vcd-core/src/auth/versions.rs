//! Version discovery: `GET /api/versions`, parsed by namespace, sorted numerically.

use crate::error::CoreError;
use crate::http::{join_path, normalize_base_url};
use crate::http::{Exchange, ExchangePurpose, HttpClient, HttpOptions, Response};
use crate::xml::{append_text, local_name, local_name_in, DepthGuard};
use quick_xml::events::Event;
use quick_xml::NsReader;
use serde::Serialize;
use ts_rs::TS;
use url::Url;
use vcd_api::NS_VERSIONS as VERSIONS_NS;
use vcd_api::{xml_accept, ApiVersion};

/// One `VersionInfo` of a server.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct VersionEntry {
    pub version: String,
    /// The VCD release that introduced the version, e.g. "10.5" for 38.0.
    pub release: Option<String>,
    pub deprecated: bool,
    pub login_url: String,
    pub provider_login_url: Option<String>,
    /// The `Accept` header for `/api/...` calls at this version.
    pub accept_header: String,
}

/// What a server's `/api/versions` says, newest first.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct VersionList {
    /// The highest active (not deprecated, not pre-release) version: what a client should use.
    pub default: Option<String>,
    pub versions: Vec<VersionEntry>,
}

impl VersionList {
    pub fn find(&self, version: &str) -> Option<&VersionEntry> {
        self.versions.iter().find(|v| v.version == version)
    }

    pub fn default_entry(&self) -> Option<&VersionEntry> {
        self.default.as_deref().and_then(|d| self.find(d))
    }

    /// The entry to log in with: the version asked for (`None`: the default), when it is active
    /// and names a login URL; else an error that says why and names the nearest one that can
    /// (the next newer first, as a newer version keeps the older's documents). `at_least` is the
    /// lowest version the kind of login needs (API tokens: 36.1).
    pub fn for_login(
        &self,
        wanted: Option<&str>,
        at_least: Option<&str>,
    ) -> Result<&VersionEntry, CoreError> {
        let usable = |e: &&VersionEntry| {
            let v = e.version.parse::<ApiVersion>().ok();
            !e.deprecated
                && !e.login_url.trim().is_empty()
                && v.is_some_and(|v| !v.is_prerelease() && at_least.is_none_or(|m| v.at_least(m)))
        };
        let Some(wanted) = wanted else {
            // A default too old for API tokens is refused by the token exchange, which says so.
            return self
                .default_entry()
                .ok_or_else(|| CoreError::VersionNotOffered {
                    version: "(any active)".into(),
                    offered: "only deprecated versions".into(),
                    nearest: None,
                });
        };
        let nearest = || {
            let asked = wanted.parse::<ApiVersion>().ok();
            let mut candidates: Vec<(ApiVersion, &VersionEntry)> = self
                .versions
                .iter()
                .filter(usable)
                .filter_map(|e| Some((e.version.parse::<ApiVersion>().ok()?, e)))
                .collect();
            candidates.sort_by(|a, b| a.0.cmp(&b.0));
            let newer = asked
                .as_ref()
                .and_then(|a| candidates.iter().find(|(v, _)| v > a));
            newer.or(candidates.last()).map(|(_, e)| e.version.clone())
        };
        match self.find(wanted) {
            None => Err(CoreError::VersionNotOffered {
                version: wanted.to_string(),
                offered: self
                    .versions
                    .iter()
                    .filter(|e| !e.deprecated)
                    .map(|e| e.version.as_str())
                    .collect::<Vec<_>>()
                    .join(", "),
                nearest: nearest(),
            }),
            Some(entry) if usable(&entry) => Ok(entry),
            Some(entry) => Err(CoreError::VersionCannotLogIn {
                version: wanted.to_string(),
                reason: if entry.deprecated {
                    "the server marks it deprecated".into()
                } else if entry.login_url.trim().is_empty() {
                    "the server names no login URL for it".into()
                } else if let Some(min) = at_least {
                    format!("an API token needs API {min} or later")
                } else {
                    "it is a pre-release version".into()
                },
                nearest: nearest(),
            }),
        }
    }
}

#[derive(Default)]
struct Info {
    deprecated: bool,
    version: String,
    login_url: String,
    provider_login_url: Option<String>,
}

/// Why a body could not be read as a version list (the caller adds the URL).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum VersionsParseError {
    NotXml(String),
    WrongRoot(String),
}

/// Parses a `SupportedVersions` document. Prefixes may vary; unknown elements (`MediaTypeMapping`,
/// `AlphaVersion`, ...) are skipped. Entries whose `Version` is not a number are left out.
pub fn parse_versions(xml: &[u8]) -> Result<VersionList, VersionsParseError> {
    let mut reader = NsReader::from_reader(xml);
    let mut buf = Vec::new();
    let mut depth = 0usize;
    let mut infos: Vec<Info> = Vec::new();
    let mut current: Option<Info> = None;
    // The child of VersionInfo whose text is being read, and the text so far.
    let mut field: Option<&'static str> = None;
    let mut text = String::new();
    let mut saw_root = false;
    let mut guard = DepthGuard::default();
    loop {
        let position = reader.buffer_position();
        let (ns, event) = reader
            .read_resolved_event_into(&mut buf)
            .map_err(|e| VersionsParseError::NotXml(format!("malformed XML: {e}")))?;
        guard
            .track(&event, position)
            .map_err(|e| VersionsParseError::NotXml(e.to_string()))?;
        match &event {
            Event::Start(e) | Event::Empty(e) => {
                let empty = matches!(event, Event::Empty(_));
                let name = local_name_in(&ns, e, VERSIONS_NS);
                if depth == 0 {
                    if name != Some("SupportedVersions") {
                        return Err(VersionsParseError::WrongRoot(local_name(e).to_string()));
                    }
                    saw_root = true;
                } else if depth == 1 && name == Some("VersionInfo") {
                    let mut info = Info::default();
                    for attr in e.attributes().flatten() {
                        if attr.key.local_name().as_ref() == b"deprecated" {
                            info.deprecated = attr.value.as_ref() == b"true";
                        }
                    }
                    current = Some(info);
                    if empty {
                        current = None;
                    }
                } else if depth == 2 && current.is_some() {
                    field = match name {
                        Some("Version") => Some("Version"),
                        Some("LoginUrl") => Some("LoginUrl"),
                        Some("ProviderLoginUrl") => Some("ProviderLoginUrl"),
                        _ => None,
                    };
                    text.clear();
                    if empty {
                        field = None;
                    }
                }
                if !empty {
                    depth += 1;
                }
            }
            Event::End(_) => {
                depth = depth.saturating_sub(1);
                if depth == 2 {
                    if let (Some(f), Some(info)) = (field.take(), current.as_mut()) {
                        let value = text.trim().to_string();
                        match f {
                            "Version" => info.version = value,
                            "LoginUrl" => info.login_url = value,
                            _ => info.provider_login_url = Some(value),
                        }
                    }
                } else if depth == 1 {
                    if let Some(info) = current.take() {
                        infos.push(info);
                    }
                }
            }
            Event::Text(_) | Event::CData(_) | Event::GeneralRef(_) if field.is_some() => {
                append_text(&event, &mut text);
            }
            Event::Eof if depth > 0 => {
                return Err(VersionsParseError::NotXml("the document ends early".into()))
            }
            Event::Eof => break,
            _ => {}
        }
        buf.clear();
    }
    if !saw_root {
        return Err(VersionsParseError::NotXml("the body is empty".into()));
    }
    let mut parsed: Vec<(ApiVersion, Info)> = infos
        .into_iter()
        .filter_map(|i| i.version.parse::<ApiVersion>().ok().map(|v| (v, i)))
        .collect();
    parsed.sort_by(|a, b| b.0.cmp(&a.0));
    parsed.dedup_by(|a, b| a.0 == b.0);
    let default = parsed
        .iter()
        .find(|(v, i)| !i.deprecated && !v.is_prerelease())
        .map(|(v, _)| v.to_string());
    let versions = parsed
        .into_iter()
        .map(|(v, i)| VersionEntry {
            release: v.release_name().map(str::to_string),
            accept_header: xml_accept(&v),
            version: v.to_string(),
            deprecated: i.deprecated,
            login_url: i.login_url,
            provider_login_url: i.provider_login_url,
        })
        .collect();
    Ok(VersionList { default, versions })
}

fn looks_like_html(response: &Response) -> bool {
    let ct = response.content_type().unwrap_or("").to_ascii_lowercase();
    if ct.starts_with("text/html") || ct.starts_with("application/xhtml") {
        return true;
    }
    let head: String = String::from_utf8_lossy(&response.body.slice(0, 512).unwrap_or_default())
        .trim_start()
        .to_ascii_lowercase();
    head.starts_with("<!doctype html") || head.starts_with("<html")
}

/// Asks a VCD which API versions it speaks. No credentials are sent: VCD answers this anonymously.
pub async fn discover_versions(
    base_url: &str,
    options: &HttpOptions,
) -> Result<VersionList, CoreError> {
    let base = normalize_base_url(base_url)?;
    fetch_versions(&HttpClient::new(options)?, &base, &mut Exchange::default()).await
}

/// `GET /api/versions` with an existing client, against a normalized base URL, recorded in `steps`.
pub async fn fetch_versions(
    client: &HttpClient,
    base: &Url,
    steps: &mut Exchange,
) -> Result<VersionList, CoreError> {
    let url = join_path(base, vcd_api::VERSIONS_PATH);
    let response = client
        .send(
            client
                .inner()
                .get(url.clone())
                .header(reqwest::header::ACCEPT, vcd_api::XML_ANY),
        )
        .await?;
    steps.record(ExchangePurpose::Versions, &response);
    let url = url.to_string();
    if looks_like_html(&response) {
        return Err(CoreError::HtmlInsteadOfApi { url });
    }
    if response.status >= 400 {
        return Err(CoreError::Http {
            url,
            status: response.status,
            vcd: response.vcd_error(),
        });
    }
    let first_byte = response.body.first_non_blank();
    if first_byte != Some(b'<') {
        let detail = match response.content_type() {
            Some(ct) => format!("the content type is {ct}"),
            None if response.body.is_empty() => "the body is empty".to_string(),
            None => "the body is not markup".to_string(),
        };
        return Err(CoreError::NotXml { url, detail });
    }
    parse_versions(response.protocol_body()?).map_err(|e| match e {
        VersionsParseError::NotXml(detail) => CoreError::NotXml { url, detail },
        VersionsParseError::WrongRoot(root) => CoreError::NotVersionList { url, root },
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn prefixed_namespace_and_odd_entries() {
        let xml = br#"<?xml version="1.0"?>
<v:SupportedVersions xmlns:v="http://www.vmware.com/vcloud/versions">
  <v:VersionInfo deprecated="false"><v:Version>36.10</v:Version><v:LoginUrl>https://h/cloudapi/1.0.0/sessions</v:LoginUrl></v:VersionInfo>
  <v:VersionInfo deprecated="false"><v:Version>36.2</v:Version><v:LoginUrl>https://h/api/sessions?a=1&amp;b=2</v:LoginUrl></v:VersionInfo>
  <v:VersionInfo deprecated="false"><v:Version>40.0.0-alpha</v:Version><v:LoginUrl>https://h/x</v:LoginUrl></v:VersionInfo>
  <v:VersionInfo deprecated="true"><v:Version>41.0</v:Version><v:LoginUrl>https://h/x</v:LoginUrl></v:VersionInfo>
  <v:VersionInfo deprecated="false"><v:Version>not-a-number</v:Version><v:LoginUrl>https://h/x</v:LoginUrl></v:VersionInfo>
</v:SupportedVersions>"#;
        let list = parse_versions(xml).unwrap();
        let order: Vec<&str> = list.versions.iter().map(|v| v.version.as_str()).collect();
        assert_eq!(order, ["41.0", "40.0.0-alpha", "36.10", "36.2"]);
        assert_eq!(list.default.as_deref(), Some("36.10"));
        assert_eq!(
            list.find("36.2").unwrap().login_url,
            "https://h/api/sessions?a=1&b=2"
        );
        assert_eq!(
            list.find("36.2").unwrap().release.as_deref(),
            Some("10.3.2")
        );
    }

    #[test]
    fn wrong_documents() {
        assert_eq!(
            parse_versions(b"<Org xmlns=\"http://www.vmware.com/vcloud/v1.5\"/>"),
            Err(VersionsParseError::WrongRoot("Org".into()))
        );
        assert_eq!(
            parse_versions(b"<SupportedVersions/>"),
            Err(VersionsParseError::WrongRoot("SupportedVersions".into()))
        );
        let ns = "xmlns=\"http://www.vmware.com/vcloud/versions\"";
        let mismatched = format!("<SupportedVersions {ns}><b></SupportedVersions>");
        let truncated = format!("<SupportedVersions {ns}><VersionInfo>");
        for bad in [mismatched, truncated] {
            assert!(
                matches!(
                    parse_versions(bad.as_bytes()),
                    Err(VersionsParseError::NotXml(_))
                ),
                "{bad}"
            );
        }
        assert!(matches!(
            parse_versions(b""),
            Err(VersionsParseError::NotXml(_))
        ));
    }
}
