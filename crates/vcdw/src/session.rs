//! The engine a command works with and the session it sends with: the profile's kept session when
//! the server still knows it (`vcdw login --keep`), else a fresh login; and how a command reports
//! an error (with `--json`, as a JSON line too).

use crate::args::LoginArgs;
use crate::print_error_json;
use vcd_core::{CoreError, ProfileStore, SecretStore, SessionManager, Settings, Workbench};

pub fn reporter(as_json: bool) -> impl Fn(CoreError) -> String {
    move |err: CoreError| {
        if as_json {
            print_error_json(&err);
        }
        err.to_string()
    }
}

/// The workbench for one command: the profiles and settings files, and the OS keyring only for a
/// command about a profile (one given an address and a secret never needs it). Responses list
/// every link: a command prints them all.
pub fn workbench(with_keyring: bool) -> Workbench {
    let secrets = if with_keyring {
        SecretStore::open()
    } else {
        SecretStore::memory_only("no profile named")
    };
    Workbench::with_stores(ProfileStore::open_default(), secrets, Settings::load())
        .listing_every_link()
}

/// A session for a command that sends requests: the profile's kept session when it is still alive
/// (`vcdw login --keep`), else a fresh login. Returns whether it is a kept one (then it stays open).
pub async fn open(
    workbench: &Workbench,
    args: &LoginArgs,
) -> Result<(SessionManager, bool), CoreError> {
    let (request, options, profile_id) = args
        .resolve_with(workbench, false)
        .map_err(CoreError::Profile)?;
    let has_secret = !request.secret.is_empty();
    let manager = SessionManager::new(&options, request)?;
    if let Some(id) = &profile_id {
        if let Some(kept) = workbench.secrets().kept_session(id) {
            if manager.resume(&kept).await? {
                return Ok((manager, true));
            }
        }
    }
    if !has_secret {
        // No kept session to resume: the login needs the secret, and this names where to give it.
        args.resolve(workbench).map_err(CoreError::Profile)?;
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
