//! Settings of the window's web view that the Tauri config cannot express. On Linux, WebKitGTK's
//! accelerated compositing is turned off: the workbench draws text, tables and one editor, which
//! need no GPU layers, and with compositing on the web process grows by about 85 MB over twenty
//! answers (scripts/bench/window-memory, desktop condition). `VCD_WORKBENCH_COMPOSITING=1` keeps
//! WebKit's default, for comparison or a driver that needs it.

#[cfg(target_os = "linux")]
pub fn tune(app: &tauri::App) {
    use tauri::Manager;
    use webkit2gtk::{HardwareAccelerationPolicy, SettingsExt, WebViewExt};
    if std::env::var_os("VCD_WORKBENCH_COMPOSITING").is_some_and(|v| v == "1") {
        return;
    }
    let Some(window) = app.get_webview_window("main") else {
        return;
    };
    let result = window.with_webview(|webview| {
        if let Some(settings) = WebViewExt::settings(&webview.inner()) {
            settings.set_hardware_acceleration_policy(HardwareAccelerationPolicy::Never);
        }
    });
    if let Err(e) = result {
        tracing::warn!("the web view's settings could not be changed: {e}");
    }
}

/// Other systems' web views keep their defaults.
#[cfg(not(target_os = "linux"))]
pub fn tune(_app: &tauri::App) {}
