//! Every path the simulator serves or names in an href, once: the routers route these templates and
//! the payloads fill in the `{id}` of the same templates, so a link always leads to a route. The
//! login and session paths are VCD's own and come from vcd-api.

/// The orgs the caller may see (VCD names it with its trailing slash; both forms are routed).
pub const ORG_LIST: &str = "/api/org/";
pub const ORG: &str = "/api/org/{id}";
pub const VDC: &str = "/api/vdc/{id}";
/// vApps and VMs alike (the id's prefix tells which).
pub const VAPP: &str = "/api/vApp/{id}";
pub const CATALOG: &str = "/api/catalog/{id}";
pub const CATALOG_ITEM: &str = "/api/catalogItem/{id}";
pub const VAPP_TEMPLATE: &str = "/api/vAppTemplate/{id}";
pub const EDGE_GATEWAY: &str = "/api/admin/edgeGateway/{id}";
pub const NETWORK: &str = "/api/network/{id}";
pub const STORAGE_PROFILE: &str = "/api/vdcStorageProfile/{id}";
pub const MEDIA: &str = "/api/media/{id}";
pub const TASK: &str = "/api/task/{id}";
pub const USER: &str = "/api/admin/user/{id}";
pub const ORG_USERS: &str = "/api/admin/org/{id}/users";
pub const ORG_CATALOGS: &str = "/api/admin/org/{id}/catalogs";
pub const CLOUDAPI_USERS: &str = "/cloudapi/1.0.0/users";
pub use vcd_api::{CLOUDAPI_EDGE_GATEWAYS, CLOUDAPI_ORGS, CLOUDAPI_TOKENS, CLOUDAPI_VDCS};

pub const TASKS_LIST: &str = "/api/tasksList/{id}";
pub const QUERY_LIST: &str = vcd_api::QUERY_PATH;
/// The packaged queries older scripts and guides use, by the query type each one answers.
pub const PACKAGED_QUERIES: &[(&str, &str)] = &[
    ("/api/vApps/query", "vApp"),
    ("/api/vms/query", "vm"),
    ("/api/catalogs/query", "catalog"),
    ("/api/vAppTemplates/query", "vAppTemplate"),
    ("/api/mediaList/query", "media"),
];

// Named in a Session's links; no family serves them yet.
pub const ENTITY_RESOLVER: &str = "/api/entity/";
pub const EXTENSIBILITY: &str = "/api/extensibility";
pub const ADMIN: &str = "/api/admin/";
pub const OPENAPI: &str = "/cloudapi";

/// An entity's sub-resource template: `sub(VDC, "metadata")` is `/api/vdc/{id}/metadata`.
pub fn sub(template: &str, part: &str) -> String {
    format!("{template}/{part}")
}

/// The href of `template` with its `{id}` filled in, under the public address `base`.
pub fn href(base: &str, template: &str, id: &str) -> String {
    format!("{base}{}", template.replace("{id}", id))
}

/// The href of a fixed path under the public address `base`.
pub fn at(base: &str, path: &str) -> String {
    format!("{base}{path}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hrefs_fill_in_the_same_templates_the_routes_use() {
        assert_eq!(
            href("https://vcd", &sub(VDC, "metadata"), "v1"),
            "https://vcd/api/vdc/v1/metadata"
        );
        assert_eq!(at("https://vcd", ORG_LIST), "https://vcd/api/org/");
    }
}
