//! With no keyring reachable, secrets stay in memory for the run, and the store says why.
//! (Its own test binary: it points D-Bus at nowhere for the whole process.)

use vcd_core::{Secret, SecretLocation, SecretStore};

#[test]
fn without_a_keyring_secrets_live_for_this_run_only() {
    // SAFETY: this binary has one test, and nothing else reads the environment concurrently.
    unsafe {
        std::env::set_var(
            "DBUS_SESSION_BUS_ADDRESS",
            "unix:path=/nonexistent/vcdw-test-bus",
        );
        std::env::remove_var("DISPLAY");
    }
    let store = SecretStore::open();
    assert!(!store.status().available);
    assert!(
        store
            .status()
            .message
            .starts_with("Secrets are kept for this run only"),
        "{}",
        store.status().message
    );
    assert!(store
        .status()
        .message
        .contains("not be written to any file"));

    let secret = Secret::new("memory-only-secret");
    assert_eq!(store.save("p1", &secret), SecretLocation::MemoryOnly);
    assert_eq!(store.load("p1"), Some(secret));
    store.forget("p1");
    assert_eq!(store.load("p1"), None);

    store.save("p2", &Secret::new("gone-after-restart"));
    assert_eq!(
        SecretStore::open().load("p2"),
        None,
        "a new run starts without it"
    );
}
