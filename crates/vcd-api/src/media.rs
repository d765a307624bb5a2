//! VCD's XML namespaces and media types, and the `Accept` header that carries the API version.
//!
//! VCD negotiates the API version inside the media type (`application/*+xml;version=38.0`), so
//! changing the version of a request means rewriting that one parameter and nothing else.

use std::fmt::Display;

/// The namespace of every legacy-API document (`<VApp xmlns="...">`).
pub const NS_VCLOUD: &str = "http://www.vmware.com/vcloud/v1.5";
/// The namespace of `/api/versions` (`SupportedVersions`).
pub const NS_VERSIONS: &str = "http://www.vmware.com/vcloud/versions";
/// VCD's extension namespace (provider-only elements; a session declares it).
pub const NS_VMEXT: &str = "http://www.vmware.com/vcloud/extension/v1.5";
pub const NS_XSI: &str = "http://www.w3.org/2001/XMLSchema-instance";
pub const NS_OVF: &str = "http://schemas.dmtf.org/ovf/envelope/1";

/// Any XML document of the legacy API.
pub const XML_ANY: &str = "application/*+xml";
/// CloudAPI's media type.
pub const JSON: &str = "application/json";

/// The media types VCD names in `type` attributes, one constant each so the simulator and the client
/// cannot spell one two ways.
pub mod types {
    pub const ORG_LIST: &str = "application/vnd.vmware.vcloud.orgList+xml";
    pub const ORG: &str = "application/vnd.vmware.vcloud.org+xml";
    pub const SESSION: &str = "application/vnd.vmware.vcloud.session+xml";
    pub const ERROR: &str = "application/vnd.vmware.vcloud.error+xml";
    pub const VDC: &str = "application/vnd.vmware.vcloud.vdc+xml";
    pub const VAPP: &str = "application/vnd.vmware.vcloud.vApp+xml";
    pub const VM: &str = "application/vnd.vmware.vcloud.vm+xml";
    pub const CATALOG: &str = "application/vnd.vmware.vcloud.catalog+xml";
    pub const ADMIN_CATALOG: &str = "application/vnd.vmware.admin.catalog+xml";
    pub const CATALOG_ITEM: &str = "application/vnd.vmware.vcloud.catalogItem+xml";
    pub const VAPP_TEMPLATE: &str = "application/vnd.vmware.vcloud.vAppTemplate+xml";
    pub const EDGE_GATEWAY: &str = "application/vnd.vmware.admin.edgeGateway+xml";
    pub const EDGE_GATEWAY_CONFIG: &str =
        "application/vnd.vmware.admin.edgeGatewayServiceConfiguration+xml";
    pub const ORG_NETWORK: &str = "application/vnd.vmware.vcloud.orgNetwork+xml";
    pub const NETWORK: &str = "application/vnd.vmware.vcloud.network+xml";
    pub const ADMIN_NETWORK: &str = "application/vnd.vmware.admin.network+xml";
    pub const VAPP_NETWORK: &str = "application/vnd.vmware.vcloud.vAppNetwork+xml";
    pub const STORAGE_PROFILE: &str = "application/vnd.vmware.vcloud.vdcStorageProfile+xml";
    pub const OWNER: &str = "application/vnd.vmware.vcloud.owner+xml";
    pub const USER: &str = "application/vnd.vmware.admin.user+xml";
    pub const METADATA: &str = "application/vnd.vmware.vcloud.metadata+xml";
    pub const CONTROL_ACCESS: &str = "application/vnd.vmware.vcloud.controlAccess+xml";
    pub const QUERY_RECORDS: &str = "application/vnd.vmware.vcloud.query.records+xml";
    pub const QUERY_REFERENCES: &str = "application/vnd.vmware.vcloud.query.references+xml";
    pub const QUERY_IDRECORDS: &str = "application/vnd.vmware.vcloud.query.idrecords+xml";
    pub const DEPLOY_PARAMS: &str = "application/vnd.vmware.vcloud.deployVAppParams+xml";
    pub const UNDEPLOY_PARAMS: &str = "application/vnd.vmware.vcloud.undeployVAppParams+xml";
    pub const INSTANTIATE_PARAMS: &str =
        "application/vnd.vmware.vcloud.instantiateVAppTemplateParams+xml";
    pub const COMPOSE_PARAMS: &str = "application/vnd.vmware.vcloud.composeVAppParams+xml";
    pub const RECOMPOSE_PARAMS: &str = "application/vnd.vmware.vcloud.recomposeVAppParams+xml";
    pub const SNAPSHOT_PARAMS: &str = "application/vnd.vmware.vcloud.createSnapshotParams+xml";
    pub const TASK: &str = "application/vnd.vmware.vcloud.task+xml";
    pub const TASKS_LIST: &str = "application/vnd.vmware.vcloud.tasksList+xml";
    pub const QUERY_LIST: &str = "application/vnd.vmware.vcloud.query.queryList+xml";
    pub const ENTITY: &str = "application/vnd.vmware.vcloud.entity+xml";
    pub const API_EXTENSIBILITY: &str = "application/vnd.vmware.vcloud.apiextensibility+xml";
    pub const ADMIN_VCLOUD: &str = "application/vnd.vmware.admin.vcloud+xml";
    pub const EXTERNAL_NETWORK: &str = "application/vnd.vmware.admin.vmwexternalnet+xml";
    pub const MEDIA: &str = "application/vnd.vmware.vcloud.media+xml";
    pub const METADATA_VALUE: &str = "application/vnd.vmware.vcloud.metadata.value+xml";
}

/// The request bodies a tenant sends most, offered in the composer's Content-Type list, each with
/// what it is for.
pub const BODY_MEDIA_TYPES: &[(&str, &str)] = &[
    (
        types::VAPP,
        "a vApp: rename or describe it (PUT to its edit link)",
    ),
    (
        types::VM,
        "a VM: rename or describe it (PUT to its edit link)",
    ),
    (
        types::DEPLOY_PARAMS,
        "deploy a vApp or VM (POST to its deploy link)",
    ),
    (
        types::UNDEPLOY_PARAMS,
        "undeploy a vApp or VM (POST to its undeploy link)",
    ),
    (
        types::INSTANTIATE_PARAMS,
        "make a vApp from a template (POST to the VDC)",
    ),
    (
        types::COMPOSE_PARAMS,
        "compose a new vApp (POST to the VDC)",
    ),
    (types::RECOMPOSE_PARAMS, "add or remove VMs of a vApp"),
    (types::CATALOG_ITEM, "add an item to a catalog"),
    (types::METADATA, "set metadata on an entity"),
    (types::CONTROL_ACCESS, "share a vApp or catalog"),
    (types::SNAPSHOT_PARAMS, "take a snapshot of a vApp or VM"),
    (types::USER, "create or change a user (admin)"),
    (types::ADMIN_CATALOG, "create or change a catalog (admin)"),
    (types::EDGE_GATEWAY, "change an edge gateway (admin)"),
];

/// The `Accept` header for a media type at a version; the generic XML one when `media` is empty.
pub fn accept(media: &str, version: impl Display) -> String {
    let media = media.trim();
    let media = if media.is_empty() { XML_ANY } else { media };
    format!("{media};version={version}")
}

/// The `Accept` header for the legacy XML API (`/api/...`).
pub fn xml_accept(version: impl Display) -> String {
    accept(XML_ANY, version)
}

/// The `Accept` header for CloudAPI (`/cloudapi/...`).
pub fn json_accept(version: impl Display) -> String {
    accept(JSON, version)
}

/// The default `Accept` header for a path (or URL) at a version: CloudAPI (`/cloudapi/...`) answers
/// JSON, the legacy API (`/api/...`) XML.
pub fn default_accept(path: &str, version: impl Display) -> String {
    if path.contains("/cloudapi/") {
        json_accept(version)
    } else {
        xml_accept(version)
    }
}

/// `value` (an `Accept` header) with its `version=` parameter set to `version`: every other part of
/// the header stays as the user wrote it, and a header without the parameter gains it.
pub fn with_accept_version(value: &str, version: &str) -> String {
    let version = version.trim();
    let mut out = String::with_capacity(value.len() + version.len());
    let mut replaced = false;
    for (i, part) in value.split(';').enumerate() {
        if i > 0 {
            out.push(';');
        }
        let (name, _) = part.split_once('=').unwrap_or((part, ""));
        if i > 0 && name.trim().eq_ignore_ascii_case("version") {
            let lead = &part[..part.len() - part.trim_start().len()];
            out.push_str(lead);
            out.push_str("version=");
            out.push_str(version);
            replaced = true;
        } else {
            out.push_str(part);
        }
    }
    if !replaced && !version.is_empty() {
        if value.trim().is_empty() {
            return xml_accept(version);
        }
        out.push_str(";version=");
        out.push_str(version);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accept_headers_carry_the_version() {
        assert_eq!(xml_accept("38.0"), "application/*+xml;version=38.0");
        assert_eq!(json_accept("36.1"), "application/json;version=36.1");
        assert_eq!(
            accept(types::VDC, "37.0"),
            format!("{};version=37.0", types::VDC)
        );
        assert_eq!(accept("", "37.0"), "application/*+xml;version=37.0");
    }

    #[test]
    fn changing_the_version_keeps_the_rest_of_the_header() {
        assert_eq!(
            with_accept_version("application/*+xml;version=36.0", "38.0"),
            "application/*+xml;version=38.0"
        );
        assert_eq!(
            with_accept_version(
                "application/*+xml; charset=utf-8; version=36.0; q=1",
                "37.2"
            ),
            "application/*+xml; charset=utf-8; version=37.2; q=1"
        );
        assert_eq!(
            with_accept_version("application/json", "38.0"),
            "application/json;version=38.0"
        );
        assert_eq!(
            with_accept_version("", "38.0"),
            "application/*+xml;version=38.0"
        );
    }

    #[test]
    fn every_body_type_is_a_vendor_xml_type() {
        for (media, what) in BODY_MEDIA_TYPES {
            assert!(media.starts_with("application/vnd.vmware.") && media.ends_with("+xml"));
            assert!(!what.is_empty());
        }
    }
}
