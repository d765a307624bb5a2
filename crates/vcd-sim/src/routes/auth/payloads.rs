//! The auth family's XML bodies, in the shapes of the real captures: `/api/versions` and the legacy
//! `Session`.

use crate::routes::paths;
use crate::xml::Xml;
use vcd_api::{types, VcdRelease, NS_VERSIONS};

/// A part of the `MediaTypeMapping` list the real 5.5 entry carries (media type, complex type,
/// schema file), enough for a client to see the shape.
const MEDIA_TYPE_MAPPINGS: &[(&str, &str, &str)] = &[
    (types::ERROR, "ErrorType", "common.xsd"),
    (
        types::CONTROL_ACCESS,
        "ControlAccessParamsType",
        "common.xsd",
    ),
    (types::SESSION, "SessionType", "master.xsd"),
    (types::ORG_LIST, "OrgListType", "master.xsd"),
    (types::ORG, "OrgType", "master.xsd"),
    (types::VDC, "VdcType", "master.xsd"),
    (types::VAPP, "VAppType", "master.xsd"),
    (types::VM, "VmType", "master.xsd"),
    (types::CATALOG, "CatalogType", "master.xsd"),
    (types::CATALOG_ITEM, "CatalogItemType", "master.xsd"),
    (types::VAPP_TEMPLATE, "VAppTemplateType", "master.xsd"),
    (types::TASK, "TaskType", "master.xsd"),
    (types::TASKS_LIST, "TasksListType", "master.xsd"),
    (types::NETWORK, "NetworkType", "master.xsd"),
    (types::ORG_NETWORK, "OrgNetworkType", "master.xsd"),
    (types::EDGE_GATEWAY, "GatewayType", "master.xsd"),
    (types::USER, "UserType", "master.xsd"),
    (
        types::EXTERNAL_NETWORK,
        "VMWExternalNetworkType",
        "vmwextensions.xsd",
    ),
];

/// `GET /api/versions` as the release serves it, login URLs built from the public address.
pub fn versions_xml(release: &VcdRelease, public_url: &str) -> String {
    let mut x = Xml::document();
    x.root("SupportedVersions", &[("xmlns", NS_VERSIONS)], &[]);
    for served in release.served_versions() {
        let deprecated = served.deprecated.to_string();
        x.start("VersionInfo", &[("deprecated", &deprecated)])
            .leaf("Version", served.version.as_str())
            .leaf("LoginUrl", &paths::at(public_url, served.login_path));
        if let Some(provider) = served.provider_login_path {
            x.leaf("ProviderLoginUrl", &paths::at(public_url, provider));
        }
        if served.version.as_str() == vcd_api::SCHEMA_LIST_VERSION {
            for (media_type, complex_type, schema) in MEDIA_TYPE_MAPPINGS {
                x.start("MediaTypeMapping", &[])
                    .leaf("MediaType", media_type)
                    .leaf("ComplexTypeName", complex_type)
                    .leaf(
                        "SchemaLocation",
                        &format!("{public_url}/api/v1.5/schema/{schema}"),
                    )
                    .end();
            }
        }
        x.end();
    }
    x.finish()
}

/// The legacy `Session` (`session-api-sessions.xml` shape): who is logged in and the Links a client
/// walks from.
pub fn session_xml(
    public_url: &str,
    user: &str,
    user_id: &str,
    org: &str,
    org_id: &str,
    role: &str,
    provider: bool,
) -> String {
    let base = public_url;
    let location = format!("{org_id}@sim");
    let user_urn = format!("urn:vcloud:user:{user_id}");
    let mut x = Xml::document();
    x.root(
        "Session",
        &[
            ("xmlns", vcd_api::NS_VCLOUD),
            ("xmlns:vmext", vcd_api::NS_VMEXT),
            ("xmlns:ns9", NS_VERSIONS),
        ],
        &[
            ("locationId", &location),
            ("org", org),
            ("roles", role),
            ("user", user),
            ("userId", &user_urn),
            ("href", &paths::at(base, vcd_api::SESSION_PATH)),
            ("type", types::SESSION),
        ],
    )
    .link(
        "down",
        &paths::at(base, paths::ORG_LIST),
        Some(types::ORG_LIST),
    )
    .link("remove", &paths::at(base, vcd_api::SESSION_PATH), None);
    if provider {
        x.link(
            "down",
            &paths::at(base, paths::ADMIN),
            Some(types::ADMIN_VCLOUD),
        );
    }
    x.empty(
        "Link",
        &[
            ("rel", "down"),
            ("href", &paths::href(base, paths::ORG, org_id)),
            ("name", org),
            ("type", types::ORG),
        ],
    )
    .link(
        "down",
        &paths::at(base, paths::QUERY_LIST),
        Some(types::QUERY_LIST),
    )
    .link(
        "entityResolver",
        &paths::at(base, paths::ENTITY_RESOLVER),
        Some(types::ENTITY),
    )
    .link(
        "down:extensibility",
        &paths::at(base, paths::EXTENSIBILITY),
        Some(types::API_EXTENSIBILITY),
    )
    .link(
        "openapi",
        &paths::at(base, paths::OPENAPI),
        Some(vcd_api::JSON),
    )
    .start("AuthorizedLocations", &[])
    .start("Location", &[])
    .leaf("LocationId", &location)
    .leaf("SiteName", "vcd-sim")
    .leaf("OrgName", org)
    .leaf("RestApiEndpoint", base)
    .leaf("UIEndpoint", base)
    .leaf("AuthContext", org);
    x.finish()
}
