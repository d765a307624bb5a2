//! The record of every exchange the engine makes, as the app's Wire tab and later the history show
//! it: why it was made, request line and headers, response status and headers, when and how long,
//! with every secret-bearing header masked. Bodies are not recorded: a login body holds a secret.

use crate::http::Response;
use crate::secret::{Secret, MASK};
use reqwest::header::HeaderMap;
use serde::Serialize;
use ts_rs::TS;

/// Headers whose values are credentials or session tokens.
const SECRET_HEADERS: &[&str] = &[
    "authorization",
    vcd_api::LEGACY_SESSION_HEADER,
    vcd_api::ACCESS_TOKEN_HEADER,
    "cookie",
    "set-cookie",
    "proxy-authorization",
];

pub fn is_secret_header(name: &str) -> bool {
    SECRET_HEADERS.iter().any(|s| name.eq_ignore_ascii_case(s))
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct HeaderLine {
    pub name: String,
    /// Masked when `secret`: the scheme of an Authorization header stays visible ("Basic ••••").
    pub value: String,
    pub secret: bool,
}

/// Why the engine made an exchange: the user's request, or one it made on its own.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum ExchangePurpose {
    /// The request the user sent.
    Request,
    /// `GET /api/versions`, before a login.
    Versions,
    /// The password login (CloudAPI sessions or legacy `/api/sessions`).
    Login,
    /// An API token exchanged for an access token at `/oauth/.../token`.
    TokenExchange,
    /// `GET /api/session`, read after each login.
    Session,
    /// The user's request sent again after a fresh login (the first answer was 401).
    Retry,
    /// `DELETE /api/session`.
    Logout,
}

/// One exchange as recorded: masked, with its timing.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct ExchangeStep {
    pub purpose: ExchangePurpose,
    pub method: String,
    pub url: String,
    pub request_headers: Vec<HeaderLine>,
    pub status: u16,
    pub response_headers: Vec<HeaderLine>,
    /// When the request was sent, in milliseconds since the Unix epoch.
    #[ts(type = "number")]
    pub started_at_ms: u64,
    /// From sending the request to the last byte of the answer.
    pub elapsed_ms: f64,
}

fn masked(name: &str, value: &str) -> String {
    if name.eq_ignore_ascii_case("authorization")
        || name.eq_ignore_ascii_case("proxy-authorization")
    {
        if let Some((scheme, _)) = value.split_once(' ') {
            return format!("{scheme} {MASK}");
        }
    }
    MASK.to_string()
}

pub fn header_lines(headers: &HeaderMap) -> Vec<HeaderLine> {
    headers
        .iter()
        .map(|(name, value)| {
            let name = name.as_str().to_string();
            let value = String::from_utf8_lossy(value.as_bytes()).into_owned();
            let secret = is_secret_header(&name);
            HeaderLine {
                value: if secret { masked(&name, &value) } else { value },
                name,
                secret,
            }
        })
        .collect()
}

impl ExchangeStep {
    pub fn of(purpose: ExchangePurpose, response: &Response) -> ExchangeStep {
        ExchangeStep {
            purpose,
            started_at_ms: response
                .started_at
                .duration_since(std::time::UNIX_EPOCH)
                .map_or(0, |d| d.as_millis() as u64),
            elapsed_ms: response.elapsed.as_secs_f64() * 1000.0,
            method: response.method.clone(),
            url: response.url.clone(),
            request_headers: header_lines(&response.request_headers),
            status: response.status,
            response_headers: header_lines(&response.headers),
        }
    }
}

/// Which side of a step a header is on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Deserialize, Serialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum HeaderSide {
    Request,
    Response,
}

/// An exchange as shown (masked), and the unmasked values of its secret headers, kept in memory
/// only so that the user can reveal one at a time.
#[derive(Debug, Clone, Default)]
pub struct Exchange {
    pub steps: Vec<ExchangeStep>,
    secrets: Vec<((usize, HeaderSide, usize), Secret)>,
}

impl Exchange {
    pub fn record(&mut self, purpose: ExchangePurpose, response: &Response) {
        let step = self.steps.len();
        for (side, headers) in [
            (HeaderSide::Request, &response.request_headers),
            (HeaderSide::Response, &response.headers),
        ] {
            for (index, (name, value)) in headers.iter().enumerate() {
                if is_secret_header(name.as_str()) {
                    let value = String::from_utf8_lossy(value.as_bytes()).into_owned();
                    self.secrets.push(((step, side, index), Secret::new(value)));
                }
            }
        }
        self.steps.push(ExchangeStep::of(purpose, response));
    }

    /// Appends another exchange's steps (and their secrets) after this one's.
    pub fn extend(&mut self, other: Exchange) {
        let offset = self.steps.len();
        self.secrets.extend(
            other
                .secrets
                .into_iter()
                .map(|((step, side, index), s)| ((step + offset, side, index), s)),
        );
        self.steps.extend(other.steps);
    }

    /// The real value of a masked header.
    pub fn reveal(&self, step: usize, side: HeaderSide, index: usize) -> Option<&Secret> {
        self.secrets
            .iter()
            .find(|(key, _)| *key == (step, side, index))
            .map(|(_, s)| s)
    }
}
