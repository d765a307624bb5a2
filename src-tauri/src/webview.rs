//! Settings of the window's web view that the Tauri config cannot express, and the environment its
//! web process starts with. On Linux, WebKitGTK's
//! accelerated compositing is turned off: the workbench draws text, tables and one editor, which
//! need no GPU layers, and with compositing on the web process grows by about 85 MB over twenty
//! answers (scripts/bench/window-memory, desktop condition). `VCD_WORKBENCH_COMPOSITING=1` keeps
//! WebKit's default, for comparison or a driver that needs it.

/// JavaScriptCore's JIT is turned off for the web process: the window's JavaScript renders tables and
/// one editor, and the machine code the JIT compiles for it stays resident (about 25 MB after twenty
/// answers, scripts/bench/window-memory), while the interpreter is fast enough for the window, even
/// quicker through the 50 MB page test (13.5 s against 16.2 s, e2e_window, 2 cores): compiling is
/// work too. `VCD_WORKBENCH_JIT=1`, or a `JSC_useJIT` already set, keeps the JIT as it is.
#[cfg(target_os = "linux")]
pub fn prepare_environment() {
    let keep = std::env::var_os("VCD_WORKBENCH_JIT").is_some_and(|v| v == "1")
        || std::env::var_os("JSC_useJIT").is_some();
    if !keep {
        std::env::set_var("JSC_useJIT", "0");
    }
}

#[cfg(not(target_os = "linux"))]
pub fn prepare_environment() {}

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
