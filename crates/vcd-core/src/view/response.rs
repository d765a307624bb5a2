//! A response as the workbench shows it and `vcdw send --json` prints it: status, timing, size,
//! headers with session tokens masked, the links and references of the body, and VCD's error decoded
//! with a plain-language hint for the common codes.

use crate::auth::AuthKind;
use crate::discover::page_links;
use crate::error::CoreError;
use crate::http::Response;
use crate::http::{header_lines, HeaderLine};
use crate::links::{Link, PageLinks, Reference};
use crate::request::AdvertisedLink;
use crate::syntax::check_well_formed_from;
use serde::Serialize;
use ts_rs::TS;

/// VCD's error body, and what to do about it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct ErrorView {
    pub major: Option<String>,
    pub minor: Option<String>,
    pub message: String,
    /// What the code usually means for a tenant, when it is a common one.
    pub hint: Option<String>,
}

#[derive(Debug, Clone, Serialize, TS)]
pub struct ResponseView {
    pub method: String,
    pub url: String,
    pub status: u16,
    /// The status line's reason ("OK", "Forbidden").
    pub reason: String,
    #[ts(type = "number")]
    pub elapsed_ms: f64,
    #[ts(type = "number")]
    pub size: u64,
    pub content_type: Option<String>,
    pub request_headers: Vec<HeaderLine>,
    pub headers: Vec<HeaderLine>,
    pub links: Vec<Link>,
    pub references: Vec<Reference>,
    /// How many links and references the body holds (the lists may show only the first ones).
    #[ts(type = "number")]
    pub links_total: usize,
    #[ts(type = "number")]
    pub references_total: usize,
    /// Why the body yielded no links although it claims to be XML.
    pub links_error: Option<String>,
    /// The entity's `name`, when the body is one that has a name (a tab is titled by it).
    pub entity_name: Option<String>,
    /// "The body could not be parsed: …" when its Content-Type says XML or JSON and it is not.
    pub parse_error: Option<String>,
    /// A redirect that came back as the answer instead of being followed.
    pub redirect: Option<RedirectView>,
    pub error: Option<ErrorView>,
}

/// Where a redirect points, and why it was not followed (another origin, or a loop).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct RedirectView {
    pub location: String,
    pub reason: String,
}

/// A duration for people: one decimal under 10 ms (a loopback answer is not "0 ms"), whole
/// milliseconds above.
pub fn format_ms(ms: f64) -> String {
    if ms < 10.0 {
        format!("{ms:.1} ms")
    } else {
        format!("{ms:.0} ms")
    }
}

/// What a session opened with an API token may not do (VCD-API.md section 3).
pub const API_TOKEN_RESTRICTIONS: &str = "A session opened with an API token cannot change \
    passwords, manage users, create or view other API tokens, and can only view users, groups, \
    roles and rights bundles. Log in with a password for this.";

/// A plain-language hint for a status and VCD minor code.
pub fn hint(
    status: u16,
    minor: Option<&str>,
    message: &str,
    auth: Option<AuthKind>,
) -> Option<String> {
    let text = match (status, minor) {
        (401, _) => "The server did not accept the session: it may have idled out or been ended. Log in again.",
        (403, _) if auth == Some(AuthKind::ApiToken) && !message.contains("No access to entity") => {
            API_TOKEN_RESTRICTIONS
        }
        (403, _) => "Your role lacks the right for this, or the entity belongs to another organization. VCD also answers 403 for ids that do not exist: check the href by following a link to it.",
        (404, _) => "There is no such path. Follow a Link from a page you have rather than typing the URL; the path may differ between API versions.",
        (405, _) => "This resource does not take this method. The Links panel shows the methods each link allows.",
        (406, _) => "The server does not serve the API version in the Accept header. Pick one of the versions the message lists.",
        (415, _) => "The Content-Type is not one this resource accepts: use the media type the link names.",
        (400, Some("BUSY_ENTITY")) => "A task is still running on this entity (or on its vApp or one of its VMs). Wait for it to end (the Tasks section follows it), then send this again.",
        (400, _) if message.contains("cvc-") => "VCD validates XML bodies against its schema: the elements must come in the schema's order, in the right namespace.",
        (400, _) => "The server could not use the request as sent: check the body, the query parameters and the Content-Type.",
        (409, _) => "The entity is busy or in a state that does not allow this (for example a running task); wait for its task to end and retry.",
        (500, _) => "The server failed. The message may say why; if not, retry, and give your provider the time and the request's URL.",
        (503, _) => "VCD is starting up or in maintenance. Retry in a while.",
        _ => return None,
    };
    Some(text.to_string())
}

/// The hint for a 404 or 405 on a link the server itself advertised: the user did nothing wrong.
fn advertised_hint(status: u16, link: &AdvertisedLink) -> String {
    let answer = if status == 404 {
        "then found nothing there"
    } else {
        "then refused this method on it"
    };
    format!(
        "The server advertised this link (rel \"{}\" on {}) and {answer}. The page may be out of date \
         (the entity changed or went away since it was read), or the action may not be available in \
         the entity's current state: reload the page and follow the link again; if the server still \
         answers {status}, report it to your provider with this page and link.",
        link.rel, link.page
    )
}

impl ResponseView {
    /// The same view with at most `max` links and `max` references listed (the totals stay): a
    /// window need not lay out 250,000 rows to show that a VDC lists that many vApps.
    pub fn capped(mut self, max: usize) -> ResponseView {
        self.links.truncate(max);
        self.references.truncate(max);
        self
    }

    /// The view of a response; `auth` is how the session was opened (for the API-token hint).
    pub fn of(response: &Response, auth: Option<AuthKind>) -> ResponseView {
        Self::with_page(response, &page_links(response), auth, None)
    }

    /// The view of a response whose links were already extracted (see [`page_links`]).
    pub fn with_page(
        response: &Response,
        page: &Result<PageLinks, CoreError>,
        auth: Option<AuthKind>,
        advertised: Option<&AdvertisedLink>,
    ) -> ResponseView {
        let (links, references, totals, links_error) = match page {
            Ok(p) => (
                p.links.clone(),
                p.references.clone(),
                (
                    p.links_total.max(p.links.len()),
                    p.references_total.max(p.references.len()),
                ),
                None,
            ),
            Err(e) => (Vec::new(), Vec::new(), (0, 0), Some(e.to_string())),
        };
        let error = (response.status >= 400).then(|| {
            let decoded = response.vcd_error();
            let message = decoded
                .as_ref()
                .map(|e| e.message.clone())
                .unwrap_or_else(|| format!("HTTP {} with no VCD error body", response.status));
            let sent_credentials = response.request_headers.contains_key("authorization")
                || response
                    .request_headers
                    .contains_key(vcd_api::LEGACY_SESSION_HEADER);
            let hint =
                if let Some(link) = advertised.filter(|_| matches!(response.status, 404 | 405)) {
                    Some(advertised_hint(response.status, link))
                } else if response.status == 401 && !sent_credentials {
                    Some(
                        "This request carried no credentials: VCD answers everything but \
                     /api/versions only with a session. Use Auth: session, or log in."
                            .to_string(),
                    )
                } else {
                    hint(
                        response.status,
                        decoded.as_ref().and_then(|e| e.minor.as_deref()),
                        &message,
                        auth,
                    )
                };
            ErrorView {
                hint,
                major: decoded.as_ref().and_then(|e| e.major.clone()),
                minor: decoded.and_then(|e| e.minor),
                message,
            }
        });
        ResponseView {
            links_total: totals.0,
            references_total: totals.1,
            method: response.method.clone(),
            url: response.url.clone(),
            status: response.status,
            reason: reqwest::StatusCode::from_u16(response.status)
                .ok()
                .and_then(|s| s.canonical_reason())
                .unwrap_or("")
                .to_string(),
            elapsed_ms: response.elapsed.as_secs_f64() * 1000.0,
            size: response.body.len(),
            content_type: response.content_type().map(str::to_string),
            request_headers: header_lines(&response.request_headers),
            headers: header_lines(&response.headers),
            links,
            references,
            links_error,
            entity_name: page.as_ref().ok().and_then(|p| p.name.clone()),
            parse_error: parse_error(response),
            redirect: response
                .redirect_not_followed()
                .map(|(location, reason)| RedirectView { location, reason }),
            error,
        }
    }
}

/// Why a body whose Content-Type says XML or JSON does not parse as that, if it does not.
fn parse_error(response: &Response) -> Option<String> {
    match check_well_formed_from(response.content_type().unwrap_or(""), || {
        response.body.reader()
    }) {
        Err(CoreError::BadBody { format, reason }) => Some(format!(
            "The body could not be parsed as {format}: {reason}."
        )),
        _ => None,
    }
}
