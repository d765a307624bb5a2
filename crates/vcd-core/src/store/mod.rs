//! What is kept between runs: atomic files and the locked JSON store, connection profiles,
//! settings, and secrets in the OS keyring.

mod atomic;
mod keyring;
mod profiles;
mod settings;

pub use self::keyring::*;
pub use atomic::*;
pub use profiles::*;
pub use settings::*;
