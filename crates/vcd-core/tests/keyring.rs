//! Secrets in a real Secret Service (gnome-keyring in a private D-Bus session, started by
//! scripts/with-test-keyring, which sets VCDW_REQUIRE_KEYRING=1).

use std::process::Command;
use vcd_core::{Secret, SecretLocation, SecretStore};

fn lookup_with_secret_tool(profile_id: &str) -> Option<String> {
    let out = Command::new("secret-tool")
        .args([
            "lookup",
            "service",
            "vcd-workbench",
            "username",
            &format!("profile:{profile_id}"),
        ])
        .output()
        .ok()?;
    out.status
        .success()
        .then(|| String::from_utf8_lossy(&out.stdout).into_owned())
}

#[test]
fn a_secret_round_trips_through_the_os_keyring_and_can_be_forgotten() {
    let store = SecretStore::open();
    if !store.status().available {
        assert!(
            std::env::var_os("VCDW_REQUIRE_KEYRING").is_none(),
            "a Secret Service was promised but is not reachable: {}",
            store.status().message
        );
        eprintln!(
            "skipped: no keyring here ({}); scripts/test provides one",
            store.status().message
        );
        return;
    }
    let id = format!("keyring-test-{}", std::process::id());
    let secret = Secret::new("kr-Secret-\u{e9}-42!");
    assert_eq!(store.save(&id, &secret), SecretLocation::Keyring);

    // Another store (as after a restart) reads it back from the Secret Service itself.
    assert_eq!(SecretStore::open().load(&id), Some(secret.clone()));
    // secret-tool (libsecret-tools, installed by scripts/test) reads the same item from outside.
    if std::env::var_os("VCDW_REQUIRE_KEYRING").is_some() {
        assert_eq!(
            lookup_with_secret_tool(&id).as_deref(),
            Some(secret.expose())
        );
    }

    store.forget(&id);
    assert_eq!(SecretStore::open().load(&id), None);
    assert_eq!(lookup_with_secret_tool(&id).unwrap_or_default(), "");
}
