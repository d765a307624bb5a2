//! The tenant world over HTTP: `GET` of VDCs, vApps, VMs, catalogs, catalog items, vApp templates,
//! edge gateways, networks and storage profiles, in the shapes of the real samples (vdc.xml,
//! vapp.xml, catalog.xml, vapptemplate.xml, edgegateway.xml, query-edgegateway-records.xml), each
//! reachable only through the Links and references of the pages above it. Another org's entity, or an
//! id this world never made, answers 403 ACCESS_TO_RESOURCE_IS_FORBIDDEN as VCD does.

use crate::auth_routes::require_session;
use crate::routes::{requested_version, vcd_error, visible_orgs, xml, Shared, SimState};
use crate::world::{self, EntityId, Kind};
use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::Response;
use axum::routing::get;
use axum::Router;
use quick_xml::escape::escape;
use std::fmt::Write;

/// The routes of this family (the tenant world's entities); routes.rs merges the families and
/// answers a wrong method once for all.
pub fn routes() -> Router<Shared> {
    Router::new()
        .route("/api/vdc/{id}", get(vdc))
        .route("/api/vdc/{id}/edgeGateways", get(vdc_edge_gateways))
        .route("/api/vdc/{id}/metadata", get(vdc_metadata))
        .route("/api/vApp/{id}", get(vapp_or_vm))
        .route("/api/vApp/{id}/metadata", get(vapp_or_vm_metadata))
        .route("/api/vApp/{id}/owner", get(vapp_owner))
        .route("/api/catalog/{id}", get(catalog))
        .route("/api/catalog/{id}/metadata", get(catalog_metadata))
        .route("/api/catalogItem/{id}", get(catalog_item))
        .route("/api/vAppTemplate/{id}", get(template))
        .route("/api/vAppTemplate/{id}/owner", get(template_owner))
        .route("/api/admin/edgeGateway/{id}", get(edge_gateway))
        .route("/api/network/{id}", get(network))
        .route("/api/network/{id}/metadata", get(network_metadata))
        .route("/api/catalogItem/{id}/metadata", get(catalog_item_metadata))
        .route("/api/vAppTemplate/{id}/metadata", get(template_metadata))
        .route("/api/vdcStorageProfile/{id}", get(storage_profile))
}

const DECL: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"#;
const NS: &str = r#"xmlns="http://www.vmware.com/vcloud/v1.5" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance""#;
const OVF_NS: &str = r#"xmlns:ovf="http://schemas.dmtf.org/ovf/envelope/1""#;

/// Hrefs of one org's world.
struct Hrefs<'a> {
    base: String,
    org_id: &'a str,
}

impl Hrefs<'_> {
    fn of(&self, kind: Kind, index: usize) -> String {
        let id = world::href_id(self.org_id, kind, index);
        let base = &self.base;
        match kind {
            Kind::Vdc => format!("{base}/api/vdc/{id}"),
            Kind::VApp | Kind::Vm => format!("{base}/api/vApp/{id}"),
            Kind::Catalog => format!("{base}/api/catalog/{id}"),
            Kind::CatalogItem => format!("{base}/api/catalogItem/{id}"),
            Kind::Template => format!("{base}/api/vAppTemplate/{id}"),
            Kind::EdgeGateway => format!("{base}/api/admin/edgeGateway/{id}"),
            Kind::Network => format!("{base}/api/network/{id}"),
            Kind::StorageProfile => format!("{base}/api/vdcStorageProfile/{id}"),
        }
    }

    fn org(&self) -> String {
        format!("{}/api/org/{}", self.base, self.org_id)
    }
}

fn media(kind: Kind) -> &'static str {
    match kind {
        Kind::Vdc => "application/vnd.vmware.vcloud.vdc+xml",
        Kind::VApp => "application/vnd.vmware.vcloud.vApp+xml",
        Kind::Vm => "application/vnd.vmware.vcloud.vm+xml",
        Kind::Catalog => "application/vnd.vmware.vcloud.catalog+xml",
        Kind::CatalogItem => "application/vnd.vmware.vcloud.catalogItem+xml",
        Kind::Template => "application/vnd.vmware.vcloud.vAppTemplate+xml",
        Kind::EdgeGateway => "application/vnd.vmware.admin.edgeGateway+xml",
        Kind::Network => "application/vnd.vmware.vcloud.orgNetwork+xml",
        Kind::StorageProfile => "application/vnd.vmware.vcloud.vdcStorageProfile+xml",
    }
}

fn urn_kind(kind: Kind) -> &'static str {
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
    }
}

/// `<Link rel href type>` lines, one per (rel, href, type).
fn links(out: &mut String, indent: &str, rows: &[(&str, String, Option<&str>)]) {
    for (rel, href, media_type) in rows {
        link(out, indent, rel, href, *media_type);
    }
}

fn link(out: &mut String, indent: &str, rel: &str, href: &str, media_type: Option<&str>) {
    let _ = match media_type {
        Some(t) => writeln!(
            out,
            "{indent}<Link rel=\"{rel}\" href=\"{href}\" type=\"{t}\"/>"
        ),
        None => writeln!(out, "{indent}<Link rel=\"{rel}\" href=\"{href}\"/>"),
    };
}

fn reference(out: &mut String, indent: &str, element: &str, href: &str, name: &str, t: &str) {
    let _ = writeln!(
        out,
        "{indent}<{element} href=\"{href}\" name=\"{}\" type=\"{t}\"/>",
        escape(name)
    );
}

/// `<Kind href id name type ...>` opening tag of an entity document (or a nested Vm).
fn open(out: &mut String, h: &Hrefs, e: &EntityId, element: &str, extra: &str, root: bool) {
    let uuid = world::uuid(h.org_id, e.kind, e.index);
    let ns = if root {
        format!(" {NS}")
    } else {
        String::new()
    };
    let _ = writeln!(
        out,
        "<{element}{ns}{extra} href=\"{}\" id=\"urn:vcloud:{}:{uuid}\" name=\"{}\" type=\"{}\">",
        h.of(e.kind, e.index),
        urn_kind(e.kind),
        escape(world::name(e.org, e.kind, e.index)),
        media(e.kind)
    );
}

fn owner(out: &mut String, h: &Hrefs, org: &crate::scenario::OrgSpec, indent: &str) {
    let user = org
        .users
        .first()
        .map(|u| u.name.as_str())
        .unwrap_or("admin");
    let _ = writeln!(
        out,
        "{indent}<Owner type=\"application/vnd.vmware.vcloud.owner+xml\">\n{indent}    <User href=\"{}/api/admin/user/{}\" name=\"{}\" type=\"application/vnd.vmware.admin.user+xml\"/>\n{indent}</Owner>",
        h.base,
        world::uuid(h.org_id, Kind::Vdc, 0xffff),
        escape(user)
    );
}

fn vdc_xml(h: &Hrefs, e: &EntityId, vapps: usize) -> String {
    let mut out = format!("{DECL}\n");
    open(&mut out, h, e, "Vdc", " status=\"1\"", true);
    let me = h.of(Kind::Vdc, 0);
    links(
        &mut out,
        "    ",
        &[
            ("up", h.org(), Some("application/vnd.vmware.vcloud.org+xml")),
            (
                "edgeGateways",
                format!("{me}/edgeGateways"),
                Some("application/vnd.vmware.vcloud.query.records+xml"),
            ),
            (
                "add",
                format!("{me}/action/instantiateVAppTemplate"),
                Some("application/vnd.vmware.vcloud.instantiateVAppTemplateParams+xml"),
            ),
            (
                "add",
                format!("{me}/action/composeVApp"),
                Some("application/vnd.vmware.vcloud.composeVAppParams+xml"),
            ),
            (
                "down",
                format!("{me}/metadata"),
                Some("application/vnd.vmware.vcloud.metadata+xml"),
            ),
        ],
    );
    out.push_str(
        "    <AllocationModel>AllocationVApp</AllocationModel>\n    <ComputeCapacity>\n        <Cpu>\n            <Units>MHz</Units>\n            <Allocated>0</Allocated>\n            <Limit>0</Limit>\n            <Reserved>0</Reserved>\n            <Used>0</Used>\n        </Cpu>\n        <Memory>\n            <Units>MB</Units>\n            <Allocated>0</Allocated>\n            <Limit>0</Limit>\n            <Reserved>0</Reserved>\n            <Used>0</Used>\n        </Memory>\n    </ComputeCapacity>\n    <ResourceEntities>\n",
    );
    for i in 0..world::TEMPLATES.len() {
        reference(
            &mut out,
            "        ",
            "ResourceEntity",
            &h.of(Kind::Template, i),
            world::TEMPLATES[i],
            media(Kind::Template),
        );
    }
    for i in 0..vapps {
        reference(
            &mut out,
            "        ",
            "ResourceEntity",
            &h.of(Kind::VApp, i),
            &world::vapp_name(i),
            media(Kind::VApp),
        );
    }
    out.push_str("    </ResourceEntities>\n    <AvailableNetworks>\n");
    reference(
        &mut out,
        "        ",
        "Network",
        &h.of(Kind::Network, 0),
        &world::name(e.org, Kind::Network, 0),
        "application/vnd.vmware.vcloud.network+xml",
    );
    out.push_str("    </AvailableNetworks>\n    <Capabilities>\n        <SupportedHardwareVersions>\n            <SupportedHardwareVersion>vmx-19</SupportedHardwareVersion>\n        </SupportedHardwareVersions>\n    </Capabilities>\n    <NicQuota>0</NicQuota>\n    <NetworkQuota>20</NetworkQuota>\n    <VmQuota>0</VmQuota>\n    <IsEnabled>true</IsEnabled>\n    <VdcStorageProfiles>\n");
    reference(
        &mut out,
        "        ",
        "VdcStorageProfile",
        &h.of(Kind::StorageProfile, 0),
        "Standard",
        media(Kind::StorageProfile),
    );
    out.push_str("    </VdcStorageProfiles>\n</Vdc>\n");
    out
}

/// A Vm element with its Links; `root` makes it a document of its own.
fn vm_xml(out: &mut String, h: &Hrefs, e: &EntityId, root: bool) {
    let indent = if root { "" } else { "        " };
    let me = h.of(Kind::Vm, e.index);
    out.push_str(indent);
    // A Vm document of its own declares the OVF namespace its VmSpecSection uses.
    let attrs = format!(
        "{} deployed=\"false\" needsCustomization=\"false\" nestedHypervisorEnabled=\"false\" status=\"8\"",
        if root { format!(" {OVF_NS}") } else { String::new() }
    );
    open(out, h, e, "Vm", &attrs, root);
    let li = format!("{indent}    ");
    links(
        out,
        &li,
        &[
            ("power:powerOn", format!("{me}/power/action/powerOn"), None),
            (
                "deploy",
                format!("{me}/action/deploy"),
                Some("application/vnd.vmware.vcloud.deployVAppParams+xml"),
            ),
            ("edit", me.clone(), Some(media(Kind::Vm))),
            ("remove", me.clone(), None),
            (
                "down",
                format!("{me}/metadata"),
                Some("application/vnd.vmware.vcloud.metadata+xml"),
            ),
            ("screen:thumbnail", format!("{me}/screen"), None),
            (
                "snapshot:create",
                format!("{me}/action/createSnapshot"),
                Some("application/vnd.vmware.vcloud.createSnapshotParams+xml"),
            ),
            (
                "reconfigureVm",
                format!("{me}/action/reconfigureVm"),
                Some(media(Kind::Vm)),
            ),
            (
                "up",
                h.of(Kind::VApp, e.index / world::VMS_PER_VAPP),
                Some(media(Kind::VApp)),
            ),
        ],
    );
    let _ = writeln!(
        out,
        "{li}<Description>{} of {}</Description>",
        world::vm_name(e.index),
        world::vapp_name(e.index / world::VMS_PER_VAPP)
    );
    let _ = writeln!(out, "{li}<VmSpecSection Modified=\"false\">\n{li}    <ovf:Info>The configuration parameters for logical VM</ovf:Info>\n{li}    <OsType>ubuntu64Guest</OsType>\n{li}    <NumCpus>2</NumCpus>\n{li}    <NumCoresPerSocket>1</NumCoresPerSocket>\n{li}    <MemoryResourceMb>\n{li}        <Configured>4096</Configured>\n{li}    </MemoryResourceMb>\n{li}</VmSpecSection>");
    reference(
        out,
        &li,
        "StorageProfile",
        &h.of(Kind::StorageProfile, 0),
        "Standard",
        media(Kind::StorageProfile),
    );
    let _ = writeln!(out, "{indent}</Vm>");
}

fn vapp_xml(h: &Hrefs, e: &EntityId) -> String {
    let mut out = format!("{DECL}\n");
    let me = h.of(Kind::VApp, e.index);
    out.push_str(&format!("<VApp {OVF_NS}"));
    // `open` writes the namespace; the OVF one rides along for the VmSpecSection's ovf:Info.
    let mut tag = String::new();
    open(
        &mut tag,
        h,
        e,
        "VApp",
        " deployed=\"false\" ovfDescriptorUploaded=\"true\" status=\"8\"",
        true,
    );
    out.push_str(tag.trim_start_matches("<VApp"));
    links(
        &mut out,
        "    ",
        &[
            ("power:powerOn", format!("{me}/power/action/powerOn"), None),
            (
                "deploy",
                format!("{me}/action/deploy"),
                Some("application/vnd.vmware.vcloud.deployVAppParams+xml"),
            ),
            (
                "down",
                h.of(Kind::Network, 0),
                Some("application/vnd.vmware.vcloud.vAppNetwork+xml"),
            ),
            (
                "controlAccess",
                format!("{me}/action/controlAccess"),
                Some("application/vnd.vmware.vcloud.controlAccess+xml"),
            ),
            (
                "recompose",
                format!("{me}/action/recomposeVApp"),
                Some("application/vnd.vmware.vcloud.recomposeVAppParams+xml"),
            ),
            ("up", h.of(Kind::Vdc, 0), Some(media(Kind::Vdc))),
            ("edit", me.clone(), Some(media(Kind::VApp))),
            ("remove", me.clone(), None),
            (
                "down",
                format!("{me}/owner"),
                Some("application/vnd.vmware.vcloud.owner+xml"),
            ),
            (
                "down",
                format!("{me}/metadata"),
                Some("application/vnd.vmware.vcloud.metadata+xml"),
            ),
            (
                "snapshot:create",
                format!("{me}/action/createSnapshot"),
                Some("application/vnd.vmware.vcloud.createSnapshotParams+xml"),
            ),
        ],
    );
    let _ = writeln!(
        out,
        "    <Description>{} in the simulator</Description>",
        escape(world::vapp_name(e.index))
    );
    out.push_str("    <DateCreated>2026-01-05T09:30:00.000Z</DateCreated>\n");
    owner(&mut out, h, e.org, "    ");
    out.push_str("    <InMaintenanceMode>false</InMaintenanceMode>\n    <Children>\n");
    for k in 0..world::VMS_PER_VAPP {
        let vm = EntityId {
            kind: Kind::Vm,
            index: e.index * world::VMS_PER_VAPP + k,
            ..*e
        };
        vm_xml(&mut out, h, &vm, false);
    }
    out.push_str("    </Children>\n</VApp>\n");
    out
}

fn catalog_xml(h: &Hrefs, e: &EntityId) -> String {
    let mut out = format!("{DECL}\n");
    open(&mut out, h, e, "Catalog", "", true);
    let me = h.of(Kind::Catalog, 0);
    links(
        &mut out,
        "    ",
        &[
            ("up", h.org(), Some("application/vnd.vmware.vcloud.org+xml")),
            (
                "down",
                format!("{me}/metadata"),
                Some("application/vnd.vmware.vcloud.metadata+xml"),
            ),
            (
                "add",
                format!("{me}/catalogItems"),
                Some("application/vnd.vmware.vcloud.catalogItem+xml"),
            ),
        ],
    );
    out.push_str(
        "    <Description>Templates of the simulated org</Description>\n    <CatalogItems>\n",
    );
    for (i, name) in world::TEMPLATES.iter().enumerate() {
        reference(
            &mut out,
            "        ",
            "CatalogItem",
            &h.of(Kind::CatalogItem, i),
            name,
            media(Kind::CatalogItem),
        );
    }
    out.push_str("    </CatalogItems>\n    <IsPublished>false</IsPublished>\n</Catalog>\n");
    out
}

fn catalog_item_xml(h: &Hrefs, e: &EntityId) -> String {
    let mut out = format!("{DECL}\n");
    open(&mut out, h, e, "CatalogItem", "", true);
    let me = h.of(Kind::CatalogItem, e.index);
    links(
        &mut out,
        "    ",
        &[
            ("up", h.of(Kind::Catalog, 0), Some(media(Kind::Catalog))),
            ("edit", me.clone(), Some(media(Kind::CatalogItem))),
            ("remove", me.clone(), None),
            (
                "down",
                format!("{me}/metadata"),
                Some("application/vnd.vmware.vcloud.metadata+xml"),
            ),
        ],
    );
    out.push_str("    <Description/>\n");
    reference(
        &mut out,
        "    ",
        "Entity",
        &h.of(Kind::Template, e.index),
        world::TEMPLATES[e.index],
        media(Kind::Template),
    );
    out.push_str("</CatalogItem>\n");
    out
}

fn template_xml(h: &Hrefs, e: &EntityId) -> String {
    let mut out = format!("{DECL}\n");
    out.push_str(&format!("<VAppTemplate {OVF_NS}"));
    let mut tag = String::new();
    open(
        &mut tag,
        h,
        e,
        "VAppTemplate",
        " ovfDescriptorUploaded=\"true\" goldMaster=\"false\" status=\"8\"",
        true,
    );
    out.push_str(tag.trim_start_matches("<VAppTemplate"));
    let me = h.of(Kind::Template, e.index);
    links(
        &mut out,
        "    ",
        &[
            (
                "catalogItem",
                h.of(Kind::CatalogItem, e.index),
                Some(media(Kind::CatalogItem)),
            ),
            ("enable", format!("{me}/action/enableDownload"), None),
            ("disable", format!("{me}/action/disableDownload"), None),
            (
                "storageProfile",
                h.of(Kind::StorageProfile, 0),
                Some(media(Kind::StorageProfile)),
            ),
            (
                "down",
                format!("{me}/owner"),
                Some("application/vnd.vmware.vcloud.owner+xml"),
            ),
            (
                "down",
                format!("{me}/metadata"),
                Some("application/vnd.vmware.vcloud.metadata+xml"),
            ),
            ("edit", me.clone(), Some(media(Kind::Template))),
            ("remove", me.clone(), None),
        ],
    );
    let _ = writeln!(
        out,
        "    <Description>{} template</Description>",
        world::TEMPLATES[e.index]
    );
    owner(&mut out, h, e.org, "    ");
    out.push_str("</VAppTemplate>\n");
    out
}

fn edge_records_xml(h: &Hrefs, org: &crate::scenario::OrgSpec) -> String {
    let vdc = h.of(Kind::Vdc, 0);
    let me = format!("{vdc}/edgeGateways");
    let mut out = format!(
        "{DECL}\n<QueryResultRecords {NS} name=\"edgeGateway\" page=\"1\" pageSize=\"25\" total=\"1\" href=\"{me}?page=1&amp;pageSize=25&amp;format=records\" type=\"application/vnd.vmware.vcloud.query.records+xml\">\n"
    );
    links(
        &mut out,
        "    ",
        &[
            (
                "alternate",
                format!("{me}?page=1&amp;pageSize=25&amp;format=references"),
                Some("application/vnd.vmware.vcloud.query.references+xml"),
            ),
            (
                "alternate",
                format!("{me}?page=1&amp;pageSize=25&amp;format=idrecords"),
                Some("application/vnd.vmware.vcloud.query.idrecords+xml"),
            ),
        ],
    );
    let _ = writeln!(
        out,
        "    <EdgeGatewayRecord gatewayStatus=\"READY\" haStatus=\"DISABLED\" isBusy=\"false\" name=\"{}\" numberOfExtNetworks=\"1\" numberOfOrgNetworks=\"1\" vdc=\"{vdc}\" href=\"{}\" isSyslogServerSettingInSync=\"true\" taskStatus=\"success\"/>",
        escape(world::name(org, Kind::EdgeGateway, 0)),
        h.of(Kind::EdgeGateway, 0)
    );
    out.push_str("</QueryResultRecords>\n");
    out
}

fn edge_xml(h: &Hrefs, e: &EntityId) -> String {
    let mut out = format!("{DECL}\n");
    open(&mut out, h, e, "EdgeGateway", " status=\"1\"", true);
    let me = h.of(Kind::EdgeGateway, 0);
    links(
        &mut out,
        "    ",
        &[
            ("up", h.of(Kind::Vdc, 0), Some(media(Kind::Vdc))),
            ("edit", me.clone(), Some(media(Kind::EdgeGateway))),
            (
                "edgeGateway:redeploy",
                format!("{me}/action/redeploy"),
                None,
            ),
            (
                "edgeGateway:configureServices",
                format!("{me}/action/configureServices"),
                Some("application/vnd.vmware.admin.edgeGatewayServiceConfiguration+xml"),
            ),
            (
                "edgeGateway:reapplyServices",
                format!("{me}/action/reapplyServices"),
                None,
            ),
        ],
    );
    out.push_str("    <Configuration>\n        <GatewayBackingConfig>compact</GatewayBackingConfig>\n        <GatewayInterfaces>\n            <GatewayInterface>\n");
    let _ = writeln!(
        out,
        "                <Name>{}</Name>",
        escape(world::name(e.org, Kind::Network, 0))
    );
    reference(
        &mut out,
        "                ",
        "Network",
        &h.of(Kind::Network, 0),
        &world::name(e.org, Kind::Network, 0),
        "application/vnd.vmware.admin.network+xml",
    );
    out.push_str("                <InterfaceType>internal</InterfaceType>\n            </GatewayInterface>\n        </GatewayInterfaces>\n        <HaEnabled>false</HaEnabled>\n    </Configuration>\n</EdgeGateway>\n");
    out
}

fn network_xml(h: &Hrefs, e: &EntityId) -> String {
    let mut out = format!("{DECL}\n");
    open(&mut out, h, e, "OrgVdcNetwork", " status=\"1\"", true);
    links(
        &mut out,
        "    ",
        &[
            ("up", h.of(Kind::Vdc, 0), Some(media(Kind::Vdc))),
            (
                "down",
                format!("{}/metadata", h.of(Kind::Network, 0)),
                Some("application/vnd.vmware.vcloud.metadata+xml"),
            ),
        ],
    );
    out.push_str("    <Description>Routed through the edge gateway</Description>\n    <Configuration>\n        <IpScopes>\n            <IpScope>\n                <IsInherited>false</IsInherited>\n                <Gateway>192.168.10.1</Gateway>\n                <Netmask>255.255.255.0</Netmask>\n            </IpScope>\n        </IpScopes>\n        <FenceMode>natRouted</FenceMode>\n    </Configuration>\n");
    reference(
        &mut out,
        "    ",
        "EdgeGateway",
        &h.of(Kind::EdgeGateway, 0),
        &world::name(e.org, Kind::EdgeGateway, 0),
        media(Kind::EdgeGateway),
    );
    out.push_str("    <IsShared>false</IsShared>\n</OrgVdcNetwork>\n");
    out
}

fn storage_profile_xml(h: &Hrefs, e: &EntityId) -> String {
    let mut out = format!("{DECL}\n");
    open(&mut out, h, e, "VdcStorageProfile", "", true);
    links(
        &mut out,
        "    ",
        &[("up", h.of(Kind::Vdc, 0), Some(media(Kind::Vdc)))],
    );
    out.push_str("    <Enabled>true</Enabled>\n    <Units>MB</Units>\n    <Limit>0</Limit>\n    <Default>true</Default>\n</VdcStorageProfile>\n");
    out
}

/// The Links an Org document gets from its world (`org.xml` shape: vdc, catalog, network, add).
pub fn org_world_links(public_url: &str, org_id: &str, org: &crate::scenario::OrgSpec) -> String {
    if org.name.eq_ignore_ascii_case("System") {
        return String::new();
    }
    let h = Hrefs {
        base: escape(public_url).into_owned(),
        org_id,
    };
    let mut out = String::new();
    let mut named = |rel: &str, kind: Kind, t: &str| {
        let _ = writeln!(
            out,
            "    <Link rel=\"{rel}\" href=\"{}\" name=\"{}\" type=\"{t}\"/>",
            h.of(kind, 0),
            escape(world::name(org, kind, 0))
        );
    };
    named("down", Kind::Vdc, media(Kind::Vdc));
    named("down", Kind::Catalog, media(Kind::Catalog));
    named("down", Kind::Network, media(Kind::Network));
    links(
        &mut out,
        "    ",
        &[(
            "add",
            format!("{}/api/admin/org/{org_id}/catalogs", h.base),
            Some("application/vnd.vmware.admin.catalog+xml"),
        )],
    );
    out
}

/// The org behind an id, if the session may see it; else VCD's 403.
fn resolve<'a>(
    state: &'a SimState,
    orgs: &'a [(String, &'a crate::scenario::OrgSpec)],
    raw: &str,
    kind: Kind,
    session_org: &str,
) -> Result<EntityId<'a>, Response> {
    let forbidden = || {
        vcd_error(
            state,
            StatusCode::FORBIDDEN,
            "ACCESS_TO_RESOURCE_IS_FORBIDDEN",
            &format!(
                "No access to entity \"(com.vmware.vcloud.entity.{}:{})\".",
                urn_kind(kind),
                raw.trim_start_matches(kind.href_prefix())
            ),
        )
    };
    let e = world::parse(raw, orgs).ok_or_else(forbidden)?;
    let visible = visible_orgs(state, session_org)
        .iter()
        .any(|o| o.name == e.org.name);
    let exists = e.index < world::count(e.kind, state.vapps_per_vdc)
        && !e.org.name.eq_ignore_ascii_case("System");
    if e.kind != kind || !visible || !exists {
        return Err(forbidden());
    }
    Ok(e)
}

async fn serve(
    state: Shared,
    headers: HeaderMap,
    raw: String,
    kinds: &[Kind],
    sub: Option<&str>,
) -> Response {
    let version = match requested_version(&state, &headers) {
        Ok(v) => v,
        Err(r) => return r,
    };
    let session = match require_session(&state, &headers, false) {
        Ok(s) => s,
        Err(r) => return r,
    };
    let orgs: Vec<(String, &crate::scenario::OrgSpec)> = state
        .scenario
        .orgs
        .iter()
        .map(|o| (state.org_id(o), o))
        .collect();
    // `/api/vApp/{id}` serves vApps and VMs alike: the id's prefix tells which.
    let kind = match kinds {
        [k] => *k,
        _ if raw.starts_with("vm-") => Kind::Vm,
        _ => Kind::VApp,
    };
    let e = match resolve(&state, &orgs, &raw, kind, &session.org) {
        Ok(e) => e,
        Err(r) => return r,
    };
    let h = Hrefs {
        base: escape(&state.public_url).into_owned(),
        org_id: e.org_id,
    };
    let (media_type, body) = match (sub, e.kind) {
        (Some("metadata"), _) => (
            "application/vnd.vmware.vcloud.metadata+xml",
            format!(
                "{DECL}\n<Metadata {NS} href=\"{}/metadata\" type=\"application/vnd.vmware.vcloud.metadata+xml\">\n    <Link rel=\"up\" href=\"{}\" type=\"{}\"/>\n</Metadata>\n",
                h.of(e.kind, e.index),
                h.of(e.kind, e.index),
                media(e.kind)
            ),
        ),
        (Some("owner"), _) => {
            let mut out = format!("{DECL}\n");
            out.push_str(&format!(
                "<Owner {NS} href=\"{}/owner\" type=\"application/vnd.vmware.vcloud.owner+xml\">\n",
                h.of(e.kind, e.index)
            ));
            links(
                &mut out,
                "    ",
                &[
                    ("up", h.of(e.kind, e.index), Some(media(e.kind))),
                ],
            );
            let user = e.org.users.first().map(|u| u.name.as_str()).unwrap_or("admin");
            reference(&mut out, "    ", "User", &format!("{}/api/admin/user/{}", h.base, world::uuid(h.org_id, Kind::Vdc, 0xffff)), user, "application/vnd.vmware.admin.user+xml");
            out.push_str("</Owner>\n");
            ("application/vnd.vmware.vcloud.owner+xml", out)
        }
        (Some("edgeGateways"), Kind::Vdc) => (
            "application/vnd.vmware.vcloud.query.records+xml",
            edge_records_xml(&h, e.org),
        ),
        (Some(_), _) => unreachable!("routes name only the sub-resources above"),
        (None, Kind::Vdc) => (media(Kind::Vdc), vdc_xml(&h, &e, state.vapps_per_vdc)),
        (None, Kind::VApp) => (media(Kind::VApp), vapp_xml(&h, &e)),
        (None, Kind::Vm) => {
            let mut out = format!("{DECL}\n");
            vm_xml(&mut out, &h, &e, true);
            (media(Kind::Vm), out)
        }
        (None, Kind::Catalog) => (media(Kind::Catalog), catalog_xml(&h, &e)),
        (None, Kind::CatalogItem) => (media(Kind::CatalogItem), catalog_item_xml(&h, &e)),
        (None, Kind::Template) => (media(Kind::Template), template_xml(&h, &e)),
        (None, Kind::EdgeGateway) => (media(Kind::EdgeGateway), edge_xml(&h, &e)),
        (None, Kind::Network) => (media(Kind::Network), network_xml(&h, &e)),
        (None, Kind::StorageProfile) => (media(Kind::StorageProfile), storage_profile_xml(&h, &e)),
    };
    xml(StatusCode::OK, media_type, &version, body)
}

macro_rules! handler {
    ($name:ident, [$($kind:expr),+], $sub:expr) => {
        pub async fn $name(State(state): State<Shared>, Path(id): Path<String>, headers: HeaderMap) -> Response {
            serve(state, headers, id, &[$($kind),+], $sub).await
        }
    };
}

handler!(vdc, [Kind::Vdc], None);
handler!(vdc_edge_gateways, [Kind::Vdc], Some("edgeGateways"));
handler!(vapp_or_vm, [Kind::VApp, Kind::Vm], None);
handler!(
    vapp_or_vm_metadata,
    [Kind::VApp, Kind::Vm],
    Some("metadata")
);
handler!(vapp_owner, [Kind::VApp], Some("owner"));
handler!(catalog, [Kind::Catalog], None);
handler!(catalog_item, [Kind::CatalogItem], None);
handler!(template, [Kind::Template], None);
handler!(template_owner, [Kind::Template], Some("owner"));
handler!(edge_gateway, [Kind::EdgeGateway], None);
handler!(network, [Kind::Network], None);
handler!(storage_profile, [Kind::StorageProfile], None);
handler!(vdc_metadata, [Kind::Vdc], Some("metadata"));
handler!(catalog_metadata, [Kind::Catalog], Some("metadata"));
handler!(network_metadata, [Kind::Network], Some("metadata"));
handler!(catalog_item_metadata, [Kind::CatalogItem], Some("metadata"));
handler!(template_metadata, [Kind::Template], Some("metadata"));
