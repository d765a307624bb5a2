//! The desktop shell: Tauri commands that convert types and call vcd-core and vcd-sim. No protocol
//! logic lives here.

mod commands;
mod demo;

use demo::DemoSimulator;

pub fn run() {
    tracing_subscriber::fmt()
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_env("VCDW_LOG")
                .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("warn")),
        )
        .with_writer(std::io::stderr)
        .init();
    let result = tauri::Builder::default()
        .manage(DemoSimulator::default())
        .invoke_handler(tauri::generate_handler![
            commands::list_profiles,
            commands::get_versions,
            commands::app_status
        ])
        .run(tauri::generate_context!());
    if let Err(e) = result {
        eprintln!("VCD Workbench could not start: {e}");
        std::process::exit(1);
    }
}
