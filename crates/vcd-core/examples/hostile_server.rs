//! The hardening tests' hostile server as a program, for `scripts/bench/memory`: prints its URL,
//! then serves until killed.

#[path = "../tests/common/hostile.rs"]
mod hostile;

#[tokio::main]
async fn main() {
    let server = hostile::hostile(None).await;
    println!("{}", server.url);
    use std::io::Write;
    let _ = std::io::stdout().flush();
    std::future::pending::<()>().await;
}
