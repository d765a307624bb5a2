//! What the vcdw integration tests share: a `vcdw sim` child process, and running vcdw with a
//! private configuration folder.
#![allow(dead_code)]

use serde_json::Value;
use std::io::{BufRead, BufReader, Write};
use std::path::Path;
use std::process::{Child, Command, Output, Stdio};

pub const VCDW: &str = env!("CARGO_BIN_EXE_vcdw");

/// A `vcdw sim ... --json` process, killed when dropped; `first_line` is what it printed first.
pub struct Sim {
    child: Child,
    pub first_line: Value,
}

impl Sim {
    pub fn start(args: &[&str]) -> Sim {
        let mut child = Command::new(VCDW)
            .arg("sim")
            .args(args)
            .arg("--json")
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .expect("vcdw starts");
        let mut line = String::new();
        BufReader::new(child.stdout.take().unwrap())
            .read_line(&mut line)
            .unwrap();
        let first_line = serde_json::from_str(&line).unwrap_or_else(|e| panic!("{line:?}: {e}"));
        Sim { child, first_line }
    }

    pub fn url(&self) -> &str {
        self.first_line["url"].as_str().unwrap()
    }

    pub fn sha256(&self) -> &str {
        self.first_line["sha256"].as_str().unwrap()
    }
}

impl Drop for Sim {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Runs vcdw with its configuration under `dir`, `stdin` piped in, no secrets from the environment,
/// and `env` added.
pub fn run_in(dir: &Path, args: &[&str], stdin: &str, env: &[(&str, &str)]) -> Output {
    let config = dir.join("config").display().to_string();
    run_with(
        args,
        stdin,
        &[&[("VCDW_CONFIG_DIR", config.as_str())][..], env].concat(),
    )
}

/// Runs vcdw with `stdin` piped in, no secrets from the environment, and `env` added.
pub fn run_with(args: &[&str], stdin: &str, env: &[(&str, &str)]) -> Output {
    let mut child = Command::new(VCDW)
        .args(args)
        .env_remove("VCDW_PASSWORD")
        .env_remove("VCDW_API_TOKEN")
        .envs(env.iter().copied())
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(stdin.as_bytes())
        .unwrap();
    child.wait_with_output().unwrap()
}
