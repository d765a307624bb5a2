//! The flags of commands that log in: where the VCD is, who logs in, and where the secret comes from.
//! Secrets never come from a command-line value (it would land in shell history and `ps`).

use crate::trust_args::TrustArgs;
use clap::Args;
use std::io::BufRead;
use vcd_core::login::{SessionHeader, SYSTEM_ORG};
use vcd_core::{AuthKind, LoginRequest, Secret};

#[derive(Args, Debug)]
pub struct LoginArgs {
    /// The VCD address, e.g. https://vcd.example.com
    #[arg(long)]
    pub url: String,
    /// The organization (tenant) name; --provider means System.
    #[arg(long, required_unless_present = "provider")]
    pub org: Option<String>,
    /// The user name (not needed with --api-token: the token names its user).
    #[arg(long, required_unless_present = "api_token")]
    pub user: Option<String>,
    /// Log in to the provider (System) org.
    #[arg(long, conflicts_with = "org")]
    pub provider: bool,
    /// Log in with an API token (VCD 10.3.1+) instead of a password.
    #[arg(long)]
    pub api_token: bool,
    /// Read the password from the first line of standard input (else VCDW_PASSWORD).
    #[arg(long, conflicts_with = "token_stdin")]
    pub password_stdin: bool,
    /// Read the API token from the first line of standard input (else VCDW_API_TOKEN).
    #[arg(long)]
    pub token_stdin: bool,
    /// The API version to use; default: the highest active one the server offers.
    #[arg(long = "api-version", value_name = "VERSION")]
    pub version: Option<String>,
    /// Send the session as x-vcloud-authorization (as the classic guide does) instead of a bearer.
    #[arg(long)]
    pub legacy_header: bool,
    #[command(flatten)]
    pub trust: TrustArgs,
    /// Seconds to wait for the server.
    #[arg(long, default_value_t = 30)]
    pub timeout: u64,
}

fn read_stdin_line(what: &str) -> Result<Secret, String> {
    let mut line = String::new();
    std::io::stdin()
        .lock()
        .read_line(&mut line)
        .map_err(|e| format!("cannot read the {what} from standard input: {e}"))?;
    let value = line.trim_end_matches(['\r', '\n']);
    if value.is_empty() {
        return Err(format!("standard input held no {what}"));
    }
    Ok(Secret::new(value))
}

impl LoginArgs {
    pub fn kind(&self) -> AuthKind {
        if self.api_token || self.token_stdin {
            AuthKind::ApiToken
        } else {
            AuthKind::Password
        }
    }

    fn secret(&self) -> Result<Secret, String> {
        match self.kind() {
            AuthKind::ApiToken => {
                if self.token_stdin {
                    return read_stdin_line("API token");
                }
                match std::env::var("VCDW_API_TOKEN") {
                    Ok(v) if !v.is_empty() => Ok(Secret::new(v)),
                    _ => Err("no API token: pipe it to --token-stdin or set VCDW_API_TOKEN".into()),
                }
            }
            AuthKind::Password => {
                if self.password_stdin {
                    return read_stdin_line("password");
                }
                match std::env::var("VCDW_PASSWORD") {
                    Ok(v) if !v.is_empty() => Ok(Secret::new(v)),
                    _ => {
                        Err("no password: pipe it to --password-stdin or set VCDW_PASSWORD".into())
                    }
                }
            }
        }
    }

    pub fn request(&self) -> Result<LoginRequest, String> {
        let org = if self.provider {
            SYSTEM_ORG.to_string()
        } else {
            self.org.clone().unwrap_or_default()
        };
        Ok(LoginRequest {
            base_url: self.url.clone(),
            org,
            user: self.user.clone().unwrap_or_default(),
            kind: self.kind(),
            secret: self.secret()?,
            version: self.version.clone(),
            session_header: if self.legacy_header {
                SessionHeader::Legacy
            } else {
                SessionHeader::Bearer
            },
        })
    }
}
