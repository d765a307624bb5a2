//! The syntax of bodies: the well-formedness check a body passes before it is sent (and a response
//! is read with), and the pretty-printer, which share one streaming XML and JSON reader.

mod pretty;
mod well_formed;

pub use pretty::{pretty, pretty_body, pretty_json_into, pretty_xml_into};
pub use well_formed::{check_well_formed, check_well_formed_from};
