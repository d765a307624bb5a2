//! The desktop shell: Tauri commands that convert types and call vcd-core and vcd-sim. No protocol
//! logic lives here.

mod commands;
mod demo;
mod state;

pub fn run() {
    vcd_core::logging::init("warn");
    let result = tauri::Builder::default()
        .manage(state::AppState::new())
        .invoke_handler(tauri::generate_handler![
            commands::list_profiles,
            commands::app_status,
            commands::save_profile,
            commands::delete_profile,
            commands::forget_secret,
            commands::get_versions,
            commands::test_connection,
            commands::login,
            commands::logout,
            commands::reveal_header
        ])
        .run(tauri::generate_context!());
    if let Err(e) = result {
        eprintln!("VCD Workbench could not start: {e}");
        std::process::exit(1);
    }
}
