//! The desktop shell: Tauri commands that convert types and call vcd-core and vcd-sim. No protocol
//! logic lives here.

mod commands;
mod demo;

use demo::DemoSimulator;

pub fn run() {
    vcd_core::logging::init("warn");
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
