//! Reading VCD's XML: namespace-aware helpers with a depth guard, and VCD's own error documents.

mod reader;
mod vcd_error;

pub use reader::*;
pub use vcd_error::*;
