//! `vcdw login` and `vcdw logout`: a session for one command, or one kept open between commands
//! with its tokens in the OS keyring (never a file).

use crate::login_args::LoginArgs;
use crate::print_error_json;
use serde_json::json;
use vcd_core::{AuthKind, CoreError, ProfileStore, Secret, SecretStore, SessionManager};

fn reporter(as_json: bool) -> impl Fn(CoreError) -> String {
    move |err: CoreError| {
        if as_json {
            print_error_json(&err);
        }
        err.to_string()
    }
}

pub async fn login(args: &LoginArgs, as_json: bool, keep: bool) -> Result<(), String> {
    if args.no_auth {
        return Err("--no-auth is for vcdw send: a login always sends credentials".into());
    }
    if keep && args.profile.is_none() {
        return Err(
            "--keep needs --profile: a kept session is stored under its profile's name".into(),
        );
    }
    let (request, options, profile_id) = args.resolve()?;
    let request_base = request.base_url.clone();
    let fail = reporter(as_json);
    let manager = SessionManager::new(&options, request).map_err(&fail)?;
    let (summary, _) = manager.login().await.map_err(&fail)?;
    let kept = match (keep, &profile_id) {
        (true, Some(id)) => {
            let stored = manager
                .kept()
                .ok_or_else(|| "the session could not be kept".to_string())
                .and_then(|kept| SecretStore::open().keep_session(id, &kept));
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

pub async fn logout(profile: &str, as_json: bool) -> Result<(), String> {
    let fail = reporter(as_json);
    let profile = ProfileStore::open_default()
        .and_then(|s| s.get(profile))
        .map_err(&fail)?;
    let secrets = SecretStore::open();
    let Some(kept) = secrets.kept_session(&profile.id) else {
        if as_json {
            println!("{}", json!({ "ended": false, "user": null, "org": null }));
        } else {
            println!(
                "No session is kept for profile '{}': nothing to log out.",
                profile.id
            );
        }
        return Ok(());
    };
    // Ending a session needs only its token, not the password.
    let manager = SessionManager::new(
        &profile.http_options(),
        profile.login_request(Secret::new("")),
    )
    .map_err(&fail)?;
    let alive = manager.resume(&kept).await.map_err(&fail)?;
    let who = manager.session().map(|s| (s.user.clone(), s.org.clone()));
    if alive {
        manager
            .logout(&mut vcd_core::Exchange::default())
            .await
            .map_err(&fail)?;
    }
    secrets.forget_session(&profile.id);
    match (as_json, who) {
        (true, who) => println!(
            "{}",
            json!({
                "ended": alive,
                "user": who.as_ref().map(|w| &w.0),
                "org": who.as_ref().map(|w| &w.1),
            })
        ),
        (false, Some((user, org))) => {
            println!("Logged out {user}@{org}: the session ended on the server.")
        }
        (false, None) => println!(
            "The kept session of '{}' had already ended on the server; its tokens are forgotten.",
            profile.id
        ),
    }
    Ok(())
}

/// A session for a command that sends requests: the profile's kept session when it is still alive
/// (`vcdw login --keep`), else a fresh login. Returns whether it is a kept one (then it stays open).
pub async fn open(args: &LoginArgs) -> Result<(SessionManager, bool), CoreError> {
    let (request, options, profile_id) = args.resolve_with(false).map_err(CoreError::Profile)?;
    let has_secret = !request.secret.is_empty();
    let manager = SessionManager::new(&options, request)?;
    if let Some(id) = &profile_id {
        if let Some(kept) = SecretStore::open().kept_session(id) {
            if manager.resume(&kept).await? {
                return Ok((manager, true));
            }
        }
    }
    if !has_secret {
        // No kept session to resume: the login needs the secret, and this names where to give it.
        args.resolve().map_err(CoreError::Profile)?;
    }
    manager.login().await?;
    Ok((manager, false))
}

/// Ends a session that `open` made for one command; a kept one stays open.
pub async fn close(manager: SessionManager, kept: bool) {
    if !kept {
        if let Err(e) = manager.logout(&mut vcd_core::Exchange::default()).await {
            tracing::warn!("logging out failed: {e}");
        }
    }
}
