//! Opening a session: a password login (legacy `/api/sessions` or CloudAPI sessions, chosen from the
//! `LoginUrl` of the version in use) or the OAuth exchange of an API token, and reading the
//! `Session` document back.

use crate::auth::{fetch_versions, VersionEntry};
use crate::auth::{parse_session, SessionInfo};
use crate::auth::{AuthKind, LoginRequest, Session};
use crate::error::CoreError;
use crate::http::{join_path, normalize_base_url, rebase, same_origin};
use crate::http::{Exchange, ExchangePurpose};
use crate::http::{HttpClient, Response};
use crate::secret::Secret;
use crate::xml::VcdError;
use reqwest::header::{HeaderMap, HeaderValue, ACCEPT, AUTHORIZATION, CONTENT_TYPE};
use url::Url;
use vcd_api::{json_accept, xml_accept, ApiVersion};

pub(super) fn header_value(text: &str) -> Result<HeaderValue, CoreError> {
    HeaderValue::from_str(text).map_err(|_| {
        CoreError::Internal("a header value holds characters HTTP cannot carry".into())
    })
}

/// `Authorization: Bearer <token>` and `X-VMWARE-VCLOUD-TOKEN-TYPE: Bearer`, as VCD wants them.
pub(super) fn bearer_headers(headers: &mut HeaderMap, token: &Secret) -> Result<(), CoreError> {
    headers.insert(
        AUTHORIZATION,
        header_value(&format!("Bearer {}", token.expose()))?,
    );
    headers.insert(
        vcd_api::TOKEN_TYPE_HEADER,
        HeaderValue::from_static("Bearer"),
    );
    Ok(())
}

pub(super) fn read_header(response: &Response, name: &str) -> Option<String> {
    response
        .headers
        .get(name)
        .and_then(|v| v.to_str().ok())
        .map(str::to_string)
}

/// The path of an absolute LoginUrl, used against the profile's own base URL; and whether its host
/// differs from the profile's (VCD builds LoginUrl from its configured public address).
pub(super) fn login_target(base: &Url, login_url: &str) -> (Url, bool) {
    match Url::parse(login_url) {
        Ok(announced) => (rebase(base, &announced), !same_origin(&announced, base)),
        Err(_) => (join_path(base, login_url), false),
    }
}

/// A 401 or other failure of a password login, explained.
pub(super) fn password_refused(
    request: &LoginRequest,
    response: &Response,
    legacy: bool,
) -> CoreError {
    if response.status == 401 {
        if let Some(err) = response.vcd_error() {
            if matches!(
                err.minor.as_deref(),
                Some("ACCOUNT_LOCKED" | "ACCOUNT_DISABLED")
            ) {
                return CoreError::AccountBlocked {
                    login: request.login_name(),
                    detail: err.message,
                };
            }
        }
        return CoreError::LoginRefused {
            login: request.login_name(),
            legacy,
        };
    }
    http_error(response)
}

pub(crate) fn http_error(response: &Response) -> CoreError {
    CoreError::Http {
        url: response.url.clone(),
        status: response.status,
        vcd: response.vcd_error(),
    }
}

/// Logs in; returns the session and the exchange as it happened (secrets masked).
pub async fn login(
    client: &HttpClient,
    request: &LoginRequest,
) -> Result<(Session, Exchange), CoreError> {
    let base = normalize_base_url(&request.base_url)?;
    let mut steps = Exchange::default();
    let versions = fetch_versions(client, &base, &mut steps).await?;
    let at_least = (request.kind == AuthKind::ApiToken).then_some(vcd_api::API_TOKEN_MIN_VERSION);
    let entry = versions.for_login(request.version.as_deref(), at_least)?;
    let version: ApiVersion = entry
        .version
        .parse()
        .map_err(|e: vcd_api::BadApiVersion| CoreError::Internal(e.to_string()))?;
    let (bearer, legacy_token, login_url, differs, idle) = match request.kind {
        AuthKind::ApiToken => {
            let (bearer, url, idle) =
                exchange_api_token(client, &base, &version, request, &mut steps).await?;
            (bearer, None, url, false, idle)
        }
        AuthKind::Password => {
            password_login(client, &base, &version, entry, request, &mut steps).await?
        }
    };
    // Always read the XML Session, so the legacy link tree is known whichever login was used.
    let response = get_session(client, &base, &version, &bearer).await?;
    steps.record(ExchangePurpose::Session, &response);
    let info = read_session(&response)?;
    let header = Session::header_for(request.session_header, &version, &legacy_token);
    let session = Session {
        base,
        header,
        version,
        user: info.user,
        org: info.org,
        auth: request.kind,
        login_url,
        login_host_differs: differs,
        bearer,
        legacy_token,
        links: info.links,
        idle_timeout_secs: idle,
    };
    Ok((session, steps))
}

/// `GET /api/session` with a bearer.
pub(super) async fn get_session(
    client: &HttpClient,
    base: &Url,
    version: &ApiVersion,
    bearer: &Secret,
) -> Result<Response, CoreError> {
    let mut headers = HeaderMap::new();
    headers.insert(ACCEPT, header_value(&xml_accept(version))?);
    bearer_headers(&mut headers, bearer)?;
    client
        .send(
            client
                .inner()
                .get(join_path(base, vcd_api::SESSION_PATH))
                .headers(headers),
        )
        .await
}

pub(super) fn read_session(response: &Response) -> Result<SessionInfo, CoreError> {
    if response.status != 200 {
        return Err(http_error(response));
    }
    parse_session(response.protocol_body()?).map_err(|why| CoreError::NotXml {
        url: response.url.clone(),
        detail: format!("the body is not a VCD Session: {why}"),
    })
}

pub(super) async fn password_login(
    client: &HttpClient,
    base: &Url,
    version: &ApiVersion,
    entry: &VersionEntry,
    request: &LoginRequest,
    steps: &mut Exchange,
) -> Result<(Secret, Option<Secret>, String, bool, Option<u64>), CoreError> {
    let announced = if request.is_provider() {
        entry
            .provider_login_url
            .as_deref()
            .unwrap_or(&entry.login_url)
    } else {
        &entry.login_url
    };
    let (target, differs) = login_target(base, announced);
    let legacy = target.path().ends_with(vcd_api::LEGACY_LOGIN_PATH);
    let accept = if legacy {
        xml_accept(version)
    } else {
        json_accept(version)
    };
    let response = client
        .send(
            client
                .inner()
                .post(target)
                .header(ACCEPT, header_value(&accept)?)
                .basic_auth(request.login_name(), Some(request.secret.expose())),
        )
        .await?;
    steps.record(ExchangePurpose::Login, &response);
    if response.status != 200 {
        return Err(password_refused(request, &response, legacy));
    }
    let bearer = read_header(&response, vcd_api::ACCESS_TOKEN_HEADER).map(Secret::new);
    let legacy_token = read_header(&response, vcd_api::LEGACY_SESSION_HEADER).map(Secret::new);
    let bearer = match (bearer, &legacy_token) {
        (Some(b), _) => b,
        // An older VCD answers only the legacy token; it is accepted as a bearer too.
        (None, Some(l)) => l.clone(),
        (None, None) => {
            return Err(CoreError::Http {
                url: response.url.clone(),
                status: response.status,
                vcd: Some(VcdError {
                    major: None,
                    minor: None,
                    message: "the login answer carried no session token".into(),
                }),
            })
        }
    };
    let idle =
        serde_json::from_slice::<serde_json::Value>(response.body.in_memory().unwrap_or_default())
            .ok()
            .and_then(|v| v.get("sessionIdleTimeoutMinutes")?.as_u64())
            .map(|m| m * 60);
    Ok((bearer, legacy_token, announced.to_string(), differs, idle))
}

pub(super) async fn exchange_api_token(
    client: &HttpClient,
    base: &Url,
    version: &ApiVersion,
    request: &LoginRequest,
    steps: &mut Exchange,
) -> Result<(Secret, String, Option<u64>), CoreError> {
    if !version.at_least(vcd_api::API_TOKEN_MIN_VERSION) {
        return Err(CoreError::ApiTokensNeedNewerVcd {
            version: version.to_string(),
        });
    }
    let path = vcd_api::token_path(&request.org);
    let url = join_path(base, &path);
    // The token goes in the form body only: a URL is kept in proxy and server logs.
    let body = format!(
        "grant_type=refresh_token&refresh_token={}",
        form_encode(request.secret.expose())
    );
    let response = client
        .send(
            client
                .inner()
                .post(url.clone())
                .header(ACCEPT, vcd_api::JSON)
                .header(CONTENT_TYPE, "application/x-www-form-urlencoded")
                .body(body),
        )
        .await?;
    steps.record(ExchangePurpose::TokenExchange, &response);
    if response.status != 200 {
        if matches!(response.status, 400 | 401 | 403) {
            let reason = serde_json::from_slice::<serde_json::Value>(
                response.body.in_memory().unwrap_or_default(),
            )
            .ok()
            .and_then(|v| {
                v.get("error_description")
                    .or_else(|| v.get("message"))
                    .and_then(|m| m.as_str())
                    .map(str::to_string)
            })
            .unwrap_or_else(|| format!("HTTP {}.", response.status));
            return Err(CoreError::ApiTokenRefused {
                org: request.org.clone(),
                reason,
            });
        }
        return Err(http_error(&response));
    }
    let answer =
        serde_json::from_slice::<serde_json::Value>(response.body.in_memory().unwrap_or_default())
            .ok();
    let idle = answer.as_ref().and_then(|v| v.get("expires_in")?.as_u64());
    let access = answer
        .and_then(|v| {
            v.get("access_token")
                .and_then(|t| t.as_str())
                .map(Secret::new)
        })
        .ok_or_else(|| CoreError::NotXml {
            url: response.url.clone(),
            detail: "the token answer holds no access_token".into(),
        })?;
    Ok((access, url.to_string(), idle))
}

/// `application/x-www-form-urlencoded` for one value.
pub(super) fn form_encode(value: &str) -> String {
    url::form_urlencoded::byte_serialize(value.as_bytes()).collect()
}
