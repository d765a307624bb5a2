//! What a front end shows of a response: the response view, pretty-printed bodies, and text made
//! safe for a terminal.

mod pretty;
mod response;
mod terminal;

pub use pretty::*;
pub use response::*;
pub use terminal::*;
