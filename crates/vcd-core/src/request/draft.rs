//! A request as the composer (and `vcdw send`) describes it: VCD's headers prefilled, enabled
//! headers, a body checked well-formed for its Content-Type, and a per-request timeout.

use crate::auth::SessionManager;
use crate::error::CoreError;
use crate::request::{resolve, used, VariableUse};
use crate::syntax::check_well_formed;
use reqwest::header::{HeaderMap, HeaderName, HeaderValue, CONTENT_TYPE};
use reqwest::Method;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use ts_rs::TS;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct DraftHeader {
    pub name: String,
    pub value: String,
    /// A header the user switched off stays in the table but is not sent.
    pub enabled: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct RequestDraft {
    pub method: String,
    /// A path (`/api/org`) resolved against the profile's address, or a full URL.
    pub url: String,
    pub headers: Vec<DraftHeader>,
    pub body: Option<String>,
    /// Seconds to wait for this request; `None`: the profile's timeout.
    #[ts(type = "number | null")]
    pub timeout_secs: Option<u64>,
    /// A large body file sent as it is, streamed from disk (see [`RequestDraft::with_body_file`]).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(skip)]
    pub body_file: Option<std::path::PathBuf>,
    /// The link this request follows, when it came from one (the response's hints then know the
    /// server advertised it).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub advertised: Option<AdvertisedLink>,
}

impl RequestDraft {
    /// A bare `GET` of `url`: the pipeline adds the Accept header of the session's version.
    pub fn get(url: &str) -> RequestDraft {
        RequestDraft {
            method: "GET".into(),
            url: url.to_string(),
            headers: Vec::new(),
            body: None,
            timeout_secs: None,
            body_file: None,
            advertised: None,
        }
    }
}

/// A link as a page advertised it: the page's URL and the link's `rel`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct AdvertisedLink {
    pub page: String,
    pub rel: String,
}

/// A body file up to this size is read, checked and has its `{{variables}}` resolved like a typed
/// body; a larger one (an upload) is streamed from disk as it is.
pub const BODY_FILE_IN_MEMORY: u64 = 8 * 1024 * 1024;

/// The variables a user defined: the environment's (settings), then the profile's, which win.
pub fn defined_variables(
    environment: &BTreeMap<String, String>,
    profile: &BTreeMap<String, String>,
) -> BTreeMap<String, String> {
    let mut vars = environment.clone();
    vars.extend(profile.iter().map(|(k, v)| (k.clone(), v.clone())));
    vars
}

/// What the composer starts from: a method and URL (typed, or a clicked link with its media type).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct DraftSeed {
    pub method: String,
    pub url: String,
    /// The link's `type`: the Accept of a GET, the Content-Type of a PUT or POST.
    pub media_type: Option<String>,
    /// The API version for the Accept header, e.g. "38.0".
    pub version: String,
    /// The starting body (a PUT of an entity starts from its current XML).
    pub body: Option<String>,
    /// The link the seed comes from, when it is a followed link.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub advertised: Option<AdvertisedLink>,
}

fn header(name: &str, value: String) -> DraftHeader {
    DraftHeader {
        name: name.into(),
        value,
        enabled: true,
    }
}

impl RequestDraft {
    /// The request a seed makes, with VCD's headers prefilled (a user may change any of them):
    /// `Accept: application/*+xml;version=V` for `/api/...` (the link's own type when it has one),
    /// `application/json;version=V` for `/cloudapi/...`, `Accept-Encoding: gzip`, and the link's type
    /// as Content-Type of a request that carries a body.
    pub fn prefilled(seed: &DraftSeed) -> RequestDraft {
        let version = seed.version.trim();
        let method = seed.method.trim().to_ascii_uppercase();
        let media = seed.media_type.as_deref().unwrap_or("").trim();
        let with_body = matches!(method.as_str(), "POST" | "PUT" | "PATCH");
        // A link's own media type is what a GET asks for; a body's type is not what comes back.
        let accept = if !with_body && !media.is_empty() && !seed.url.contains("/cloudapi/") {
            vcd_api::accept(media, version)
        } else {
            vcd_api::default_accept(&seed.url, version)
        };
        let mut headers = vec![
            header("Accept", accept),
            header("Accept-Encoding", "gzip".into()),
        ];
        if with_body && !media.is_empty() {
            headers.push(header("Content-Type", media.to_string()));
        }
        RequestDraft {
            method,
            url: seed.url.clone(),
            headers,
            body: if with_body { seed.body.clone() } else { None },
            timeout_secs: None,
            body_file: None,
            advertised: seed.advertised.clone(),
        }
    }

    /// This draft with its body from `path`: read as text when it is a small regular file, else
    /// streamed from disk when sent (capped like every body).
    pub fn with_body_file(mut self, path: &std::path::Path) -> Result<RequestDraft, CoreError> {
        let cannot = |e: std::io::Error| CoreError::Storage {
            path: path.display().to_string(),
            reason: format!("the body file cannot be read ({e})"),
        };
        let meta = std::fs::metadata(path).map_err(cannot)?;
        if meta.is_file() && meta.len() <= BODY_FILE_IN_MEMORY {
            let bytes = std::fs::read(path).map_err(cannot)?;
            let text = String::from_utf8(bytes).map_err(|_| CoreError::BadBody {
                format: "text".into(),
                reason: format!(
                    "{} is not UTF-8 text; a binary body is sent as it is only when larger than {} MB",
                    path.display(),
                    BODY_FILE_IN_MEMORY / 1024 / 1024
                ),
            })?;
            self.body = Some(text);
            self.body_file = None;
        } else {
            self.body = None;
            self.body_file = Some(path.to_path_buf());
        }
        Ok(self)
    }

    /// The method, the enabled headers and the body, checked.
    pub fn prepare(&self) -> Result<(Method, HeaderMap, Option<Vec<u8>>), CoreError> {
        let method = Method::from_bytes(self.method.trim().to_ascii_uppercase().as_bytes())
            .ok()
            .filter(|_| !self.method.trim().is_empty())
            .ok_or_else(|| CoreError::BadMethod {
                method: self.method.trim().to_string(),
            })?;
        let mut headers = HeaderMap::new();
        for h in self
            .headers
            .iter()
            .filter(|h| h.enabled && !h.name.trim().is_empty())
        {
            let name = HeaderName::from_bytes(h.name.trim().as_bytes()).map_err(|_| {
                CoreError::BadHeader {
                    name: h.name.trim().to_string(),
                    reason: "a header name is letters, digits and - _ . ! # $ % & ' * + ^ ` | ~, \
                             without spaces or ':'"
                        .into(),
                }
            })?;
            let value =
                HeaderValue::from_str(h.value.trim()).map_err(|_| CoreError::BadHeader {
                    name: name.to_string(),
                    reason: "its value holds a line break or another control character".into(),
                })?;
            headers.append(name, value);
        }
        let body = self
            .body
            .as_ref()
            .filter(|b| !b.is_empty())
            .map(|b| b.clone().into_bytes());
        if let Some(b) = &body {
            let ct = headers
                .get(CONTENT_TYPE)
                .and_then(|v| v.to_str().ok())
                .unwrap_or("");
            if ct.trim().is_empty() {
                // VCD picks the body's schema by its media type: without one it answers 415.
                return Err(CoreError::BadHeader {
                    name: "Content-Type".into(),
                    reason: format!(
                        "the request has a body but no Content-Type: VCD needs the body's media \
                         type (the link's type, e.g. {}). Add it, or empty the body",
                        vcd_api::types::DEPLOY_PARAMS
                    ),
                });
            }
            check_well_formed(ct, b)?;
        }
        Ok((method, headers, body))
    }

    /// The values `{{name}}` can take: the session's `org`, `user`, `version` and `base_url`, then
    /// the environment's and the profile's own variables (`defined`, which win, in that order).
    pub fn variables(
        manager: &SessionManager,
        defined: &BTreeMap<String, String>,
    ) -> BTreeMap<String, String> {
        let mut vars = BTreeMap::new();
        if let Some(s) = manager.session() {
            vars.insert("org".into(), s.org.clone());
            vars.insert("user".into(), s.user.clone());
            vars.insert("version".into(), s.version.to_string());
            vars.insert(
                "base_url".into(),
                s.base.as_str().trim_end_matches('/').to_string(),
            );
        }
        vars.extend(defined.iter().map(|(k, v)| (k.clone(), v.clone())));
        vars
    }

    /// Every `{{name}}` the draft uses (URL, headers, body), with its value if it has one.
    pub fn variable_uses(&self, vars: &BTreeMap<String, String>) -> Vec<VariableUse> {
        let mut names = used(&self.url);
        let texts = self
            .headers
            .iter()
            .flat_map(|h| [&h.name, &h.value])
            .chain(self.body.as_ref());
        for text in texts {
            for n in used(text) {
                if !names.contains(&n) {
                    names.push(n);
                }
            }
        }
        names
            .into_iter()
            .map(|name| VariableUse {
                value: vars.get(&name).cloned(),
                name,
            })
            .collect()
    }

    /// The draft with every `{{name}}` replaced.
    pub fn resolved(&self, vars: &BTreeMap<String, String>) -> Result<RequestDraft, CoreError> {
        Ok(RequestDraft {
            method: self.method.clone(),
            url: resolve(&self.url, vars)?,
            headers: self
                .headers
                .iter()
                .map(|h| {
                    Ok(DraftHeader {
                        name: resolve(&h.name, vars)?,
                        value: resolve(&h.value, vars)?,
                        enabled: h.enabled,
                    })
                })
                .collect::<Result<_, CoreError>>()?,
            body: self.body.as_ref().map(|b| resolve(b, vars)).transpose()?,
            timeout_secs: self.timeout_secs,
            body_file: self.body_file.clone(),
            advertised: self.advertised.clone(),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn seed(method: &str, url: &str, media: Option<&str>) -> DraftSeed {
        DraftSeed {
            method: method.into(),
            url: url.into(),
            media_type: media.map(str::to_string),
            version: "38.0".into(),
            body: Some("<VApp/>".into()),
            advertised: None,
        }
    }

    fn value(d: &RequestDraft, name: &str) -> Option<String> {
        d.headers
            .iter()
            .find(|h| h.name == name)
            .map(|h| h.value.clone())
    }

    #[test]
    fn a_body_without_a_content_type_is_refused_before_sending() {
        let mut d = RequestDraft::prefilled(&seed("POST", "/api/vApp/vapp-1/action/deploy", None));
        d.body = Some("<DeployVAppParams/>".into());
        let err = d.prepare().unwrap_err();
        assert!(
            err.to_string().contains("no Content-Type") && err.to_string().contains("Add it"),
            "{err}"
        );
        let with_type = RequestDraft::prefilled(&seed(
            "POST",
            "/api/vApp/vapp-1/action/deploy",
            Some(vcd_api::types::DEPLOY_PARAMS),
        ));
        let d = RequestDraft {
            body: Some("<DeployVAppParams/>".into()),
            ..with_type
        };
        assert!(d.prepare().is_ok());
    }

    #[test]
    fn headers_are_prefilled_from_the_path_the_version_and_the_link_type() {
        let d = RequestDraft::prefilled(&seed("get", "/api/org", None));
        assert_eq!(d.method, "GET");
        assert_eq!(
            value(&d, "Accept").unwrap(),
            "application/*+xml;version=38.0"
        );
        assert_eq!(value(&d, "Accept-Encoding").unwrap(), "gzip");
        assert_eq!(d.body, None);

        let d = RequestDraft::prefilled(&seed("GET", "/cloudapi/1.0.0/vdcs", None));
        assert_eq!(
            value(&d, "Accept").unwrap(),
            "application/json;version=38.0"
        );

        let vdc = "application/vnd.vmware.vcloud.vdc+xml";
        let d = RequestDraft::prefilled(&seed("GET", "https://h/api/vdc/1", Some(vdc)));
        assert_eq!(value(&d, "Accept").unwrap(), format!("{vdc};version=38.0"));

        let vapp = "application/vnd.vmware.vcloud.vApp+xml";
        let d = RequestDraft::prefilled(&seed("PUT", "https://h/api/vApp/vapp-1", Some(vapp)));
        assert_eq!(value(&d, "Content-Type").unwrap(), vapp);
        assert_eq!(
            value(&d, "Accept").unwrap(),
            "application/*+xml;version=38.0"
        );
        assert_eq!(d.body.as_deref(), Some("<VApp/>"));
        assert!(d.prepare().is_ok());
    }
}
