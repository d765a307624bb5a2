//! What a user composes: the request draft with VCD's headers prefilled, its `{{variables}}`, the
//! body it carries, the well-formedness check that body passes, and the pipeline that sends it.

mod body;
mod draft;
mod pipeline;
mod variables;
mod well_formed;

pub use body::*;
pub use draft::*;
pub use pipeline::*;
pub use variables::*;
pub use well_formed::*;
