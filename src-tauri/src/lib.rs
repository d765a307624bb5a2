//! The desktop shell: Tauri commands that convert types and call vcd-core and vcd-sim. No protocol
//! logic lives here.

mod commands;
mod demo;
mod state;
mod workbench;

pub fn run() {
    vcd_core::init_logging("warn");
    vcd_core::clean_spool_leftovers();
    let result = tauri::Builder::default()
        .plugin(tauri_plugin_dialog::init())
        .manage(state::AppState::new())
        .manage(workbench::Workbench::default())
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
            commands::reveal_header,
            workbench::send_request,
            workbench::cancel_request,
            workbench::response_body,
            workbench::prefill_request,
            workbench::links_seen,
            workbench::save_links,
            workbench::discover_links,
            workbench::cancel_discover,
            workbench::draft_variables,
            workbench::save_body,
            commands::get_settings,
            commands::save_settings
        ])
        .run(tauri::generate_context!());
    if let Err(e) = result {
        eprintln!("VCD Workbench could not start: {e}");
        std::process::exit(1);
    }
}
