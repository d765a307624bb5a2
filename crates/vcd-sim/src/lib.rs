//! vcd-sim: a simulated VMware Cloud Director on 127.0.0.1, over HTTP or HTTPS, answering in the
//! shapes of the real payloads in `shared/vcd-samples/`. Used by tests, the `vcdw sim` command and
//! the app's demo profile.

// Early exits of the handlers are `Result<_, Response>`, axum's usual shape; boxing the Response
// would buy nothing on a simulator's request path.
#![allow(clippy::result_large_err)]

mod body;
mod cert;
mod clock;
mod live;
mod query;
mod routes;
pub mod scenario;
mod server;
mod sessions;
mod state;
mod synthetic;
mod world;
mod xml;

pub use live::OPERATIONS;
pub use scenario::{DemoCredentials, Scenario};
pub use server::{start, RunningSim, SimError, SimOptions};
pub use synthetic::SyntheticVdc;
pub use vcd_api::{VcdRelease, DEFAULT_RELEASE, SIMULATED_RELEASES};
