//! The profiles file as it may be found on disk (edited by hand, from a newer version, damaged).
#![no_main]
libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    if let Ok(profiles) = vcd_core::ProfileStore::parse(data) {
        for p in profiles {
            let _ = p.validate();
        }
    }
});
