//! Flag groups several subcommands share: who to log in as (a profile or ad-hoc flags) and which
//! certificates to trust.

mod login;
mod trust;

pub use login::*;
pub use trust::*;
