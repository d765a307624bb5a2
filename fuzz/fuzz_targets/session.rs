//! XML `Session` documents (the login answer and `GET /api/session`).
#![no_main]
libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    let _ = vcd_core::parse_session(data);
});
