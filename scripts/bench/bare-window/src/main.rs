//! A bare Tauri window: the baseline of scripts/bench/window-memory.
fn main() {
    if let Err(e) = tauri::Builder::default().run(tauri::generate_context!()) {
        eprintln!("bare window: {e}");
        std::process::exit(1);
    }
}
