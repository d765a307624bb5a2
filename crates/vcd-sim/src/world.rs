//! The tenant world each org of the scenario gets: one VDC with vApps (two VMs each), vApp templates,
//! a catalog of those templates, an ISO medium, an edge gateway, a network and a storage profile.
//! Nothing is stored: an entity's id encodes its org, kind and index, so `--scale 200000` costs no
//! memory until a page lists it. What actions change is held in live/.

use crate::scenario::OrgSpec;

/// What an id names.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Kind {
    Vdc = 1,
    VApp = 2,
    Vm = 3,
    Catalog = 4,
    CatalogItem = 5,
    Template = 6,
    EdgeGateway = 7,
    Network = 8,
    StorageProfile = 9,
    Media = 10,
}

impl Kind {
    fn from_code(code: u16) -> Option<Kind> {
        Some(match code {
            1 => Kind::Vdc,
            2 => Kind::VApp,
            3 => Kind::Vm,
            4 => Kind::Catalog,
            5 => Kind::CatalogItem,
            6 => Kind::Template,
            7 => Kind::EdgeGateway,
            8 => Kind::Network,
            9 => Kind::StorageProfile,
            10 => Kind::Media,
            _ => return None,
        })
    }

    /// The prefix VCD puts before the UUID in some hrefs (`vapp-`, `vm-`, `vappTemplate-`).
    pub fn href_prefix(self) -> &'static str {
        match self {
            Kind::VApp => "vapp-",
            Kind::Vm => "vm-",
            Kind::Template => "vappTemplate-",
            _ => "",
        }
    }
}

/// VMs per vApp.
pub const VMS_PER_VAPP: usize = 2;
/// Templates in each org's catalog (and as ResourceEntities of its VDC).
pub const TEMPLATES: [&str; 2] = ["ubuntu-22.04-server", "photon-5.0"];
/// The one ISO of each org's VDC and catalog.
pub const MEDIA_NAME: &str = "ubuntu-22.04-live-server.iso";
const VAPP_NAMES: [&str; 3] = ["web-frontend", "db-backend", "build-agent"];

/// An entity of an org's world.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct EntityId<'a> {
    pub org: &'a OrgSpec,
    pub org_id: &'a str,
    pub kind: Kind,
    pub index: usize,
}

/// The first 8 hex digits of an org's id tie its entities to it.
pub fn org_prefix(org_id: &str) -> &str {
    org_id.get(..8).unwrap_or(org_id)
}

/// `{org8}-{kind}-4000-8000-{index}`: a well-formed UUID that says what it names.
pub fn uuid(org_id: &str, kind: Kind, index: usize) -> String {
    format!(
        "{}-{:04x}-4000-8000-{:012x}",
        org_prefix(org_id),
        kind as u16,
        index
    )
}

/// The id as it appears in an href (`vapp-<uuid>` for a vApp).
pub fn href_id(org_id: &str, kind: Kind, index: usize) -> String {
    format!("{}{}", kind.href_prefix(), uuid(org_id, kind, index))
}

/// Reads an href id back; `None` for anything this world did not make. `orgs` pairs each org with
/// its id.
pub fn parse<'a>(raw: &str, orgs: &'a [(String, &'a OrgSpec)]) -> Option<EntityId<'a>> {
    let (kind_hint, uuid) = ["vappTemplate-", "vapp-", "vm-"]
        .iter()
        .find_map(|p| raw.strip_prefix(p).map(|rest| (Some(*p), rest)))
        .unwrap_or((None, raw));
    let parts: Vec<&str> = uuid.split('-').collect();
    if parts.len() != 5 || parts[2] != "4000" || parts[3] != "8000" {
        return None;
    }
    let kind = Kind::from_code(u16::from_str_radix(parts[1], 16).ok()?)?;
    if kind_hint.unwrap_or("") != kind.href_prefix() {
        return None;
    }
    let index = usize::from_str_radix(parts[4], 16).ok()?;
    let (org_id, org) = orgs.iter().find(|(id, _)| org_prefix(id) == parts[0])?;
    Some(EntityId {
        org,
        org_id,
        kind,
        index,
    })
}

/// How many of each kind an org's world holds.
pub fn count(kind: Kind, vapps: usize) -> usize {
    match kind {
        Kind::VApp => vapps,
        Kind::Vm => vapps * VMS_PER_VAPP,
        Kind::CatalogItem | Kind::Template => TEMPLATES.len(),
        _ => 1,
    }
}

/// When an entity was made: the demo world's first day, one minute apart by index, so that
/// `creationDate` filters and sorts have something to tell apart.
pub fn created(kind: Kind, index: usize) -> String {
    const FIRST: i64 = 1_767_605_400_000; // 2026-01-05T09:30:00.000Z
    let step = match kind {
        Kind::Vm => 60_000 / VMS_PER_VAPP as i64,
        _ => 60_000,
    };
    crate::clock::iso8601_millis(FIRST + step * index as i64)
}

pub fn vapp_name(index: usize) -> String {
    match VAPP_NAMES.get(index) {
        Some(n) => n.to_string(),
        None => format!("vapp-{:05}", index + 1),
    }
}

pub fn vm_name(index: usize) -> String {
    format!(
        "{}-vm{}",
        vapp_name(index / VMS_PER_VAPP),
        index % VMS_PER_VAPP + 1
    )
}

pub fn name(org: &OrgSpec, kind: Kind, index: usize) -> String {
    match kind {
        Kind::Vdc => format!("{}-vdc-01", org.name),
        Kind::VApp => vapp_name(index),
        Kind::Vm => vm_name(index),
        Kind::Catalog => format!("{}-catalog", org.name),
        Kind::CatalogItem | Kind::Template => {
            TEMPLATES.get(index).unwrap_or(&"template").to_string()
        }
        Kind::EdgeGateway => format!("{}-edge-01", org.name),
        Kind::Network => format!("{}-routed-net", org.name),
        Kind::StorageProfile => "Standard".into(),
        Kind::Media => MEDIA_NAME.into(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_read_back_to_their_org_kind_and_index() {
        let acme = OrgSpec {
            name: "acme".into(),
            full_name: None,
            id: None,
            users: vec![],
            api_tokens: vec![],
        };
        let orgs = vec![("1a2b3c4d-0000-0000-0000-000000000000".to_string(), &acme)];
        let id = href_id(&orgs[0].0, Kind::Vm, 4097);
        assert!(id.starts_with("vm-1a2b3c4d-0003-4000-8000-"), "{id}");
        let back = parse(&id, &orgs).unwrap();
        assert_eq!((back.kind, back.index), (Kind::Vm, 4097));
        // The prefix must match the kind, and foreign ids are not ours.
        assert!(parse(&id.replacen("vm-", "vapp-", 1), &orgs).is_none());
        assert!(parse("vapp-00000000-0000-0000-0000-000000000000", &orgs).is_none());
        assert!(parse(&uuid("ffffffff", Kind::Vdc, 0), &orgs).is_none());
        assert_eq!(vm_name(5), "build-agent-vm2");
        assert_eq!(vapp_name(3), "vapp-00004");
    }
}
