//! The API's links: extracting them from a page as it streams, walking them ("Discover"), and the
//! map of every link found, with its exports.

mod discover;
mod extract;
mod map;

pub use discover::*;
pub use extract::*;
pub use map::*;
