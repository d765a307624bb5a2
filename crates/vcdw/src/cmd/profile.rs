//! `vcdw profile add|list|remove|forget-secret`: the profiles the app shows too.

use crate::args::TrustArgs;
use clap::{Args, Subcommand};
use std::io::BufRead;
use vcd_core::{
    AuthKind, ConnectionProfile, ProfileStore, Secret, SecretLocation, SecretStore, SessionHeader,
    TlsTrust,
};

#[derive(Args)]
pub struct ProfileArgs {
    #[command(subcommand)]
    command: ProfileCommand,
}

#[derive(Subcommand)]
pub enum ProfileCommand {
    /// Save a connection profile (no secret in it); with --password-stdin / --token-stdin the secret
    /// goes to the OS keyring.
    Add(Box<AddArgs>),
    /// List the saved profiles.
    List {
        #[arg(long)]
        json: bool,
    },
    /// Remove a profile and forget its secret.
    Remove { profile: String },
    /// Remove a profile's secret from the OS keyring.
    ForgetSecret { profile: String },
}

#[derive(Args)]
pub struct AddArgs {
    /// A name for the profile, e.g. "ACME production".
    name: String,
    #[arg(long)]
    url: String,
    #[arg(long, required_unless_present = "provider")]
    org: Option<String>,
    /// The provider (System) org; `--org System` says the same.
    #[arg(long)]
    provider: bool,
    #[arg(long, required_unless_present = "api_token")]
    user: Option<String>,
    /// The profile logs in with an API token.
    #[arg(long)]
    api_token: bool,
    /// Pin an API version instead of the highest active one.
    #[arg(long = "api-version", value_name = "VERSION")]
    version: Option<String>,
    /// Send sessions as x-vcloud-authorization.
    #[arg(long)]
    legacy_header: bool,
    /// An HTTP(S) proxy for this profile.
    #[arg(long)]
    proxy: Option<String>,
    /// A `{{NAME}}` value for requests, NAME=VALUE (repeatable); not for secrets.
    #[arg(long = "var", value_name = "NAME=VALUE")]
    vars: Vec<String>,
    #[command(flatten)]
    trust: TrustArgs,
    /// Store the password read from standard input in the OS keyring.
    #[arg(long, conflicts_with = "token_stdin")]
    password_stdin: bool,
    /// Store the API token read from standard input in the OS keyring.
    #[arg(long)]
    token_stdin: bool,
}

fn store() -> Result<ProfileStore, String> {
    ProfileStore::open_default().map_err(|e| e.to_string())
}

fn trust_word(trust: &TlsTrust) -> String {
    match trust {
        TlsTrust::System => "system CAs".into(),
        TlsTrust::CaFile { path } => format!("CA file {}", path.display()),
        TlsTrust::Pinned { sha256 } => format!("pinned {}", &sha256.to_string()[..11]),
        TlsTrust::Insecure => "insecure".into(),
    }
}

pub fn run(args: ProfileArgs) -> Result<(), String> {
    let command = args.command;
    match command {
        ProfileCommand::Add(args) => add(*args),
        ProfileCommand::List { json } => {
            let profiles = store()?.list().map_err(|e| e.to_string())?;
            if json {
                println!(
                    "{}",
                    serde_json::to_string(&profiles).map_err(|e| e.to_string())?
                );
                return Ok(());
            }
            if profiles.is_empty() {
                println!("No profiles yet: add one with `vcdw profile add NAME --url URL --org ORG --user USER`.");
            }
            for p in profiles {
                let who = match p.auth {
                    AuthKind::Password => format!("{}@{}", p.user, p.org),
                    AuthKind::ApiToken => format!("API token @{}", p.org),
                };
                println!(
                    "{:<20} {:<28} {:<28} {}",
                    p.id,
                    p.base_url,
                    who,
                    trust_word(&p.trust)
                );
            }
            Ok(())
        }
        ProfileCommand::Remove { profile } => {
            let removed = store()?.remove(&profile).map_err(|e| e.to_string())?;
            let secrets = SecretStore::open();
            secrets.forget(&removed.id);
            secrets.forget_session(&removed.id);
            println!("Removed profile '{}' and forgot its secret.", removed.id);
            Ok(())
        }
        ProfileCommand::ForgetSecret { profile } => {
            let p = store()?.get(&profile).map_err(|e| e.to_string())?;
            SecretStore::open().forget(&p.id);
            println!("Forgot the secret of profile '{}'.", p.id);
            Ok(())
        }
    }
}

fn add(args: AddArgs) -> Result<(), String> {
    if args.trust.insecure {
        return Err("a profile never accepts any certificate: pin the server's certificate with --pin SHA256 (vcdw versions URL shows it) or give its CA with --ca FILE".into());
    }
    let auth = if args.api_token || args.token_stdin {
        AuthKind::ApiToken
    } else {
        AuthKind::Password
    };
    let profile = ConnectionProfile {
        id: String::new(),
        name: args.name.clone(),
        base_url: args.url.clone(),
        org: crate::args::org_of(args.org.as_deref(), args.provider)?,
        user: args.user.clone().unwrap_or_default(),
        auth,
        api_version: args.version.clone(),
        trust: args.trust.to_trust()?,
        session_header: if args.legacy_header {
            SessionHeader::Legacy
        } else {
            SessionHeader::Bearer
        },
        proxy: args.proxy.clone(),
        builtin_simulator: false,
        variables: args
            .vars
            .iter()
            .map(|v| {
                v.split_once('=')
                    .map(|(k, v)| (k.trim().to_string(), v.trim().to_string()))
                    .ok_or_else(|| format!("--var '{v}' has no '=': write it as NAME=VALUE"))
            })
            .collect::<Result<_, _>>()?,
        unknown: Default::default(),
    };
    vcd_core::check_savable(&profile).map_err(|e| e.to_string())?;
    let saved = store()?.save(profile).map_err(|e| e.to_string())?;
    println!("Saved profile '{}'.", saved.id);
    if args.password_stdin || args.token_stdin {
        let mut line = String::new();
        std::io::stdin()
            .lock()
            .read_line(&mut line)
            .map_err(|e| e.to_string())?;
        let value = line.trim_end_matches(['\r', '\n']);
        if value.is_empty() {
            return Err("standard input held no secret; the profile was saved without one".into());
        }
        let secrets = SecretStore::open();
        match secrets.save(&saved.id, &Secret::new(value)) {
            SecretLocation::Keyring => println!("Its secret is in the OS keyring."),
            SecretLocation::MemoryOnly => {
                return Err(format!(
                    "the secret could not be stored: {} Give it with --password-stdin / --token-stdin at each login.",
                    secrets.status().message
                ))
            }
        }
    }
    Ok(())
}
