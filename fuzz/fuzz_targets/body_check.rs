//! The well-formedness check of request bodies (XML, JSON, forms); the first byte picks the type.
#![no_main]
libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    let Some((&pick, body)) = data.split_first() else {
        return;
    };
    let content_type = [
        "application/vnd.vmware.vcloud.deployVAppParams+xml",
        "application/json;version=38.0",
        "application/x-www-form-urlencoded",
        "text/plain",
    ][usize::from(pick % 4)];
    let _ = vcd_core::check_well_formed(content_type, body);
});
