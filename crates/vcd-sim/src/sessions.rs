//! Live sessions of the simulated VCD: tokens, idle expiry, logout.

use ring::rand::{SecureRandom, SystemRandom};
use std::sync::Mutex;
use std::time::{Duration, Instant};

#[derive(Debug, Clone)]
pub struct SimSession {
    pub id: String,
    pub user: String,
    /// The org's name as the scenario spells it.
    pub org: String,
    pub role: String,
    pub via_api_token: bool,
    /// The 32-hex-digit token of `x-vcloud-authorization`.
    pub legacy_token: String,
    /// The JWT-shaped bearer of `X-VMWARE-VCLOUD-ACCESS-TOKEN`.
    pub bearer: String,
    last_used: Instant,
    /// Authenticated requests made with this session so far.
    uses: u32,
}

/// Formats 32 hex digits as a UUID (8-4-4-4-12).
pub fn uuid_from_hex(hex: &str) -> String {
    format!(
        "{}-{}-{}-{}-{}",
        &hex[0..8],
        &hex[8..12],
        &hex[12..16],
        &hex[16..20],
        &hex[20..32]
    )
}

pub struct SessionStore {
    idle: Duration,
    max_requests: Option<u32>,
    sessions: Mutex<Vec<SimSession>>,
    rng: SystemRandom,
}

/// What a presented token turned out to be.
pub enum Lookup {
    Live(SimSession),
    /// It was a session's token, but the session idled out (and is now gone).
    Expired,
    Unknown,
}

impl SessionStore {
    pub fn new(idle: Duration, max_requests: Option<u32>) -> SessionStore {
        SessionStore {
            idle,
            max_requests,
            sessions: Mutex::new(Vec::new()),
            rng: SystemRandom::new(),
        }
    }

    pub fn idle(&self) -> Duration {
        self.idle
    }

    pub fn random_hex(&self, bytes: usize) -> String {
        let mut buf = vec![0u8; bytes];
        // SystemRandom fails only when the OS has no randomness at all; zeros then still make
        // unique-enough ids for a simulator, and nothing here protects real data.
        let _ = self.rng.fill(&mut buf);
        buf.iter().map(|b| format!("{b:02x}")).collect()
    }

    pub fn random_uuid(&self) -> String {
        uuid_from_hex(&self.random_hex(16))
    }

    pub fn open(&self, user: &str, org: &str, role: &str, via_api_token: bool) -> SimSession {
        let id = self.random_uuid();
        // Shaped like VCD's: a JWT is three base64url parts; this one is opaque to clients anyway.
        let bearer = format!("sim.{}.{}", self.random_hex(48), self.random_hex(24));
        let session = SimSession {
            id,
            user: user.to_string(),
            org: org.to_string(),
            role: role.to_string(),
            via_api_token,
            legacy_token: self.random_hex(16),
            bearer,
            last_used: Instant::now(),
            uses: 0,
        };
        if let Ok(mut all) = self.sessions.lock() {
            all.push(session.clone());
        }
        session
    }

    /// Finds the session of a token and marks it used; one that idled out or used up its requests is
    /// removed and reported expired.
    pub fn touch(&self, token: &str) -> Lookup {
        let Ok(mut all) = self.sessions.lock() else {
            return Lookup::Unknown;
        };
        let Some(i) = all
            .iter()
            .position(|s| s.bearer == token || s.legacy_token == token)
        else {
            return Lookup::Unknown;
        };
        let used_up = self.max_requests.is_some_and(|max| all[i].uses >= max);
        if used_up || all[i].last_used.elapsed() > self.idle {
            all.remove(i);
            return Lookup::Expired;
        }
        all[i].last_used = Instant::now();
        all[i].uses += 1;
        Lookup::Live(all[i].clone())
    }

    pub fn close(&self, id: &str) {
        if let Ok(mut all) = self.sessions.lock() {
            all.retain(|s| s.id != id);
        }
    }
}
