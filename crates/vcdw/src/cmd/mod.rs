//! One module per subcommand: its arguments (`NameArgs`) and `run`.

pub mod links;
pub mod login;
pub mod logout;
pub mod profile;
pub mod query;
pub mod send;
pub mod sim;
pub mod task;
pub mod versions;
