// The app's build script (the root Cargo.toml names it): checks that the UI was built, that the
// capability in tauri.conf.json allows exactly the commands of src/command_list.rs, then lets
// tauri-build read tauri.conf.json and declare those commands as permissions.
include!("src/command_list.rs");

macro_rules! names {
    ($( $name:ident ( $($arg:ident : $ty:ty),* ) -> $ret:ty; )*) => {
        &[$(stringify!($name)),*]
    };
}

const COMMANDS: &[&str] = app_commands!(names);

/// What the capability allows that is not a command, and the commands it lacks. The capability is
/// kept by hand, not generated: it is what a reviewer reads to see what the window may call.
fn capability_mismatch(config: &str) -> Result<(Vec<String>, Vec<String>), String> {
    let config: serde_json::Value =
        serde_json::from_str(config).map_err(|e| format!("tauri.conf.json: {e}"))?;
    let allowed: Vec<String> = config["app"]["security"]["capabilities"]
        .as_array()
        .into_iter()
        .flatten()
        .flat_map(|c| c["permissions"].as_array().cloned().unwrap_or_default())
        .filter_map(|p| p.as_str().map(str::to_string))
        // Plugin and core permissions are namespaced ("dialog:allow-save"); the app's are not.
        .filter(|p| !p.contains(':'))
        .collect();
    let wanted: Vec<String> = COMMANDS
        .iter()
        .map(|c| format!("allow-{}", c.replace('_', "-")))
        .collect();
    let extra = allowed
        .iter()
        .filter(|p| !wanted.contains(p))
        .cloned()
        .collect();
    let missing = wanted
        .iter()
        .filter(|p| !allowed.contains(p))
        .cloned()
        .collect();
    Ok((extra, missing))
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
    match capability_mismatch(&config) {
        Ok((extra, missing)) if extra.is_empty() && missing.is_empty() => {}
        Ok((extra, missing)) => {
            println!(
                "cargo::error=tauri.conf.json's capability does not match src-tauri/src/command_list.rs: allows commands that do not exist {extra:?}; lacks {missing:?}"
            );
            return;
        }
        Err(e) => {
            println!("cargo::error={e}");
            return;
        }
    }
    let attributes = tauri_build::Attributes::new()
        .app_manifest(tauri_build::AppManifest::new().commands(COMMANDS));
    if let Err(e) = tauri_build::try_build(attributes) {
        println!("cargo::error=tauri-build failed: {e:#}");
    }
}
