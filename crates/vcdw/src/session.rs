//! The engine a command works with and the session it sends with: the profile's kept session when
//! the server still knows it (`vcdw login --keep`), else a fresh login; and how a command reports
//! an error (with `--json`, as a JSON line too).

use crate::args::LoginArgs;
use crate::print_error_json;
use vcd_core::{
    CoreError, Exchange, ProfileStore, RequestAuth, SecretStore, SessionManager, Settings,
    Workbench,
};

/// The name a command's session is held under in its workbench.
pub const SESSION: &str = "vcdw";

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

/// Opens the session a command sends with and hands it to the workbench under [`SESSION`]: the
/// profile's kept session when it is still alive (`vcdw login --keep`), else a fresh login; with
/// `--no-auth`, none. Returns how requests authenticate and whether the session stays open after
/// the command.
pub async fn attach(
    workbench: &Workbench,
    args: &LoginArgs,
) -> Result<(RequestAuth, bool), CoreError> {
    let variables = match &args.profile {
        Some(name) => workbench.profiles()?.get(name)?.variables,
        None => Default::default(),
    };
    let (manager, stays, auth) = if args.no_auth {
        let (request, options, _) = args
            .resolve_with(workbench, false)
            .map_err(CoreError::Profile)?;
        (
            SessionManager::new(&options, request)?,
            true,
            RequestAuth::None,
        )
    } else {
        let (manager, kept) = open(workbench, args).await?;
        (manager, kept, RequestAuth::Inherit)
    };
    workbench.adopt_session(SESSION, variables, manager, Exchange::default());
    Ok((auth, stays))
}

/// Ends the command's session; a kept one stays open on the server for the profile's next
/// commands (and `--no-auth` has none to end).
pub async fn detach(workbench: &Workbench, stays: bool) {
    if stays {
        workbench.drop_session(SESSION);
    } else if let Err(e) = workbench.logout(SESSION).await {
        tracing::warn!("logging out failed: {e}");
    }
}

/// The profile's kept session when the server still knows it, else a fresh login; and whether it
/// is a kept one.
async fn open(
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
