//! What a user composes: the request draft with VCD's headers prefilled, its `{{variables}}`, the
//! body it carries and the well-formedness check that body passes before it is sent.

mod body;
mod draft;
mod variables;
mod well_formed;

pub use body::*;
pub use draft::*;
pub use variables::*;
pub use well_formed::*;
