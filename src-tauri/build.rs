// The app's build script (the root Cargo.toml names it): checks that the UI was built, then writes
// the main window's capability from src/command_list.rs (its commands, and the few core and plugin
// permissions below) and lets tauri-build declare those commands as permissions. Adding a command
// touches the list and its handler only.
include!("src/command_list.rs");

macro_rules! names {
    (commands { $( $name:ident ( $($arg:ident : $ty:ty),* ) -> $ret:ty; )* }
     events { $( $event:ident : $payload:ty; )* }) => {
        &[$(stringify!($name)),*]
    };
}

const COMMANDS: &[&str] = app_commands!(names);

/// What the window may use besides the app's commands: listening to the app's events, the zoom
/// (Ctrl + / -), and the native save dialog. Nothing else of Tauri's core or plugins.
const OTHER_PERMISSIONS: &[&str] = &[
    "core:event:allow-listen",
    "core:event:allow-unlisten",
    "core:webview:allow-set-webview-zoom",
    "dialog:allow-save",
];

/// The main window's capability, as tauri-build reads capability files.
fn capability() -> serde_json::Value {
    let commands = COMMANDS
        .iter()
        .map(|c| format!("allow-{}", c.replace('_', "-")));
    let permissions: Vec<String> = commands
        .chain(OTHER_PERMISSIONS.iter().map(|p| p.to_string()))
        .collect();
    serde_json::json!({
        "identifier": "main-window",
        "description": "What the main window's UI may call: the app's own commands (src-tauri/src/command_list.rs), its events, the zoom and the save dialog.",
        "windows": ["main"],
        "permissions": permissions,
    })
}

fn main() {
    let manifest_dir = std::env::var("CARGO_MANIFEST_DIR").unwrap_or_else(|_| ".".into());
    let root = std::path::Path::new(&manifest_dir);
    let index = root.join("ui/dist/index.html");
    if !index.exists() {
        println!(
            "cargo::error=The UI is not built ({} is missing). Run `npm --prefix ui ci && npm --prefix ui run build` (or scripts/run, scripts/test), then build again.",
            index.display()
        );
        return;
    }
    println!("cargo::rerun-if-changed=ui/dist");
    println!("cargo::rerun-if-changed=src-tauri/src/command_list.rs");
    println!("cargo::rerun-if-changed=tauri.conf.json");
    let config = std::fs::read_to_string(root.join("tauri.conf.json")).unwrap_or_default();
    if config.contains("\"capabilities\"") {
        println!("cargo::error=tauri.conf.json lists capabilities, but the build writes the window's capability from src-tauri/src/command_list.rs: remove app.security.capabilities from tauri.conf.json (other permissions go in build.rs's OTHER_PERMISSIONS).");
        return;
    }
    let out = std::path::PathBuf::from(std::env::var("OUT_DIR").expect("cargo sets OUT_DIR"));
    let folder = out.join("capabilities");
    let written = std::fs::create_dir_all(&folder).and_then(|()| {
        let text = serde_json::to_string_pretty(&capability()).expect("a JSON value");
        std::fs::write(folder.join("main-window.json"), text)
    });
    if let Err(e) = written {
        println!(
            "cargo::error=the capability could not be written to {}: {e}",
            folder.display()
        );
        return;
    }
    // tauri-build wants the pattern for the whole build; the script ends right after.
    let pattern: &'static str = Box::leak(format!("{}/*.json", folder.display()).into_boxed_str());
    let attributes = tauri_build::Attributes::new()
        .capabilities_path_pattern(pattern)
        .app_manifest(tauri_build::AppManifest::new().commands(COMMANDS));
    if let Err(e) = tauri_build::try_build(attributes) {
        println!("cargo::error=tauri-build failed: {e:#}");
    }
}
