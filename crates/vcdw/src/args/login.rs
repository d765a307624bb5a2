//! The flags of commands that log in: where the VCD is, who logs in, and where the secret comes from.
//! Secrets never come from a command-line value (it would land in shell history and `ps`).

use crate::args::TrustArgs;
use clap::Args;
use std::io::BufRead;
use vcd_core::{
    timeout_from_secs, AuthKind, HttpOptions, LoginRequest, Secret, SessionHeader, Workbench,
    SYSTEM_ORG,
};

#[derive(Args, Debug)]
pub struct LoginArgs {
    /// A saved profile (see `vcdw profile add`); its secret comes from the OS keyring.
    #[arg(long, conflicts_with_all = ["url", "org", "user", "provider", "api_token"])]
    pub profile: Option<String>,
    /// The VCD address, e.g. https://vcd.example.com
    #[arg(long, required_unless_present = "profile")]
    pub url: Option<String>,
    /// The organization (tenant) name; --provider means System.
    #[arg(long, required_unless_present_any = ["provider", "profile", "no_auth"])]
    pub org: Option<String>,
    /// The user name (not needed with --api-token: the token names its user).
    #[arg(long, required_unless_present_any = ["api_token", "token_stdin", "profile", "no_auth"])]
    pub user: Option<String>,
    /// `vcdw send` only: send no credentials at all (no login); the only way to call another
    /// origin than the profile's, or /api/versions as it is.
    #[arg(long)]
    pub no_auth: bool,
    /// Log in to the provider (System) org; `--org System` says the same.
    #[arg(long)]
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

/// The org from `--org` and `--provider`: System is the provider org, so both may be given together.
pub fn org_of(org: Option<&str>, provider: bool) -> Result<String, String> {
    match (org, provider) {
        (Some(org), true) if !org.eq_ignore_ascii_case(SYSTEM_ORG) => Err(format!(
            "--provider means the System org, but --org names '{org}': give one of them"
        )),
        (_, true) => Ok(SYSTEM_ORG.to_string()),
        (org, false) => Ok(org.unwrap_or_default().to_string()),
    }
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

    /// The secret from --password-stdin / --token-stdin or the environment, if given there.
    fn given_secret(&self, kind: AuthKind) -> Result<Option<Secret>, String> {
        let (flag, var, what) = match kind {
            AuthKind::ApiToken => (self.token_stdin, "VCDW_API_TOKEN", "API token"),
            AuthKind::Password => (self.password_stdin, "VCDW_PASSWORD", "password"),
        };
        if flag {
            return read_stdin_line(what).map(Some);
        }
        Ok(std::env::var(var)
            .ok()
            .filter(|v| !v.is_empty())
            .map(Secret::new))
    }

    fn secret(&self) -> Result<Secret, String> {
        let kind = self.kind();
        self.given_secret(kind)?.ok_or_else(|| match kind {
            AuthKind::ApiToken => {
                "no API token: pipe it to --token-stdin or set VCDW_API_TOKEN".into()
            }
            AuthKind::Password => {
                "no password: pipe it to --password-stdin or set VCDW_PASSWORD".into()
            }
        })
    }

    /// The login request and HTTP options, from the profile or the ad-hoc flags; and the profile's
    /// id when one was named.
    pub fn resolve(
        &self,
        workbench: &Workbench,
    ) -> Result<(LoginRequest, HttpOptions, Option<String>), String> {
        self.resolve_with(workbench, true)
    }

    /// As [`resolve`](Self::resolve); with `secret_required` false a profile without a stored
    /// secret gets an empty one (enough to resume a kept session, which needs no password).
    pub fn resolve_with(
        &self,
        workbench: &Workbench,
        secret_required: bool,
    ) -> Result<(LoginRequest, HttpOptions, Option<String>), String> {
        let timeout = timeout_from_secs(self.timeout).map_err(|e| e.to_string())?;
        if let Some(name) = &self.profile {
            let profile = workbench
                .profiles()
                .and_then(|s| s.get(name))
                .map_err(|e| e.to_string())?;
            let given = self.given_secret(profile.auth)?;
            let how_to_give = match profile.auth {
                AuthKind::ApiToken => "pipe it to --token-stdin or set VCDW_API_TOKEN",
                AuthKind::Password => "pipe it to --password-stdin or set VCDW_PASSWORD",
            };
            let secret = match workbench.login_secret(&profile, given, how_to_give) {
                Ok(s) => s,
                // Enough to resume a kept session, which needs no password.
                Err(_) if !secret_required => Secret::new(""),
                Err(e) => return Err(e.to_string()),
            };
            let mut request = profile.login_request(secret);
            if self.version.is_some() {
                request.version = self.version.clone();
            }
            if self.legacy_header {
                request.session_header = SessionHeader::Legacy;
            }
            let mut options = workbench.http_options(&profile);
            options.timeout = timeout;
            if self.trust.given() {
                options.trust = self.trust.to_trust()?;
            }
            return Ok((request, options, Some(profile.id)));
        }
        let options = HttpOptions {
            trust: self.trust.to_trust()?,
            timeout,
            proxy: None,
            body_limits: workbench.body_limits(),
        };
        let secret = match self.given_secret(self.kind())? {
            Some(s) => s,
            None if !secret_required => Secret::new(""),
            None => self.secret()?,
        };
        Ok((self.request(secret)?, options, None))
    }

    fn request(&self, secret: Secret) -> Result<LoginRequest, String> {
        let org = org_of(self.org.as_deref(), self.provider)?;
        Ok(LoginRequest {
            base_url: self.url.clone().unwrap_or_default(),
            org,
            user: self.user.clone().unwrap_or_default(),
            kind: self.kind(),
            secret,
            version: self.version.clone(),
            session_header: if self.legacy_header {
                SessionHeader::Legacy
            } else {
                SessionHeader::Bearer
            },
        })
    }
}
