//! Writes the UI's TypeScript types (ui/src/api/generated) from the Rust types the app's commands
//! and events carry: `cargo run --example ui_types`. scripts/test runs it before the UI's type check
//! and fails when the result differs from what is committed.

fn main() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("ui/src/api/generated");
    match vcd_workbench::write_ui_types(&dir) {
        Ok(written) => println!("{} files written to {}", written.len(), dir.display()),
        Err(e) => {
            eprintln!("error: the UI's types could not be written: {e}");
            std::process::exit(1);
        }
    }
}
