//! The bridge between the command list (command_list.rs) and Tauri: one `#[tauri::command]` per
//! entry forwarding to commands.rs (so a signature that drifts from the list fails to compile), the
//! handler that registers them all, a typed emitter per event, and the TypeScript the UI is typed
//! with (`write_ui_types`: every type the commands and events carry, and `Commands`/`Events`).

use crate::commands::{AppStatus, DiscoverEvent};
use std::path::Path;
use vcd_core::{
    BodyChunk, ConnectionProfile, DiscoverSummary, DraftSeed, ErrorReport, HeaderSide, LoginView,
    RequestAuth, RequestDraft, SavedLinks, SavedProfile, SentResponse, SessionHeader, Settings,
    TaskView, VariableUse, VcdFacts, VersionList,
};

macro_rules! bridge {
    (commands { $( $name:ident ( $($arg:ident : $ty:ty),* ) -> $ret:ty; )* }
     events { $( $event:ident : $payload:ty; )* }) => {
        /// The Tauri side of each command: errors become the report the UI shows.
        mod tauri_commands {
            use super::*;
            $(
                #[tauri::command]
                pub async fn $name(app: tauri::AppHandle, $($arg: $ty),*) -> Result<$ret, ErrorReport> {
                    crate::commands::$name(&app, $($arg),*).await.map_err(|e| e.report())
                }
            )*
        }

        /// Registers every command of the list.
        pub fn handler() -> impl Fn(tauri::ipc::Invoke) -> bool + Send + Sync + 'static {
            tauri::generate_handler![$(tauri_commands::$name),*]
        }

        /// One emitter per event of the list, taking only its payload type.
        pub mod emit {
            use super::*;
            $(
                pub fn $event(app: &tauri::AppHandle, payload: &$payload) {
                    use tauri::Emitter;
                    if let Err(e) = app.emit(&wire_name(stringify!($event)), payload) {
                        tracing::warn!("the {} event could not be sent: {e}", stringify!($event));
                    }
                }
            )*
        }

        /// Every command with its arguments and result, and every event with its payload.
        fn signatures() -> (Vec<Signature>, Vec<Signature>) {
            let commands = vec![$(
                Signature {
                    name: stringify!($name).to_string(),
                    args: vec![$((camel(stringify!($arg)), ts_type::<$ty>())),*],
                    result: ts_type::<$ret>().replace("null", "void"),
                },
            )*];
            let events = vec![$(
                Signature {
                    name: wire_name(stringify!($event)),
                    args: Vec::new(),
                    result: ts_type::<$payload>(),
                },
            )*];
            (commands, events)
        }

        /// Writes every exported type the commands and events carry (and what those use) to `dir`.
        fn export_types(dir: &Path) -> Result<Vec<String>, String> {
            let mut exporter = Exporter { dir: dir.to_path_buf(), written: Vec::new(), failed: None };
            $(
                $(visit_all::<$ty>(&mut exporter);)*
                visit_all::<$ret>(&mut exporter);
            )*
            $(visit_all::<$payload>(&mut exporter);)*
            // Every command rejects with it.
            visit_all::<ErrorReport>(&mut exporter);
            match exporter.failed {
                Some(e) => Err(e),
                None => Ok(exporter.written),
            }
        }
    };
}

app_commands!(bridge);

struct Signature {
    name: String,
    args: Vec<(String, String)>,
    result: String,
}

/// An event's name on the wire: `discover_progress` travels as `discover-progress`.
fn wire_name(name: &str) -> String {
    name.replace('_', "-")
}

/// A Rust type as the UI sees it. JSON numbers reach JavaScript as numbers, whatever ts-rs says
/// of 64-bit integers.
fn ts_type<T: ts_rs::TS>() -> String {
    T::name().replace("bigint", "number")
}

/// Writes each exported type it visits once, with everything it depends on.
struct Exporter {
    dir: std::path::PathBuf,
    written: Vec<String>,
    failed: Option<String>,
}

impl ts_rs::TypeVisitor for Exporter {
    fn visit<U: ts_rs::TS + 'static + ?Sized>(&mut self) {
        if U::output_path().is_none() || self.written.contains(&U::ident()) {
            return;
        }
        self.written.push(U::ident());
        if let Err(e) = U::export_all_to(&self.dir) {
            self.failed.get_or_insert(format!("{}: {e}", U::ident()));
        }
    }
}

/// Visits `T`, its generic arguments (`Vec<T>`) and its dependencies.
fn visit_all<T: ts_rs::TS + 'static>(visitor: &mut impl ts_rs::TypeVisitor) {
    T::visit_dependencies(visitor);
    T::visit_generics(visitor);
    visitor.visit::<T>();
}

/// Tauri passes arguments by their camelCase names.
fn camel(name: &str) -> String {
    let mut out = String::new();
    let mut upper = false;
    for c in name.chars() {
        if c == '_' {
            upper = true;
        } else if upper {
            out.extend(c.to_uppercase());
            upper = false;
        } else {
            out.push(c);
        }
    }
    out
}

/// The UI's generated folder holds exactly this: one file per exported type, and `Commands.ts`
/// (`Commands` and `Events`), so the UI cannot call a command that is not registered, pass it the
/// wrong arguments, or listen for an event with the wrong payload. Files of types no longer
/// carried are removed. Returns the files written.
pub fn write_ui_types(dir: &Path) -> Result<Vec<String>, String> {
    let fail = |e: std::io::Error| format!("{}: {e}", dir.display());
    std::fs::create_dir_all(dir).map_err(fail)?;
    for entry in std::fs::read_dir(dir).map_err(fail)? {
        let path = entry.map_err(fail)?.path();
        if path.extension().is_some_and(|e| e == "ts") {
            std::fs::remove_file(&path).map_err(fail)?;
        }
    }
    let mut written = export_types(dir)?;
    let (commands, events) = signatures();
    let mut ts = String::from(
        "// Generated from src-tauri/src/command_list.rs by `cargo run --example ui_types`; do not edit.\n",
    );
    let mut imports: Vec<&String> = written.iter().collect();
    imports.sort();
    let texts: Vec<&str> = commands
        .iter()
        .chain(&events)
        .flat_map(|s| {
            s.args
                .iter()
                .map(|(_, t)| t.as_str())
                .chain([s.result.as_str()])
        })
        .collect();
    // Only the types named here: the others are imported by the types that use them.
    for name in imports.into_iter().filter(|name| {
        texts.iter().any(|t| {
            t.split(|c: char| !c.is_alphanumeric() && c != '_')
                .any(|w| w == name.as_str())
        })
    }) {
        ts.push_str(&format!("import type {{ {name} }} from \"./{name}\";\n"));
    }
    ts.push_str("\n/** Every command the shell registers: its arguments and its result. */\nexport type Commands = {\n");
    for s in &commands {
        let args = if s.args.is_empty() {
            "Record<string, never>".to_string()
        } else {
            let fields: Vec<String> = s.args.iter().map(|(n, t)| format!("{n}: {t}")).collect();
            format!("{{ {} }}", fields.join("; "))
        };
        ts.push_str(&format!(
            "  {}: {{ args: {args}; result: {} }};\n",
            s.name, s.result
        ));
    }
    ts.push_str("};\n\n/** Every event the shell emits, by its name, with its payload. */\nexport type Events = {\n");
    for e in &events {
        ts.push_str(&format!("  \"{}\": {};\n", e.name, e.result));
    }
    ts.push_str("};\n");
    std::fs::write(dir.join("Commands.ts"), ts).map_err(fail)?;
    written.push("Commands".into());
    Ok(written)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_ui_types_hold_every_command_and_event_and_the_types_they_carry() {
        let dir = tempfile_dir();
        let written = write_ui_types(&dir).unwrap();
        let commands = std::fs::read_to_string(dir.join("Commands.ts")).unwrap();
        assert!(commands.contains("send_request: { args: { profileId: string; requestId: number; draft: RequestDraft; auth: RequestAuth }; result: SentResponse };"), "{commands}");
        assert!(
            commands.contains("\"discover-progress\": DiscoverEvent;"),
            "{commands}"
        );
        for name in ["SentResponse", "ErrorKind", "DiscoverEvent", "ExchangeStep"] {
            assert!(
                written.iter().any(|w| w == name),
                "{name} missing from {written:?}"
            );
            assert!(dir.join(format!("{name}.ts")).exists());
        }
        std::fs::remove_dir_all(&dir).unwrap();
    }

    fn tempfile_dir() -> std::path::PathBuf {
        let dir = std::env::temp_dir().join(format!("vcdw-ui-types-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        dir
    }

    #[test]
    fn argument_names_are_camel_case_as_tauri_expects() {
        assert_eq!(camel("profile_id"), "profileId");
        assert_eq!(camel("max_pages"), "maxPages");
        assert_eq!(camel("seed"), "seed");
    }
}
