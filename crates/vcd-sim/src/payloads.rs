//! XML bodies in the shapes of the real captures in `shared/vcd-samples/`: versions, errors, the
//! Session, the OrgList and an Org.

use crate::xml::{self, Xml};
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
            .leaf("LoginUrl", &format!("{public_url}{}", served.login_path));
        if let Some(provider) = served.provider_login_path {
            x.leaf("ProviderLoginUrl", &format!("{public_url}{provider}"));
        }
        if served.version.as_str() == "5.5" {
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

/// A VCD `Error` body (`error-403-access-forbidden.xml` shape, default namespace).
pub fn error_xml(major: u16, minor: &str, message: &str, public_url: &str) -> String {
    let major = major.to_string();
    let schema = format!(
        "{} {public_url}/api/v1.5/schema/master.xsd",
        vcd_api::NS_VCLOUD
    );
    let mut x = Xml::document();
    x.empty_root(
        "Error",
        xml::VCLOUD,
        &[
            ("majorErrorCode", &major),
            ("minorErrorCode", minor),
            ("message", message),
            ("xsi:schemaLocation", &schema),
        ],
    );
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
            ("href", &format!("{base}/api/session")),
            ("type", types::SESSION),
        ],
    )
    .link("down", &format!("{base}/api/org/"), Some(types::ORG_LIST))
    .link("remove", &format!("{base}/api/session"), None);
    if provider {
        x.link(
            "down",
            &format!("{base}/api/admin/"),
            Some(types::ADMIN_VCLOUD),
        );
    }
    x.empty(
        "Link",
        &[
            ("rel", "down"),
            ("href", &format!("{base}/api/org/{org_id}")),
            ("name", org),
            ("type", types::ORG),
        ],
    )
    .link(
        "down",
        &format!("{base}/api/query"),
        Some(types::QUERY_LIST),
    )
    .link(
        "entityResolver",
        &format!("{base}/api/entity/"),
        Some(types::ENTITY),
    )
    .link(
        "down:extensibility",
        &format!("{base}/api/extensibility"),
        Some(types::API_EXTENSIBILITY),
    )
    .link("openapi", &format!("{base}/cloudapi"), Some(vcd_api::JSON))
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

/// `OrgList` (`org-list.xml` shape).
pub fn org_list_xml(public_url: &str, orgs: &[(String, String)]) -> String {
    let mut x = Xml::document();
    x.root(
        "OrgList",
        &[("xmlns", vcd_api::NS_VCLOUD)],
        &[
            ("href", &format!("{public_url}/api/org/")),
            ("type", types::ORG_LIST),
        ],
    );
    for (id, name) in orgs {
        x.reference(
            "Org",
            &format!("{public_url}/api/org/{id}"),
            name,
            types::ORG,
        );
    }
    x.finish()
}

/// An `Org` (`org.xml` shape); `world` writes the Links to its VDC, catalog and network.
pub fn org_xml(
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
            ("href", &format!("{public_url}/api/org/{id}")),
            ("id", &format!("urn:vcloud:org:{id}")),
            ("name", name),
            ("type", types::ORG),
        ],
    );
    world(&mut x);
    x.link(
        "down",
        &format!("{public_url}/api/tasksList/{id}"),
        Some(types::TASKS_LIST),
    )
    .leaf("Description", "")
    .leaf("FullName", full_name);
    x.finish()
}
