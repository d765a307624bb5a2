//! The real VCD payloads in `shared/vcd-samples/` (beside the project root; `VCD_SAMPLES_DIR`
//! overrides it), for the unit tests that read them in place.

pub fn sample(name: &str) -> Vec<u8> {
    let dir = std::env::var_os("VCD_SAMPLES_DIR")
        .map(std::path::PathBuf::from)
        .unwrap_or_else(|| {
            std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared/vcd-samples")
        });
    let path = dir.join(name);
    std::fs::read(&path).unwrap_or_else(|e| panic!("cannot read sample {}: {e}", path.display()))
}
