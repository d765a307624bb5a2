//! A request/response exchange as the app shows it: request line and headers, response status and
//! headers, with every secret-bearing header masked.

use crate::auth::{Secret, MASK};
use crate::http::Response;
use reqwest::header::HeaderMap;
use serde::Serialize;
use ts_rs::TS;

/// Headers whose values are credentials or session tokens.
const SECRET_HEADERS: &[&str] = &[
    "authorization",
    "x-vcloud-authorization",
    "x-vmware-vcloud-access-token",
    "cookie",
    "set-cookie",
    "proxy-authorization",
];

pub fn is_secret_header(name: &str) -> bool {
    SECRET_HEADERS.iter().any(|s| name.eq_ignore_ascii_case(s))
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct HeaderLine {
    pub name: String,
    /// Masked when `secret`: the scheme of an Authorization header stays visible ("Basic ••••").
    pub value: String,
    pub secret: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct ExchangeStep {
    pub method: String,
    pub url: String,
    pub request_headers: Vec<HeaderLine>,
    pub status: u16,
    pub response_headers: Vec<HeaderLine>,
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
    pub fn of(response: &Response) -> ExchangeStep {
        ExchangeStep {
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
#[ts(export)]
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
    pub fn record(&mut self, response: &Response) {
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
        self.steps.push(ExchangeStep::of(response));
    }

    /// The real value of a masked header.
    pub fn reveal(&self, step: usize, side: HeaderSide, index: usize) -> Option<&Secret> {
        self.secrets
            .iter()
            .find(|(key, _)| *key == (step, side, index))
            .map(|(_, s)| s)
    }
}
