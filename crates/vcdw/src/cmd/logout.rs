//! `vcdw logout`: end the session `vcdw login --profile P --keep` left open (DELETE /api/session)
//! and forget its tokens.

use crate::session::{self, reporter};
use clap::Args;
use serde_json::json;
use vcd_core::{Secret, SessionManager};

#[derive(Args)]
pub struct LogoutArgs {
    /// The profile whose kept session to end.
    #[arg(long)]
    pub profile: String,
    /// Print {"ended": bool, "user", "org"}.
    #[arg(long)]
    pub json: bool,
}

pub async fn run(args: LogoutArgs) -> Result<(), String> {
    let (profile, as_json) = (args.profile.as_str(), args.json);
    let fail = reporter(as_json);
    let workbench = session::workbench(true);
    let profile = workbench
        .profiles()
        .and_then(|s| s.get(profile))
        .map_err(&fail)?;
    let secrets = workbench.secrets();
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
        &workbench.http_options(&profile),
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
