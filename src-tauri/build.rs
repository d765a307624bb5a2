// The app's build script (the root Cargo.toml names it): checks that the UI was built, then lets
// tauri-build read the root tauri.conf.json and declare the app's commands as permissions, so the
// capability in tauri.conf.json must allow each one by name.
/// Every command the shell registers; tauri.conf.json's capability allows each by name.
const COMMANDS: &[&str] = &[
    "list_profiles",
    "app_status",
    "save_profile",
    "delete_profile",
    "forget_secret",
    "get_versions",
    "test_connection",
    "login",
    "logout",
    "reveal_header",
    "send_request",
    "cancel_request",
    "response_body",
    "prefill_request",
    "links_seen",
    "save_links",
    "discover_links",
    "cancel_discover",
    "draft_variables",
    "save_body",
    "get_settings",
    "save_settings",
];

fn main() {
    let manifest_dir = std::env::var("CARGO_MANIFEST_DIR").unwrap_or_else(|_| ".".into());
    let index = std::path::Path::new(&manifest_dir).join("ui/dist/index.html");
    if !index.exists() {
        println!(
            "cargo::error=The UI is not built ({} is missing). Run `npm --prefix ui ci && npm --prefix ui run build` (or scripts/run, scripts/test), then build again.",
            index.display()
        );
        return;
    }
    println!("cargo::rerun-if-changed=ui/dist");
    let attributes = tauri_build::Attributes::new()
        .app_manifest(tauri_build::AppManifest::new().commands(COMMANDS));
    if let Err(e) = tauri_build::try_build(attributes) {
        println!("cargo::error=tauri-build failed: {e:#}");
    }
}
