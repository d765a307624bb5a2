//! The bridge between the command list (command_list.rs) and Tauri: one `#[tauri::command]` per
//! entry forwarding to commands.rs (so a signature that drifts from the list fails to compile), the
//! handler that registers them all, and the TypeScript `Commands` type the UI's `backend.call`
//! is typed with.

use crate::commands::AppStatus;
use vcd_core::{
    BodyChunk, ConnectionProfile, DiscoverSummary, DraftSeed, ErrorReport, HeaderSide, LoginView,
    RequestAuth, RequestDraft, SavedLinks, SavedProfile, SentResponse, Settings, VariableUse,
    VcdFacts, VersionList,
};

macro_rules! bridge {
    ($( $name:ident ( $($arg:ident : $ty:ty),* ) -> $ret:ty; )*) => {
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

        /// Every command with its arguments and result, as TypeScript (see `write_commands_ts`).
        #[cfg(test)]
        pub fn signatures() -> Vec<Signature> {
            vec![$(
                Signature {
                    name: stringify!($name),
                    args: vec![$((stringify!($arg), ts_type::<$ty>())),*],
                    result: ts_type::<$ret>().replace("null", "void"),
                    imports: {
                        let mut i = Vec::new();
                        $(i.extend(imports::<$ty>());)*
                        i.extend(imports::<$ret>());
                        i
                    },
                },
            )*]
        }
    };
}

app_commands!(bridge);

#[cfg(test)]
pub struct Signature {
    name: &'static str,
    args: Vec<(&'static str, String)>,
    result: String,
    imports: Vec<String>,
}

/// A Rust type as the UI sees it. JSON numbers reach JavaScript as numbers, whatever ts-rs says
/// of 64-bit integers.
#[cfg(test)]
fn ts_type<T: ts_rs::TS>() -> String {
    T::name().replace("bigint", "number")
}

/// The exported types `T` names: itself, its dependencies and its generic arguments (`Vec<T>`).
#[cfg(test)]
fn imports<T: ts_rs::TS + 'static>() -> Vec<String> {
    struct Names(Vec<String>);
    impl ts_rs::TypeVisitor for Names {
        fn visit<U: ts_rs::TS + 'static + ?Sized>(&mut self) {
            if U::output_path().is_some() {
                self.0.push(U::ident());
            }
        }
    }
    let mut names = Names(Vec::new());
    T::visit_dependencies(&mut names);
    T::visit_generics(&mut names);
    ts_rs::TypeVisitor::visit::<T>(&mut names);
    names.0
}

/// Tauri passes arguments by their camelCase names.
#[cfg(test)]
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

#[cfg(test)]
mod tests {
    use super::*;

    /// Writes `Commands.ts` beside ts-rs's types (scripts/test fails if it differs from what is
    /// committed), so the UI cannot call a command that is not registered or pass it the wrong
    /// arguments.
    #[test]
    fn write_commands_ts() {
        let dir = std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("ui/src/api/generated");
        let signatures = signatures();
        let mut imports: Vec<String> = signatures.iter().flat_map(|s| s.imports.clone()).collect();
        imports.sort();
        imports.dedup();
        // ts-rs lists the types behind the types too; import only those named here.
        let texts: Vec<&str> = signatures
            .iter()
            .flat_map(|s| {
                s.args
                    .iter()
                    .map(|(_, t)| t.as_str())
                    .chain([s.result.as_str()])
            })
            .collect();
        imports.retain(|name| {
            texts.iter().any(|t| {
                t.split(|c: char| !c.is_alphanumeric() && c != '_')
                    .any(|w| w == name)
            })
        });
        let mut ts = String::from(
            "// Generated from src-tauri/src/command_list.rs by `cargo test`; do not edit.\n",
        );
        for name in &imports {
            ts.push_str(&format!("import type {{ {name} }} from \"./{name}\";\n"));
        }
        ts.push_str("\n/** Every command the shell registers: its arguments and its result. */\nexport type Commands = {\n");
        for s in &signatures {
            let args = if s.args.is_empty() {
                "Record<string, never>".to_string()
            } else {
                let fields: Vec<String> = s
                    .args
                    .iter()
                    .map(|(n, t)| format!("{}: {t}", camel(n)))
                    .collect();
                format!("{{ {} }}", fields.join("; "))
            };
            ts.push_str(&format!(
                "  {}: {{ args: {args}; result: {} }};\n",
                s.name, s.result
            ));
        }
        ts.push_str("};\n");
        std::fs::write(dir.join("Commands.ts"), ts).expect("write Commands.ts");
        assert!(signatures.iter().any(|s| s.name == "send_request"));
    }

    #[test]
    fn argument_names_are_camel_case_as_tauri_expects() {
        assert_eq!(camel("profile_id"), "profileId");
        assert_eq!(camel("max_pages"), "maxPages");
        assert_eq!(camel("seed"), "seed");
    }
}
