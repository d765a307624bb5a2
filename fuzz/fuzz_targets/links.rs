//! Link and reference extraction from XML bodies, and CloudAPI `Link` headers.
#![no_main]
libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    let _ = vcd_core::extract_links(data);
    if let Ok(text) = std::str::from_utf8(data) {
        for link in vcd_core::parse_link_header(text) {
            assert!(!link.rel.is_empty());
        }
    }
});
