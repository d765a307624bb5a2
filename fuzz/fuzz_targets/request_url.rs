//! What a user types into the composer: a profile address, a request URL (path with a query, or a
//! full URL), a method, a header and a body with `{{variables}}`; one field per line.
#![no_main]
use std::collections::BTreeMap;
use vcd_core::{DraftHeader, RequestDraft, check_no_secrets, normalize_base_url, request_url, same_origin};

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let mut fields = text.splitn(6, '\n');
    let mut next = || fields.next().unwrap_or("").to_string();
    let (base, url, method, name, value, body) = (next(), next(), next(), next(), next(), next());
    if let Ok(base) = normalize_base_url(&base) {
        if let Ok(target) = request_url(&base, &url) {
            let _ = check_no_secrets(&target, &[("s3cret-pw", "the password")]);
            let _ = same_origin(&base, &target);
        }
    }
    let draft = RequestDraft {
        method,
        url,
        headers: vec![DraftHeader {
            name,
            value,
            enabled: true,
        }],
        body: Some(body),
        timeout_secs: None,
        body_file: None,
        advertised: None,
    };
    let vars = BTreeMap::from([("org".to_string(), "acme".to_string())]);
    let _ = draft.variable_uses(&vars);
    if let Ok(resolved) = draft.resolved(&vars) {
        let _ = resolved.prepare();
    }
});
