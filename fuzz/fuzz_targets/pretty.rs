//! The viewer's pretty-printer, as XML, as JSON and by sniffing; the first byte picks the type.
#![no_main]
libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    let Some((&pick, body)) = data.split_first() else {
        return;
    };
    let content_type = match pick % 3 {
        0 => Some("application/vnd.vmware.vcloud.org+xml"),
        1 => Some("application/json"),
        _ => None,
    };
    let _ = vcd_core::pretty(content_type, body);
});
