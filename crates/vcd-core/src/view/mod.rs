//! What a front end shows of a response: the response view, pretty-printed bodies, and text made
//! safe for a terminal.

mod response;
mod terminal;

pub use response::{format_ms, ResponseView};
pub use terminal::terminal_safe;
