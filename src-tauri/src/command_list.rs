// The app's commands, declared once: name, arguments (as the UI passes them, in camelCase) and
// result. build.rs reads the names for the permissions and checks the capability against them;
// ipc.rs registers each one and writes the UI's `Commands` type, so a misspelt command or a
// changed type fails to compile on both sides. Each is implemented in commands.rs.
macro_rules! app_commands {
    ($then:ident) => {
        $then! {
            list_profiles() -> Vec<ConnectionProfile>;
            app_status() -> AppStatus;
            save_profile(profile: ConnectionProfile, secret: Option<String>) -> SavedProfile;
            delete_profile(profile_id: String) -> ();
            forget_secret(profile_id: String) -> ();
            get_versions(profile_id: String) -> VersionList;
            test_connection(profile: ConnectionProfile) -> VersionList;
            login(profile_id: String, secret: Option<String>) -> LoginView;
            logout(profile_id: String) -> ();
            reveal_header(profile_id: String, step: usize, side: HeaderSide, index: usize) -> String;
            send_request(profile_id: String, request_id: u32, draft: RequestDraft, auth: RequestAuth) -> SentResponse;
            cancel_request(request_id: u32) -> ();
            response_body(response_id: u32, formatted: bool, from: usize) -> BodyChunk;
            prefill_request(seed: DraftSeed) -> RequestDraft;
            accept_with_version(accept: String, version: String) -> String;
            vcd_facts() -> VcdFacts;
            links_seen(profile_id: String) -> usize;
            save_links(profile_id: String, response_id: Option<u32>, path: String) -> SavedLinks;
            discover_links(profile_id: String, depth: usize, max_pages: usize) -> DiscoverSummary;
            cancel_discover(profile_id: String) -> ();
            draft_variables(profile_id: String, draft: RequestDraft) -> Vec<VariableUse>;
            save_body(response_id: u32, path: String) -> u64;
            get_settings() -> Settings;
            save_settings(settings: Settings) -> Settings;
        }
    };
}
