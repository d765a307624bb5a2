//! `vcdw login`: log in (password or API token), show the session, and log out again, or with
//! --keep leave it open for later commands, its tokens in the OS keyring (never a file).

use crate::args::LoginArgs;
use crate::session;
use crate::session::reporter;
use clap::Args;
use vcd_core::{AuthKind, SessionManager};

#[derive(Args)]
pub struct LoginCmdArgs {
    #[command(flatten)]
    pub login: LoginArgs,
    /// Print {"user", "org", "version", "auth", "login_url", "legacy_token", "links"}.
    #[arg(long)]
    pub json: bool,
    /// Keep the session open (its tokens in the OS keyring, never a file) for later commands
    /// of this profile, until `vcdw logout --profile P`. Needs --profile and a keyring.
    #[arg(long)]
    pub keep: bool,
}

pub async fn run(cmd: LoginCmdArgs) -> Result<(), String> {
    let LoginCmdArgs {
        login: ref args,
        json: as_json,
        keep,
    } = cmd;
    if args.no_auth {
        return Err("--no-auth is for vcdw send: a login always sends credentials".into());
    }
    if keep && args.profile.is_none() {
        return Err(
            "--keep needs --profile: a kept session is stored under its profile's name".into(),
        );
    }
    let workbench = session::workbench(args.profile.is_some());
    let (request, options, profile_id) = args.resolve(&workbench)?;
    let request_base = request.base_url.clone();
    let fail = reporter(as_json);
    let manager = SessionManager::new(&options, request).map_err(&fail)?;
    let (summary, _) = manager.login().await.map_err(&fail)?;
    let kept = match (keep, &profile_id) {
        (true, Some(id)) => {
            let stored = manager
                .kept()
                .ok_or_else(|| "the session could not be kept".to_string())
                .and_then(|kept| workbench.secrets().keep_session(id, &kept));
            if let Err(why) = stored {
                // Nothing can use a session that was not kept: end it rather than leave it open.
                manager
                    .logout(&mut vcd_core::Exchange::default())
                    .await
                    .map_err(&fail)?;
                return Err(format!(
                    "the session was not kept ({why}); it was logged out"
                ));
            }
            true
        }
        _ => false,
    };
    if as_json {
        println!(
            "{}",
            serde_json::to_string(&summary).map_err(|e| e.to_string())?
        );
    } else {
        println!(
            "Logged in as {}@{} with API {} ({}) via {}; the session lists {} links.",
            summary.user,
            summary.org,
            summary.version,
            match summary.auth {
                AuthKind::Password => "password",
                AuthKind::ApiToken => "API token",
            },
            summary.login_url,
            summary.links
        );
        if summary.login_host_differs {
            println!(
                "Note: the server announced its login URL on another host ({}); vcdw used its path \
                 against {} instead.",
                summary.login_url, request_base
            );
        }
        if kept {
            println!(
                "The session stays open for this profile's next commands; end it with: vcdw logout --profile {}",
                profile_id.as_deref().unwrap_or_default()
            );
        }
    }
    if !kept {
        // Without --keep nothing can use this session later: close it rather than leave it to idle out.
        manager
            .logout(&mut vcd_core::Exchange::default())
            .await
            .map_err(&fail)?;
    }
    Ok(())
}
