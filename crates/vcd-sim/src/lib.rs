//! vcd-sim: a simulated VMware Cloud Director on 127.0.0.1, over HTTP or HTTPS, answering in the
//! shapes of the real payloads in `shared/vcd-samples/`. Used by tests, the `vcdw sim` command and
//! the app's demo profile.

mod cert;
mod payloads;
mod routes;
mod server;

pub use server::{start, RunningSim, SimError, SimOptions};
pub use vcd_core::releases::{VcdRelease, DEFAULT_RELEASE, SIMULATED_RELEASES};
