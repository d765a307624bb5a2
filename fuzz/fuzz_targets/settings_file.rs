//! The settings file as it may be found on disk.
#![no_main]
libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    let _ = vcd_core::Settings::parse(data);
});
