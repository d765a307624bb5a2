//! Settings of the window's web view that the Tauri config cannot express. On Linux, WebKitGTK's
//! accelerated compositing is turned off: the workbench draws text, tables and one editor, which
//! need no GPU layers, and with compositing on the web process grows by about 85 MB over twenty
//! answers (scripts/bench/window-memory, desktop condition). `VCD_WORKBENCH_COMPOSITING=1` keeps
//! WebKit's default, for comparison or a driver that needs it.

use tauri::Manager;

pub fn tune(app: &tauri::App) {
    if std::env::var_os("VCD_WORKBENCH_COMPOSITING").is_some_and(|v| v == "1") {
        return;
    }
    let Some(window) = app.get_webview_window("main") else {
        return;
    };
    #[cfg(target_os = "linux")]
    let result = window.with_webview(|webview| {
        use webkit2gtk::{HardwareAccelerationPolicy, SettingsExt, WebViewExt};
        if let Some(settings) = WebViewExt::settings(&webview.inner()) {
            settings.set_hardware_acceleration_policy(HardwareAccelerationPolicy::Never);
        }
    });
    #[cfg(not(target_os = "linux"))]
    let result: tauri::Result<()> = {
        let _ = window;
        Ok(())
    };
    if let Err(e) = result {
        tracing::warn!("the web view's settings could not be changed: {e}");
    }
}
