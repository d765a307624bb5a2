//! XML bodies in the shapes of the real captures in `shared/vcd-samples/`.

use quick_xml::escape::escape;
use std::fmt::Write;
use vcd_api::VcdRelease;

const XML_DECLARATION: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"#;

/// A part of the `MediaTypeMapping` list the real 5.5 entry carries (media type, complex type,
/// schema file), enough for a client to see the shape.
const MEDIA_TYPE_MAPPINGS: &[(&str, &str, &str)] = &[
    (
        "application/vnd.vmware.vcloud.error+xml",
        "ErrorType",
        "common.xsd",
    ),
    (
        "application/vnd.vmware.vcloud.controlAccess+xml",
        "ControlAccessParamsType",
        "common.xsd",
    ),
    (
        "application/vnd.vmware.vcloud.session+xml",
        "SessionType",
        "master.xsd",
    ),
    (
        "application/vnd.vmware.vcloud.orgList+xml",
        "OrgListType",
        "master.xsd",
    ),
    (
        "application/vnd.vmware.vcloud.org+xml",
        "OrgType",
        "master.xsd",
    ),
    (
        "application/vnd.vmware.vcloud.vdc+xml",
        "VdcType",
        "master.xsd",
    ),
    (
        "application/vnd.vmware.vcloud.vApp+xml",
        "VAppType",
        "master.xsd",
    ),
    (
        "application/vnd.vmware.vcloud.vm+xml",
        "VmType",
        "master.xsd",
    ),
    (
        "application/vnd.vmware.vcloud.catalog+xml",
        "CatalogType",
        "master.xsd",
    ),
    (
        "application/vnd.vmware.vcloud.catalogItem+xml",
        "CatalogItemType",
        "master.xsd",
    ),
    (
        "application/vnd.vmware.vcloud.vAppTemplate+xml",
        "VAppTemplateType",
        "master.xsd",
    ),
    (
        "application/vnd.vmware.vcloud.task+xml",
        "TaskType",
        "master.xsd",
    ),
    (
        "application/vnd.vmware.vcloud.tasksList+xml",
        "TasksListType",
        "master.xsd",
    ),
    (
        "application/vnd.vmware.vcloud.network+xml",
        "NetworkType",
        "master.xsd",
    ),
    (
        "application/vnd.vmware.vcloud.orgNetwork+xml",
        "OrgNetworkType",
        "master.xsd",
    ),
    (
        "application/vnd.vmware.admin.edgeGateway+xml",
        "GatewayType",
        "master.xsd",
    ),
    (
        "application/vnd.vmware.admin.user+xml",
        "UserType",
        "master.xsd",
    ),
    (
        "application/vnd.vmware.admin.vmwexternalnet+xml",
        "VMWExternalNetworkType",
        "vmwextensions.xsd",
    ),
];

/// `GET /api/versions` as the release serves it, login URLs built from the public address.
pub fn versions_xml(release: &VcdRelease, public_url: &str) -> String {
    let mut out = String::with_capacity(8 * 1024);
    out.push_str(XML_DECLARATION);
    out.push_str("\n<SupportedVersions xmlns=\"http://www.vmware.com/vcloud/versions\">\n");
    for served in release.served_versions() {
        let _ = writeln!(out, "  <VersionInfo deprecated=\"{}\">", served.deprecated);
        let _ = writeln!(out, "    <Version>{}</Version>", served.version);
        let _ = writeln!(
            out,
            "    <LoginUrl>{}{}</LoginUrl>",
            escape(public_url),
            served.login_path
        );
        if let Some(provider) = served.provider_login_path {
            let _ = writeln!(
                out,
                "    <ProviderLoginUrl>{}{}</ProviderLoginUrl>",
                escape(public_url),
                provider
            );
        }
        if served.version.as_str() == "5.5" {
            for (media_type, complex_type, schema) in MEDIA_TYPE_MAPPINGS {
                let _ = write!(
                    out,
                    "    <MediaTypeMapping>\n      <MediaType>{media_type}</MediaType>\n      \
                     <ComplexTypeName>{complex_type}</ComplexTypeName>\n      \
                     <SchemaLocation>{}/api/v1.5/schema/{schema}</SchemaLocation>\n    \
                     </MediaTypeMapping>\n",
                    escape(public_url)
                );
            }
        }
        out.push_str("  </VersionInfo>\n");
    }
    out.push_str("</SupportedVersions>\n");
    out
}

/// A VCD `Error` body (`error-403-access-forbidden.xml` shape, default namespace).
pub fn error_xml(major: u16, minor: &str, message: &str, public_url: &str) -> String {
    format!(
        "{XML_DECLARATION}\n<Error xmlns=\"http://www.vmware.com/vcloud/v1.5\" \
         xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" majorErrorCode=\"{major}\" \
         minorErrorCode=\"{minor}\" message=\"{}\" \
         xsi:schemaLocation=\"http://www.vmware.com/vcloud/v1.5 {}/api/v1.5/schema/master.xsd\"/>\n",
        escape(message),
        escape(public_url)
    )
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
    let base = escape(public_url);
    let admin = if provider {
        format!(
            "    <Link rel=\"down\" href=\"{base}/api/admin/\" type=\"application/vnd.vmware.admin.vcloud+xml\"/>\n"
        )
    } else {
        String::new()
    };
    format!(
        "{XML_DECLARATION}\n<Session xmlns=\"http://www.vmware.com/vcloud/v1.5\" \
         xmlns:vmext=\"http://www.vmware.com/vcloud/extension/v1.5\" \
         xmlns:ns9=\"http://www.vmware.com/vcloud/versions\" locationId=\"{org_id}@sim\" org=\"{org}\" \
         roles=\"{role}\" user=\"{user}\" userId=\"urn:vcloud:user:{user_id}\" href=\"{base}/api/session\" \
         type=\"application/vnd.vmware.vcloud.session+xml\">\n\
         \x20   <Link rel=\"down\" href=\"{base}/api/org/\" type=\"application/vnd.vmware.vcloud.orgList+xml\"/>\n\
         \x20   <Link rel=\"remove\" href=\"{base}/api/session\"/>\n\
         {admin}\
         \x20   <Link rel=\"down\" href=\"{base}/api/org/{org_id}\" name=\"{org}\" type=\"application/vnd.vmware.vcloud.org+xml\"/>\n\
         \x20   <Link rel=\"down\" href=\"{base}/api/query\" type=\"application/vnd.vmware.vcloud.query.queryList+xml\"/>\n\
         \x20   <Link rel=\"entityResolver\" href=\"{base}/api/entity/\" type=\"application/vnd.vmware.vcloud.entity+xml\"/>\n\
         \x20   <Link rel=\"down:extensibility\" href=\"{base}/api/extensibility\" type=\"application/vnd.vmware.vcloud.apiextensibility+xml\"/>\n\
         \x20   <Link rel=\"openapi\" href=\"{base}/cloudapi\" type=\"application/json\"/>\n\
         \x20   <AuthorizedLocations>\n\
         \x20       <Location>\n\
         \x20           <LocationId>{org_id}@sim</LocationId>\n\
         \x20           <SiteName>vcd-sim</SiteName>\n\
         \x20           <OrgName>{org}</OrgName>\n\
         \x20           <RestApiEndpoint>{base}</RestApiEndpoint>\n\
         \x20           <UIEndpoint>{base}</UIEndpoint>\n\
         \x20           <AuthContext>{org}</AuthContext>\n\
         \x20       </Location>\n\
         \x20   </AuthorizedLocations>\n\
         </Session>\n",
        org = escape(org),
        user = escape(user),
        role = escape(role),
    )
}

/// `OrgList` (`org-list.xml` shape).
pub fn org_list_xml(public_url: &str, orgs: &[(String, String)]) -> String {
    let base = escape(public_url);
    let mut out = format!(
        "{XML_DECLARATION}\n<OrgList xmlns=\"http://www.vmware.com/vcloud/v1.5\" href=\"{base}/api/org/\" \
         type=\"application/vnd.vmware.vcloud.orgList+xml\">\n"
    );
    for (id, name) in orgs {
        let _ = writeln!(
            out,
            "    <Org href=\"{base}/api/org/{id}\" name=\"{}\" type=\"application/vnd.vmware.vcloud.org+xml\"/>",
            escape(name)
        );
    }
    out.push_str("</OrgList>\n");
    out
}

/// An `Org` (`org.xml` shape); `world_links` are the Links to its VDC, catalog and network.
pub fn org_xml(
    public_url: &str,
    id: &str,
    name: &str,
    full_name: &str,
    world_links: &str,
) -> String {
    let base = escape(public_url);
    format!(
        "{XML_DECLARATION}\n<Org xmlns=\"http://www.vmware.com/vcloud/v1.5\" href=\"{base}/api/org/{id}\" \
         id=\"urn:vcloud:org:{id}\" name=\"{name}\" type=\"application/vnd.vmware.vcloud.org+xml\">\n\
         {world_links}\
         \x20   <Link rel=\"down\" href=\"{base}/api/tasksList/{id}\" type=\"application/vnd.vmware.vcloud.tasksList+xml\"/>\n\
         \x20   <Description/>\n\
         \x20   <FullName>{full}</FullName>\n\
         </Org>\n",
        name = escape(name),
        full = escape(full_name),
    )
}
