//! The desktop shell: Tauri commands that convert types, call vcd-core's workbench and emit its
//! events. No protocol or engine logic lives here.

#[macro_use]
mod command_list;
mod commands;
mod ipc;
mod state;
mod webview;

pub use ipc::write_ui_types;

pub fn run() {
    // Before any thread starts and before WebKit spawns its web process, which inherits it.
    webview::prepare_environment();
    // To stderr, with vcd-core's filter (it keeps headers, and so tokens, out of the log).
    let _ = tracing_subscriber::fmt()
        .with_env_filter(vcd_core::log_filter("warn"))
        .with_writer(std::io::stderr)
        .try_init();
    vcd_core::clean_spool_leftovers();
    let result = tauri::Builder::default()
        .plugin(tauri_plugin_dialog::init())
        .manage(state::Shell::new())
        .setup(|app| {
            webview::tune(app);
            Ok(())
        })
        .invoke_handler(ipc::handler())
        .run(tauri::generate_context!());
    if let Err(e) = result {
        eprintln!("VCD Workbench could not start: {e}");
        std::process::exit(1);
    }
}
