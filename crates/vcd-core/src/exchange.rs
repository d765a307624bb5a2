//! A request/response exchange as the app shows it: request line and headers, response status and
//! headers, with every secret-bearing header masked.

use crate::http::Response;
use crate::secret::MASK;
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
