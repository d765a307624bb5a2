//! VCD error bodies, XML and CloudAPI JSON.
#![no_main]
libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    if let Some(err) = vcd_core::VcdError::parse(data) {
        let _ = err.to_string();
    }
});
