// The app's commands and events, declared once. A command: its name, arguments (as the UI passes
// them, in camelCase) and result; it is implemented in commands.rs. An event: its name (on the wire
// in kebab-case, `discover-progress`) and payload. build.rs declares the commands' permissions and
// the window's capability from this list; ipc.rs registers each command, gives each event a typed
// emitter, and writes the UI's `Commands` and `Events` types (`cargo run --example ui_types`), so a
// misspelt command or event or a changed type fails to compile on both sides.
macro_rules! app_commands {
    ($then:ident) => {
        $then! {
            commands {
                list_profiles() -> Vec<ConnectionProfile>;
                app_status() -> AppStatus;
                save_profile(profile: ConnectionProfile, secret: Option<String>) -> SavedProfile;
                delete_profile(profile_id: String) -> ();
                forget_secret(profile_id: String) -> ();
                get_versions(profile_id: String) -> VersionList;
                test_connection(profile: ConnectionProfile) -> VersionList;
                login(profile_id: String, secret: Option<String>, version: Option<String>) -> LoginView;
                logout(profile_id: String) -> ();
                reveal_header(profile_id: String, step: usize, side: HeaderSide, index: usize) -> String;
                send_request(profile_id: String, request_id: u32, draft: RequestDraft, auth: RequestAuth) -> SentResponse;
                cancel_request(request_id: u32) -> ();
                response_body(response_id: u32, formatted: bool, from: usize) -> BodyChunk;
                prefill_request(seed: DraftSeed) -> RequestDraft;
                accept_with_version(accept: String, version: String) -> String;
                describe_auth(auth: RequestAuth, session_header: SessionHeader) -> String;
                vcd_facts() -> VcdFacts;
                links_seen(profile_id: String) -> usize;
                save_links(profile_id: String, response_id: Option<u32>, path: String) -> SavedLinks;
                discover_links(profile_id: String, depth: usize, max_pages: usize) -> DiscoverSummary;
                cancel_discover(profile_id: String) -> ();
                draft_variables(profile_id: String, draft: RequestDraft) -> Vec<VariableUse>;
                save_body(response_id: u32, path: String) -> u64;
                get_settings() -> Settings;
                save_settings(settings: Settings) -> Settings;
                watch_task(profile_id: String, href: String) -> TaskView;
                cancel_task(profile_id: String, href: String) -> TaskView;
                list_tasks() -> Vec<TaskView>;
            }
            events {
                discover_progress: DiscoverEvent;
                task_progress: TaskView;
            }
        }
    };
}
