//! The world family's XML bodies, in the shapes of the real samples (org-list.xml, org.xml, vdc.xml,
//! vapp.xml, catalog.xml, vapptemplate.xml, edgegateway.xml, query-edgegateway-records.xml): every
//! href comes from the route templates in routes/paths.rs.

use crate::live::{Live, MetaValue, Power, Shown};
use crate::routes::paths;
use crate::routes::tasks::task_xml;
use crate::world::{self, EntityId, Kind};
use crate::xml::{self, Xml};
use vcd_api::types;

/// The route template an entity of `kind` is served at.
pub(crate) fn template(kind: Kind) -> &'static str {
    match kind {
        Kind::Vdc => paths::VDC,
        Kind::VApp | Kind::Vm => paths::VAPP,
        Kind::Catalog => paths::CATALOG,
        Kind::CatalogItem => paths::CATALOG_ITEM,
        Kind::Template => paths::VAPP_TEMPLATE,
        Kind::EdgeGateway => paths::EDGE_GATEWAY,
        Kind::Network => paths::NETWORK,
        Kind::StorageProfile => paths::STORAGE_PROFILE,
        Kind::Media => paths::MEDIA,
    }
}

/// Hrefs of one org's world.
pub(crate) struct Hrefs<'a> {
    pub(crate) base: &'a str,
    pub(crate) org_id: &'a str,
    /// What actions changed: names, power states, made and deleted vApps, metadata.
    pub(crate) live: &'a Live,
}

impl Hrefs<'_> {
    pub(crate) fn of(&self, kind: Kind, index: usize) -> String {
        let id = world::href_id(self.org_id, kind, index);
        paths::href(self.base, template(kind), &id)
    }

    pub(crate) fn org(&self) -> String {
        paths::href(self.base, paths::ORG, self.org_id)
    }

    /// The org's first user, who owns every vApp and template of the world.
    pub(crate) fn owner(&self) -> String {
        let id = world::uuid(self.org_id, Kind::Vdc, 0xffff);
        paths::href(self.base, paths::USER, &id)
    }
}

pub(crate) fn media(kind: Kind) -> &'static str {
    match kind {
        Kind::Vdc => types::VDC,
        Kind::VApp => types::VAPP,
        Kind::Vm => types::VM,
        Kind::Catalog => types::CATALOG,
        Kind::CatalogItem => types::CATALOG_ITEM,
        Kind::Template => types::VAPP_TEMPLATE,
        Kind::EdgeGateway => types::EDGE_GATEWAY,
        Kind::Network => types::ORG_NETWORK,
        Kind::StorageProfile => types::STORAGE_PROFILE,
        Kind::Media => types::MEDIA,
    }
}

pub(crate) fn urn_kind(kind: Kind) -> &'static str {
    match kind {
        Kind::Vdc => "vdc",
        Kind::VApp => "vapp",
        Kind::Vm => "vm",
        Kind::Catalog => "catalog",
        Kind::CatalogItem => "catalogitem",
        Kind::Template => "vapptemplate",
        Kind::EdgeGateway => "gateway",
        Kind::Network => "network",
        Kind::StorageProfile => "vdcstorageProfile",
        Kind::Media => "media",
    }
}

/// Opens an entity's element (`<Kind href id name type …>`): a document's root declares the
/// namespaces, a nested Vm does not.
pub(super) fn open_entity(
    x: &mut Xml,
    h: &Hrefs,
    e: &EntityId,
    element: &'static str,
    namespaces: &[(&str, &str)],
    extra: &[(&str, &str)],
) {
    let href = h.of(e.kind, e.index);
    let id = format!(
        "urn:vcloud:{}:{}",
        urn_kind(e.kind),
        world::uuid(h.org_id, e.kind, e.index)
    );
    let name = match e.kind {
        Kind::VApp | Kind::Vm => h.live.shown(e.org, h.org_id, e.kind, e.index).name,
        _ => world::name(e.org, e.kind, e.index),
    };
    let mut attrs: Vec<(&str, &str)> = extra.to_vec();
    attrs.extend([
        ("href", href.as_str()),
        ("id", id.as_str()),
        ("name", name.as_ref()),
        ("type", media(e.kind)),
    ]);
    x.root(element, namespaces, &attrs);
}

pub(super) fn owner(x: &mut Xml, h: &Hrefs, org: &crate::scenario::OrgSpec) {
    let user = org
        .users
        .first()
        .map(|u| u.name.as_str())
        .unwrap_or("admin");
    x.start("Owner", &[("type", types::OWNER)])
        .reference("User", &h.owner(), user, types::USER)
        .end();
}

pub(super) fn vdc_xml(h: &Hrefs, e: &EntityId) -> String {
    let mut x = Xml::document();
    open_entity(&mut x, h, e, "Vdc", xml::VCLOUD, &[("status", "1")]);
    let me = h.of(Kind::Vdc, 0);
    x.link("up", &h.org(), Some(types::ORG))
        .link(
            "edgeGateways",
            &format!("{me}/edgeGateways"),
            Some(types::QUERY_RECORDS),
        )
        .link(
            "add",
            &format!("{me}/action/instantiateVAppTemplate"),
            Some(types::INSTANTIATE_PARAMS),
        )
        .link(
            "add",
            &format!("{me}/action/composeVApp"),
            Some(types::COMPOSE_PARAMS),
        )
        .link("down", &format!("{me}/metadata"), Some(types::METADATA))
        .leaf("AllocationModel", "AllocationVApp");
    x.start("ComputeCapacity", &[]);
    for (resource, units) in [("Cpu", "MHz"), ("Memory", "MB")] {
        x.start(resource, &[]).leaf("Units", units);
        for field in ["Allocated", "Limit", "Reserved", "Used"] {
            x.leaf(field, "0");
        }
        x.end();
    }
    x.end().start("ResourceEntities", &[]);
    for (i, name) in world::TEMPLATES.iter().enumerate() {
        x.reference(
            "ResourceEntity",
            &h.of(Kind::Template, i),
            name,
            types::VAPP_TEMPLATE,
        );
    }
    for i in h.live.vapps(h.org_id) {
        x.reference(
            "ResourceEntity",
            &h.of(Kind::VApp, i),
            &h.live.name(e.org, h.org_id, Kind::VApp, i),
            types::VAPP,
        );
    }
    x.reference(
        "ResourceEntity",
        &h.of(Kind::Media, 0),
        world::MEDIA_NAME,
        types::MEDIA,
    );
    x.end()
        .start("AvailableNetworks", &[])
        .reference(
            "Network",
            &h.of(Kind::Network, 0),
            &world::name(e.org, Kind::Network, 0),
            types::NETWORK,
        )
        .end()
        .start("Capabilities", &[])
        .start("SupportedHardwareVersions", &[])
        .leaf("SupportedHardwareVersion", "vmx-19")
        .end()
        .end()
        .leaf("NicQuota", "0")
        .leaf("NetworkQuota", "20")
        .leaf("VmQuota", "0")
        .leaf("IsEnabled", "true")
        .start("VdcStorageProfiles", &[])
        .reference(
            "VdcStorageProfile",
            &h.of(Kind::StorageProfile, 0),
            "Standard",
            types::STORAGE_PROFILE,
        );
    x.finish()
}

/// The power and deploy actions a vApp or VM offers in its state, and `remove` while it is not
/// deployed: VCD advertises only what it would accept.
fn state_links(x: &mut Xml, me: &str, shown: &Shown) {
    if shown.status <= 0 {
        // Being made, or failed to be: nothing to act on yet but its removal after a failure.
        if shown.status < 0 {
            x.link("remove", me, None);
        }
        return;
    }
    let power = |x: &mut Xml, action: &str| {
        x.link(
            &format!("power:{action}"),
            &format!("{me}/power/action/{action}"),
            None,
        );
    };
    match shown.power {
        Some(Power::On) => {
            for a in ["powerOff", "reboot", "reset", "shutdown", "suspend"] {
                power(x, a);
            }
        }
        Some(Power::Suspended) => {
            power(x, "powerOn");
            power(x, "powerOff");
        }
        Some(Power::Off) => power(x, "powerOn"),
        None => {
            power(x, "powerOn");
            power(x, "powerOff");
        }
    }
    if shown.deployed {
        x.link(
            "undeploy",
            &format!("{me}/action/undeploy"),
            Some(types::UNDEPLOY_PARAMS),
        );
    } else {
        x.link(
            "deploy",
            &format!("{me}/action/deploy"),
            Some(types::DEPLOY_PARAMS),
        );
    }
}

/// The running task of an entity, embedded as VCD embeds it (`Tasks/Task`).
fn embedded_tasks(x: &mut Xml, h: &Hrefs, shown: &Shown, owner_href: &str, owner_type: &str) {
    if let Some(task) = &shown.busy {
        x.start("Tasks", &[]);
        task_xml(x, h.base, task, owner_href, owner_type, &shown.name, false);
        x.end();
    }
}

/// A Vm element with its Links; `root` makes it a document of its own, which declares the OVF
/// namespace its VmSpecSection uses.
pub(super) fn vm_xml(x: &mut Xml, h: &Hrefs, e: &EntityId, root: bool) {
    let me = h.of(Kind::Vm, e.index);
    let shown = h.live.shown(e.org, h.org_id, Kind::Vm, e.index);
    let namespaces = if root { xml::VCLOUD_OVF } else { &[] };
    let status = shown.status.to_string();
    let state = [
        ("deployed", if shown.deployed { "true" } else { "false" }),
        ("needsCustomization", "false"),
        ("nestedHypervisorEnabled", "false"),
        ("status", status.as_str()),
    ];
    open_entity(x, h, e, "Vm", namespaces, &state);
    state_links(x, &me, &shown);
    x.link("edit", &me, Some(types::VM));
    x.link("down", &format!("{me}/metadata"), Some(types::METADATA))
        .link("screen:thumbnail", &format!("{me}/screen"), None)
        .link(
            "snapshot:create",
            &format!("{me}/action/createSnapshot"),
            Some(types::SNAPSHOT_PARAMS),
        )
        .link(
            "reconfigureVm",
            &format!("{me}/action/reconfigureVm"),
            Some(types::VM),
        )
        .link(
            "up",
            &h.of(Kind::VApp, e.index / world::VMS_PER_VAPP),
            Some(types::VAPP),
        );
    let description = shown.description.clone().unwrap_or_else(|| {
        format!(
            "{} of {}",
            shown.name,
            h.live
                .name(e.org, h.org_id, Kind::VApp, e.index / world::VMS_PER_VAPP)
        )
    });
    x.leaf("Description", &description);
    if root {
        embedded_tasks(x, h, &shown, &me, types::VM);
    }
    x.start("VmSpecSection", &[("Modified", "false")])
        .leaf("ovf:Info", "The configuration parameters for logical VM")
        .leaf("OsType", "ubuntu64Guest")
        .leaf("NumCpus", "2")
        .leaf("NumCoresPerSocket", "1")
        .start("MemoryResourceMb", &[])
        .leaf("Configured", "4096")
        .end()
        .end()
        .reference(
            "StorageProfile",
            &h.of(Kind::StorageProfile, 0),
            "Standard",
            types::STORAGE_PROFILE,
        )
        .end();
}

pub(super) fn vapp_xml(h: &Hrefs, e: &EntityId) -> String {
    let mut x = Xml::document();
    let me = h.of(Kind::VApp, e.index);
    let shown = h.live.shown(e.org, h.org_id, Kind::VApp, e.index);
    let status = shown.status.to_string();
    // The OVF namespace rides along for the VMs' VmSpecSection ovf:Info.
    let state = [
        ("deployed", if shown.deployed { "true" } else { "false" }),
        ("ovfDescriptorUploaded", "true"),
        ("status", status.as_str()),
    ];
    open_entity(&mut x, h, e, "VApp", xml::VCLOUD_OVF, &state);
    state_links(&mut x, &me, &shown);
    x.link("down", &h.of(Kind::Network, 0), Some(types::VAPP_NETWORK))
        .link(
            "controlAccess",
            &format!("{me}/action/controlAccess"),
            Some(types::CONTROL_ACCESS),
        )
        .link(
            "recompose",
            &format!("{me}/action/recomposeVApp"),
            Some(types::RECOMPOSE_PARAMS),
        )
        .link("up", &h.of(Kind::Vdc, 0), Some(types::VDC))
        .link("edit", &me, Some(types::VAPP));
    if !shown.deployed && shown.status > 0 {
        x.link("remove", &me, None);
    }
    x.link("down", &format!("{me}/owner"), Some(types::OWNER))
        .link("down", &format!("{me}/metadata"), Some(types::METADATA))
        .link(
            "snapshot:create",
            &format!("{me}/action/createSnapshot"),
            Some(types::SNAPSHOT_PARAMS),
        );
    let description = shown
        .description
        .clone()
        .unwrap_or_else(|| format!("{} in the simulator", shown.name));
    x.leaf("Description", &description);
    embedded_tasks(&mut x, h, &shown, &me, types::VAPP);
    x.leaf("DateCreated", &world::created(e.kind, e.index));
    owner(&mut x, h, e.org);
    x.leaf("InMaintenanceMode", "false");
    if shown.vms > 0 {
        x.start("Children", &[]);
        for k in 0..shown.vms {
            let vm = EntityId {
                kind: Kind::Vm,
                index: e.index * world::VMS_PER_VAPP + k,
                ..*e
            };
            vm_xml(&mut x, h, &vm, false);
        }
    }
    x.finish()
}

pub(super) fn catalog_xml(h: &Hrefs, e: &EntityId) -> String {
    let mut x = Xml::document();
    open_entity(&mut x, h, e, "Catalog", xml::VCLOUD, &[]);
    let me = h.of(Kind::Catalog, 0);
    x.link("up", &h.org(), Some(types::ORG))
        .link("down", &format!("{me}/metadata"), Some(types::METADATA))
        .link(
            "add",
            &format!("{me}/catalogItems"),
            Some(types::CATALOG_ITEM),
        )
        .leaf("Description", "Templates of the simulated org")
        .start("CatalogItems", &[]);
    for (i, name) in world::TEMPLATES.iter().enumerate() {
        x.reference(
            "CatalogItem",
            &h.of(Kind::CatalogItem, i),
            name,
            types::CATALOG_ITEM,
        );
    }
    x.end().leaf("IsPublished", "false");
    x.finish()
}

pub(super) fn catalog_item_xml(h: &Hrefs, e: &EntityId) -> String {
    let mut x = Xml::document();
    open_entity(&mut x, h, e, "CatalogItem", xml::VCLOUD, &[]);
    let me = h.of(Kind::CatalogItem, e.index);
    x.link("up", &h.of(Kind::Catalog, 0), Some(types::CATALOG))
        .link("edit", &me, Some(types::CATALOG_ITEM))
        .link("remove", &me, None)
        .link("down", &format!("{me}/metadata"), Some(types::METADATA))
        .leaf("Description", "")
        .reference(
            "Entity",
            &h.of(Kind::Template, e.index),
            world::TEMPLATES[e.index],
            types::VAPP_TEMPLATE,
        );
    x.finish()
}

pub(super) fn template_xml(h: &Hrefs, e: &EntityId) -> String {
    let mut x = Xml::document();
    let state = [
        ("ovfDescriptorUploaded", "true"),
        ("goldMaster", "false"),
        ("status", "8"),
    ];
    open_entity(&mut x, h, e, "VAppTemplate", xml::VCLOUD_OVF, &state);
    let me = h.of(Kind::Template, e.index);
    x.link(
        "catalogItem",
        &h.of(Kind::CatalogItem, e.index),
        Some(types::CATALOG_ITEM),
    )
    .link("enable", &format!("{me}/action/enableDownload"), None)
    .link("disable", &format!("{me}/action/disableDownload"), None)
    .link(
        "storageProfile",
        &h.of(Kind::StorageProfile, 0),
        Some(types::STORAGE_PROFILE),
    )
    .link("down", &format!("{me}/owner"), Some(types::OWNER))
    .link("down", &format!("{me}/metadata"), Some(types::METADATA))
    .link("edit", &me, Some(types::VAPP_TEMPLATE))
    .link("remove", &me, None)
    .leaf(
        "Description",
        &format!("{} template", world::TEMPLATES[e.index]),
    );
    owner(&mut x, h, e.org);
    x.finish()
}

pub(super) fn edge_xml(h: &Hrefs, e: &EntityId) -> String {
    let mut x = Xml::document();
    open_entity(&mut x, h, e, "EdgeGateway", xml::VCLOUD, &[("status", "1")]);
    let me = h.of(Kind::EdgeGateway, 0);
    let network = world::name(e.org, Kind::Network, 0);
    x.link("up", &h.of(Kind::Vdc, 0), Some(types::VDC))
        .link("edit", &me, Some(types::EDGE_GATEWAY))
        .link(
            "edgeGateway:redeploy",
            &format!("{me}/action/redeploy"),
            None,
        )
        .link(
            "edgeGateway:configureServices",
            &format!("{me}/action/configureServices"),
            Some(types::EDGE_GATEWAY_CONFIG),
        )
        .link(
            "edgeGateway:reapplyServices",
            &format!("{me}/action/reapplyServices"),
            None,
        )
        .start("Configuration", &[])
        .leaf("GatewayBackingConfig", "compact")
        .start("GatewayInterfaces", &[])
        .start("GatewayInterface", &[])
        .leaf("Name", &network)
        .reference(
            "Network",
            &h.of(Kind::Network, 0),
            &network,
            types::ADMIN_NETWORK,
        )
        .leaf("InterfaceType", "internal")
        .end()
        .end();
    let services = h
        .live
        .edge_services(h.org_id)
        .unwrap_or_else(default_edge_services);
    x.node(&services).leaf("HaEnabled", "false");
    x.finish()
}

/// The services an edge gateway starts with (`edgegateway.xml`'s shape): a firewall that drops by
/// default with an SSH and an outbound rule, and a DNAT rule for SSH, NAT disabled.
pub(crate) fn default_edge_services() -> crate::body::Node {
    const DEFAULT: &str = r#"<EdgeGatewayServiceConfiguration xmlns="http://www.vmware.com/vcloud/v1.5">
<FirewallService><IsEnabled>true</IsEnabled><DefaultAction>drop</DefaultAction><LogDefaultAction>false</LogDefaultAction>
<FirewallRule><Id>1</Id><IsEnabled>true</IsEnabled><MatchOnTranslate>false</MatchOnTranslate><Description>ssh to web-frontend</Description><Policy>allow</Policy><Protocols><Tcp>true</Tcp></Protocols><Port>22</Port><DestinationPortRange>22</DestinationPortRange><DestinationIp>203.0.113.10</DestinationIp><SourcePort>-1</SourcePort><SourcePortRange>Any</SourcePortRange><SourceIp>Any</SourceIp><EnableLogging>false</EnableLogging></FirewallRule>
<FirewallRule><Id>2</Id><IsEnabled>true</IsEnabled><MatchOnTranslate>false</MatchOnTranslate><Description>outbound</Description><Policy>allow</Policy><Protocols><Any>true</Any></Protocols><Port>-1</Port><DestinationPortRange>Any</DestinationPortRange><DestinationIp>external</DestinationIp><SourcePort>-1</SourcePort><SourcePortRange>Any</SourcePortRange><SourceIp>internal</SourceIp><EnableLogging>false</EnableLogging></FirewallRule>
</FirewallService>
<NatService><IsEnabled>false</IsEnabled>
<NatRule><RuleType>DNAT</RuleType><IsEnabled>true</IsEnabled><Id>65537</Id><GatewayNatRule><OriginalIp>203.0.113.10</OriginalIp><OriginalPort>22</OriginalPort><TranslatedIp>192.168.10.11</TranslatedIp><TranslatedPort>22</TranslatedPort><Protocol>tcp</Protocol></GatewayNatRule></NatRule>
</NatService>
</EdgeGatewayServiceConfiguration>"#;
    crate::body::parse(DEFAULT.as_bytes()).expect("the built-in edge services are well-formed")
}

pub(super) fn network_xml(h: &Hrefs, e: &EntityId) -> String {
    let mut x = Xml::document();
    open_entity(
        &mut x,
        h,
        e,
        "OrgVdcNetwork",
        xml::VCLOUD,
        &[("status", "1")],
    );
    x.link("up", &h.of(Kind::Vdc, 0), Some(types::VDC))
        .link(
            "down",
            &format!("{}/metadata", h.of(Kind::Network, 0)),
            Some(types::METADATA),
        )
        .leaf("Description", "Routed through the edge gateway")
        .start("Configuration", &[])
        .start("IpScopes", &[])
        .start("IpScope", &[])
        .leaf("IsInherited", "false")
        .leaf("Gateway", "192.168.10.1")
        .leaf("Netmask", "255.255.255.0")
        .end()
        .end()
        .leaf("FenceMode", "natRouted")
        .end()
        .reference(
            "EdgeGateway",
            &h.of(Kind::EdgeGateway, 0),
            &world::name(e.org, Kind::EdgeGateway, 0),
            types::EDGE_GATEWAY,
        )
        .leaf("IsShared", "false");
    x.finish()
}

pub(super) fn storage_profile_xml(h: &Hrefs, e: &EntityId) -> String {
    let mut x = Xml::document();
    open_entity(&mut x, h, e, "VdcStorageProfile", xml::VCLOUD, &[]);
    x.link("up", &h.of(Kind::Vdc, 0), Some(types::VDC))
        .leaf("Enabled", "true")
        .leaf("Units", "MB")
        .leaf("Limit", "0")
        .leaf("Default", "true");
    x.finish()
}

/// An entity's metadata: its entries, each typed, linking back to the entity.
pub(super) fn metadata_xml(h: &Hrefs, e: &EntityId) -> String {
    let me = h.of(e.kind, e.index);
    let all = format!("{me}/metadata");
    let mut x = Xml::document();
    x.root(
        "Metadata",
        xml::VCLOUD,
        &[("href", &all), ("type", types::METADATA)],
    )
    .link("up", &me, Some(media(e.kind)))
    .link("add", &all, Some(types::METADATA));
    for (key, value) in h.live.metadata(h.org_id, e.kind, e.index) {
        let one = format!("{all}/{}", vcd_api::encode_component(&key));
        x.start(
            "MetadataEntry",
            &[("href", &one), ("type", types::METADATA_VALUE)],
        )
        .link("up", &all, Some(types::METADATA))
        .link("edit", &one, Some(types::METADATA_VALUE))
        .link("remove", &one, None)
        .leaf("Key", &key)
        .start("TypedValue", &[("xsi:type", &value.xsi_type)])
        .leaf("Value", &value.value)
        .end()
        .end();
    }
    x.finish()
}

/// One metadata value (`GET …/metadata/{key}`).
pub(super) fn metadata_value_xml(h: &Hrefs, e: &EntityId, key: &str, value: &MetaValue) -> String {
    let all = format!("{}/metadata", h.of(e.kind, e.index));
    let one = format!("{all}/{}", vcd_api::encode_component(key));
    let mut x = Xml::document();
    x.root(
        "MetadataValue",
        xml::VCLOUD,
        &[("href", &one), ("type", types::METADATA_VALUE)],
    )
    .link("up", &all, Some(types::METADATA))
    .link("edit", &one, Some(types::METADATA_VALUE))
    .link("remove", &one, None)
    .start("TypedValue", &[("xsi:type", &value.xsi_type)])
    .leaf("Value", &value.value);
    x.finish()
}

/// An ISO in the org's VDC.
pub(super) fn media_xml(h: &Hrefs, e: &EntityId) -> String {
    let mut x = Xml::document();
    open_entity(
        &mut x,
        h,
        e,
        "Media",
        xml::VCLOUD,
        &[
            ("imageType", "iso"),
            ("size", "2136926208"),
            ("status", "1"),
        ],
    );
    let me = h.of(Kind::Media, 0);
    x.link("up", &h.of(Kind::Vdc, 0), Some(types::VDC))
        .link("down", &format!("{me}/metadata"), Some(types::METADATA))
        .leaf("Description", "Ubuntu 22.04 installer");
    owner(&mut x, h, e.org);
    x.finish()
}

/// Who owns a vApp or a template.
pub(super) fn owner_xml(h: &Hrefs, e: &EntityId) -> String {
    let me = h.of(e.kind, e.index);
    let user = e
        .org
        .users
        .first()
        .map(|u| u.name.as_str())
        .unwrap_or("admin");
    let mut x = Xml::document();
    x.root(
        "Owner",
        xml::VCLOUD,
        &[("href", &format!("{me}/owner")), ("type", types::OWNER)],
    )
    .link("up", &me, Some(media(e.kind)))
    .reference("User", &h.owner(), user, types::USER);
    x.finish()
}

/// The Links an Org document gets from its world (`org.xml` shape: vdc, catalog, network, add).
pub(super) fn org_world_links(
    x: &mut Xml,
    public_url: &str,
    org_id: &str,
    org: &crate::scenario::OrgSpec,
    live: &Live,
    version: &str,
) {
    if org.name.eq_ignore_ascii_case("System") {
        return;
    }
    let h = Hrefs {
        base: public_url,
        org_id,
        live,
    };
    for (kind, t) in [
        (Kind::Vdc, types::VDC),
        (Kind::Catalog, types::CATALOG),
        (Kind::Network, types::ORG_NETWORK),
    ] {
        x.empty(
            "Link",
            &[
                ("rel", "down"),
                ("href", &h.of(kind, 0)),
                ("name", &world::name(org, kind, 0)),
                ("type", t),
            ],
        );
    }
    x.link(
        "add",
        &paths::href(h.base, paths::ORG_CATALOGS, org_id),
        Some(types::ADMIN_CATALOG),
    );
    // From API 33 the SDKs list an Org's VDCs and catalogs through the query service, from these.
    let v33 = version
        .parse::<vcd_api::ApiVersion>()
        .is_ok_and(|v| v.at_least(vcd_api::ORG_QUERY_LINKS_MIN_VERSION));
    if v33 {
        for (query, name) in [("orgVdc", "orgVdcs"), ("catalog", "catalogs")] {
            let href = format!(
                "{}?type={query}&format=records&filter=orgName%3D%3D{}",
                paths::at(h.base, paths::QUERY_LIST),
                vcd_api::encode_component(&org.name)
            );
            x.empty(
                "Link",
                &[
                    ("rel", "down"),
                    ("href", &href),
                    ("name", name),
                    ("type", types::QUERY_RECORDS),
                ],
            );
        }
    }
}

/// `OrgList` (`org-list.xml` shape).
pub(super) fn org_list_xml(public_url: &str, orgs: &[(String, String)]) -> String {
    let mut x = Xml::document();
    x.root(
        "OrgList",
        &[("xmlns", vcd_api::NS_VCLOUD)],
        &[
            ("href", &paths::at(public_url, paths::ORG_LIST)),
            ("type", types::ORG_LIST),
        ],
    );
    for (id, name) in orgs {
        x.reference(
            "Org",
            &paths::href(public_url, paths::ORG, id),
            name,
            types::ORG,
        );
    }
    x.finish()
}

/// An `Org` (`org.xml` shape); `world` writes the Links to its VDC, catalog and network.
pub(super) fn org_xml(
    public_url: &str,
    id: &str,
    name: &str,
    full_name: &str,
    world: impl FnOnce(&mut Xml),
) -> String {
    let mut x = Xml::document();
    x.root(
        "Org",
        &[("xmlns", vcd_api::NS_VCLOUD)],
        &[
            ("href", &paths::href(public_url, paths::ORG, id)),
            ("id", &format!("urn:vcloud:org:{id}")),
            ("name", name),
            ("type", types::ORG),
        ],
    );
    world(&mut x);
    x.link(
        "down",
        &paths::href(public_url, paths::TASKS_LIST, id),
        Some(types::TASKS_LIST),
    )
    .leaf("Description", "")
    .leaf("FullName", full_name);
    x.finish()
}
