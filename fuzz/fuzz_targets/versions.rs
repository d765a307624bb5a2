//! `GET /api/versions` bodies: any bytes give a version list or an error, never a panic.
#![no_main]
libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    if let Ok(list) = vcd_core::parse_versions(data) {
        // The default, when there is one, is one of the listed versions.
        if let Some(d) = &list.default {
            assert!(list.find(d).is_some());
        }
    }
});
