//! What a user composes: the request draft with VCD's headers prefilled, its `{{variables}}`, the
//! body it carries, the well-formedness check that body passes, and the pipeline that sends it.

mod draft;
mod pipeline;
mod variables;

pub use draft::{defined_variables, AdvertisedLink, DraftHeader, DraftSeed, RequestDraft};
pub use pipeline::{PreparedRequest, SendOutcome};
pub use variables::VariableUse;

// Shared by this folder's files only.
use variables::{resolve, used};
