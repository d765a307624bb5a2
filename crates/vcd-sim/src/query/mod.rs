//! The query service's records: each query type's properties, in the order VCD writes them, and
//! the records of the world a caller may see, made from world.rs and live/ as they are now. The
//! HTTP side (paging, formats, links) is routes/query.

pub mod filter;

use crate::live::Live;
use crate::routes::paths;
use crate::routes::world::{route_template, Hrefs};
use crate::scenario::OrgSpec;
use crate::state::SimState;
use crate::world::{self, Kind};
use vcd_api::types;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum QueryType {
    VApp,
    Vm,
    OrgVdc,
    Catalog,
    CatalogItem,
    VAppTemplate,
    EdgeGateway,
    OrgVdcNetwork,
    Task,
    Media,
    User,
    Organization,
}

pub const ALL: [QueryType; 12] = [
    QueryType::VApp,
    QueryType::Vm,
    QueryType::OrgVdc,
    QueryType::Catalog,
    QueryType::CatalogItem,
    QueryType::VAppTemplate,
    QueryType::EdgeGateway,
    QueryType::OrgVdcNetwork,
    QueryType::Task,
    QueryType::Media,
    QueryType::User,
    QueryType::Organization,
];

impl QueryType {
    pub fn from_name(name: &str) -> Option<QueryType> {
        ALL.into_iter().find(|t| t.name() == name)
    }

    /// The `type=` of the query.
    pub fn name(self) -> &'static str {
        match self {
            QueryType::VApp => "vApp",
            QueryType::Vm => "vm",
            QueryType::OrgVdc => "orgVdc",
            QueryType::Catalog => "catalog",
            QueryType::CatalogItem => "catalogItem",
            QueryType::VAppTemplate => "vAppTemplate",
            QueryType::EdgeGateway => "edgeGateway",
            QueryType::OrgVdcNetwork => "orgVdcNetwork",
            QueryType::Task => "task",
            QueryType::Media => "media",
            QueryType::User => "user",
            QueryType::Organization => "organization",
        }
    }

    /// The record element's stem: `VApp` → `VAppRecord`, `VAppReference`, `VAppReferences`.
    pub fn stem(self) -> &'static str {
        match self {
            QueryType::VApp => "VApp",
            QueryType::Vm => "VM",
            QueryType::OrgVdc => "OrgVdc",
            QueryType::Catalog => "Catalog",
            QueryType::CatalogItem => "CatalogItem",
            QueryType::VAppTemplate => "VAppTemplate",
            QueryType::EdgeGateway => "EdgeGateway",
            QueryType::OrgVdcNetwork => "OrgVdcNetwork",
            QueryType::Task => "Task",
            QueryType::Media => "Media",
            QueryType::User => "User",
            QueryType::Organization => "Org",
        }
    }

    /// The media type of the entity a reference names.
    pub fn entity_type(self) -> &'static str {
        match self {
            QueryType::VApp => types::VAPP,
            QueryType::Vm => types::VM,
            QueryType::OrgVdc => types::VDC,
            QueryType::Catalog => types::CATALOG,
            QueryType::CatalogItem => types::CATALOG_ITEM,
            QueryType::VAppTemplate => types::VAPP_TEMPLATE,
            QueryType::EdgeGateway => types::EDGE_GATEWAY,
            QueryType::OrgVdcNetwork => types::ORG_NETWORK,
            QueryType::Task => types::TASK,
            QueryType::Media => types::MEDIA,
            QueryType::User => types::USER,
            QueryType::Organization => types::ORG,
        }
    }

    /// The record's properties, in the order they are written; `href` is always last.
    pub fn properties(self) -> &'static [&'static str] {
        match self {
            QueryType::VApp => &[
                "name",
                "vdc",
                "vdcName",
                "org",
                "ownerName",
                "status",
                "isDeployed",
                "isBusy",
                "numberOfVMs",
                "creationDate",
                "isExpired",
                "isInMaintenanceMode",
                "task",
                "taskStatus",
                "taskStatusName",
                "href",
            ],
            QueryType::Vm => &[
                "name",
                "containerName",
                "container",
                "vdc",
                "status",
                "guestOs",
                "numberOfCpus",
                "memoryMB",
                "ipAddress",
                "isDeployed",
                "isBusy",
                "isVAppTemplate",
                "dateCreated",
                "href",
            ],
            QueryType::OrgVdc => &[
                "name",
                "orgName",
                "org",
                "isEnabled",
                "isBusy",
                "allocationModel",
                "numberOfVApps",
                "numberOfVAppTemplates",
                "numberOfMedia",
                "status",
                "href",
            ],
            QueryType::Catalog => &[
                "name",
                "orgName",
                "ownerName",
                "isPublished",
                "isShared",
                "numberOfVAppTemplates",
                "numberOfMedia",
                "creationDate",
                "href",
            ],
            QueryType::CatalogItem => &[
                "name",
                "catalog",
                "catalogName",
                "entity",
                "entityName",
                "entityType",
                "ownerName",
                "isPublished",
                "creationDate",
                "status",
                "href",
            ],
            QueryType::VAppTemplate => &[
                "name",
                "catalogName",
                "vdc",
                "vdcName",
                "org",
                "ownerName",
                "status",
                "isGoldMaster",
                "isEnabled",
                "storageProfileName",
                "creationDate",
                "href",
            ],
            QueryType::EdgeGateway => &[
                "gatewayStatus",
                "haStatus",
                "isBusy",
                "name",
                "numberOfExtNetworks",
                "numberOfOrgNetworks",
                "vdc",
                "isSyslogServerSettingInSync",
                "taskStatus",
                "href",
            ],
            QueryType::OrgVdcNetwork => &[
                "name",
                "linkType",
                "defaultGateway",
                "netmask",
                "vdc",
                "vdcName",
                "connectedTo",
                "isShared",
                "isBusy",
                "href",
            ],
            QueryType::Task => &[
                "name",
                "operationFull",
                "status",
                "startDate",
                "endDate",
                "objectName",
                "objectType",
                "object",
                "ownerName",
                "org",
                "orgName",
                "serviceNamespace",
                "href",
            ],
            QueryType::Media => &[
                "name",
                "vdc",
                "vdcName",
                "org",
                "ownerName",
                "isBusy",
                "status",
                "storageB",
                "creationDate",
                "href",
            ],
            QueryType::User => &[
                "name",
                "fullName",
                "isEnabled",
                "isLdapUser",
                "isLocked",
                "roleName",
                "org",
                "href",
            ],
            QueryType::Organization => &[
                "name",
                "displayName",
                "isEnabled",
                "numberOfVdcs",
                "numberOfCatalogs",
                "href",
            ],
        }
    }

    /// Whether a session with this role may run the query (users are for administrators).
    pub fn allowed_for(self, role: &str) -> bool {
        self != QueryType::User || role.contains("Administrator")
    }
}

/// One record: its properties' values in [`QueryType::properties`] order (`None` is left out).
#[derive(Debug, Clone)]
pub struct Record {
    pub values: Vec<Option<String>>,
}

impl Record {
    pub fn get<'a>(&'a self, t: QueryType, property: &str) -> Option<&'a str> {
        let i = t.properties().iter().position(|p| *p == property)?;
        self.values.get(i)?.as_deref()
    }
}

fn b(v: bool) -> Option<String> {
    Some(if v { "true" } else { "false" }.into())
}
fn s(v: impl Into<String>) -> Option<String> {
    Some(v.into())
}

/// The orgs whose entities a session sees (the provider sees every tenant), with their ids.
fn tenant_orgs<'a>(state: &'a SimState, session_org: &str) -> Vec<(String, &'a OrgSpec)> {
    state
        .visible_orgs(session_org)
        .into_iter()
        .filter(|o| !vcd_api::is_system_org(&o.name))
        .map(|o| (state.org_id(o), o))
        .collect()
}

/// Calls `each` with every record of type `t` the session sees, in the world's order.
pub fn for_each_record(
    state: &SimState,
    session_org: &str,
    t: QueryType,
    each: &mut dyn FnMut(Record),
) {
    let base = state.public_url.as_str();
    let live: &Live = &state.live;
    if t == QueryType::Organization {
        for o in state.visible_orgs(session_org) {
            let id = state.org_id(o);
            let tenant = !vcd_api::is_system_org(&o.name);
            each(Record {
                values: vec![
                    s(&o.name),
                    s(o.full_name.clone().unwrap_or_else(|| o.name.clone())),
                    b(true),
                    s(if tenant { "1" } else { "0" }),
                    s(if tenant { "1" } else { "0" }),
                    s(paths::href(base, paths::ORG, &id)),
                ],
            });
        }
        return;
    }
    if t == QueryType::Task {
        let orgs = tenant_orgs(state, session_org);
        let provider = vcd_api::is_system_org(session_org);
        for task in live.tasks(None) {
            if !provider && !orgs.iter().any(|(id, _)| *id == task.org_id) {
                continue;
            }
            let (object, _, _) = crate::routes::tasks::owner_of(state, &task);
            let status = task.status(std::time::Instant::now());
            each(Record {
                values: vec![
                    s(task.operation_name),
                    s(&task.operation),
                    s(status.name),
                    s(crate::clock::iso8601(task.started_wall)),
                    task.ended_wall.map(crate::clock::iso8601),
                    s(&task.target_name),
                    s(crate::routes::tasks::object_type(task.target.1)),
                    s(object),
                    s(&task.user),
                    s(paths::href(base, paths::ORG, &task.org_id)),
                    s(&task.org_name),
                    s("com.vmware.vcloud"),
                    s(paths::href(base, paths::TASK, &task.id)),
                ],
            });
        }
        return;
    }
    for (org_id, org) in tenant_orgs(state, session_org) {
        let h = Hrefs {
            base,
            org_id: &org_id,
            live,
        };
        let org_href = paths::href(base, paths::ORG, &org_id);
        let vdc = h.of(Kind::Vdc, 0);
        let vdc_name = world::name(org, Kind::Vdc, 0);
        let owner = org
            .users
            .first()
            .map(|u| u.name.as_str())
            .unwrap_or("admin");
        let vapps = live.vapps(&org_id);
        match t {
            QueryType::VApp => {
                for i in vapps {
                    let shown = live.shown(org, &org_id, Kind::VApp, i);
                    let task = shown.last_task.as_ref();
                    each(Record {
                        values: vec![
                            s(&shown.name),
                            s(&vdc),
                            s(&vdc_name),
                            s(&org_href),
                            s(owner),
                            s(shown.record_status),
                            b(shown.deployed),
                            b(shown.busy.is_some()),
                            s(shown.vms.to_string()),
                            s(world::created(Kind::VApp, i)),
                            b(false),
                            b(false),
                            task.map(|t| paths::href(base, paths::TASK, &t.id)),
                            task.map(|t| t.status(std::time::Instant::now()).name.to_string()),
                            task.map(|t| t.operation_name.to_string()),
                            s(h.of(Kind::VApp, i)),
                        ],
                    });
                }
            }
            QueryType::Vm => {
                for i in vapps {
                    let vapp = live.shown(org, &org_id, Kind::VApp, i);
                    for k in 0..vapp.vms {
                        let vm_index = i * world::VMS_PER_VAPP + k;
                        let vm = live.shown(org, &org_id, Kind::Vm, vm_index);
                        each(Record {
                            values: vec![
                                s(&vm.name),
                                s(&vapp.name),
                                s(h.of(Kind::VApp, i)),
                                s(&vdc),
                                s(vm.record_status),
                                s("Ubuntu Linux (64-bit)"),
                                s("2"),
                                s("4096"),
                                s(format!(
                                    "192.168.{}.{}",
                                    10 + vm_index / 250 % 240,
                                    10 + vm_index % 250
                                )),
                                b(vm.deployed),
                                b(vm.busy.is_some()),
                                b(false),
                                s(world::created(Kind::Vm, vm_index)),
                                s(h.of(Kind::Vm, vm_index)),
                            ],
                        });
                    }
                }
            }
            QueryType::OrgVdc => each(Record {
                values: vec![
                    s(&vdc_name),
                    s(&org.name),
                    s(&org_href),
                    b(true),
                    b(false),
                    s("AllocationVApp"),
                    s(vapps.len().to_string()),
                    s(world::TEMPLATES.len().to_string()),
                    s("1"),
                    s("READY"),
                    s(&vdc),
                ],
            }),
            QueryType::Catalog => each(Record {
                values: vec![
                    s(world::name(org, Kind::Catalog, 0)),
                    s(&org.name),
                    s(owner),
                    b(false),
                    b(false),
                    s(world::TEMPLATES.len().to_string()),
                    s("0"),
                    s(world::created(Kind::Catalog, 0)),
                    s(h.of(Kind::Catalog, 0)),
                ],
            }),
            QueryType::CatalogItem => {
                for (i, name) in world::TEMPLATES.iter().enumerate() {
                    each(Record {
                        values: vec![
                            s(*name),
                            s(h.of(Kind::Catalog, 0)),
                            s(world::name(org, Kind::Catalog, 0)),
                            s(h.of(Kind::Template, i)),
                            s(*name),
                            s("vapptemplate"),
                            s(owner),
                            b(false),
                            s(world::created(Kind::CatalogItem, i)),
                            s("RESOLVED"),
                            s(h.of(Kind::CatalogItem, i)),
                        ],
                    });
                }
            }
            QueryType::VAppTemplate => {
                for (i, name) in world::TEMPLATES.iter().enumerate() {
                    each(Record {
                        values: vec![
                            s(*name),
                            s(world::name(org, Kind::Catalog, 0)),
                            s(&vdc),
                            s(&vdc_name),
                            s(&org_href),
                            s(owner),
                            s("RESOLVED"),
                            b(false),
                            b(true),
                            s("Standard"),
                            s(world::created(Kind::Template, i)),
                            s(h.of(Kind::Template, i)),
                        ],
                    });
                }
            }
            QueryType::EdgeGateway => {
                let busy = live.busy(&org_id, Kind::EdgeGateway, 0).is_some();
                each(Record {
                    values: vec![
                        s("READY"),
                        s("DISABLED"),
                        b(busy),
                        s(world::name(org, Kind::EdgeGateway, 0)),
                        s("1"),
                        s("1"),
                        s(&vdc),
                        b(true),
                        s(if busy { "running" } else { "success" }),
                        s(h.of(Kind::EdgeGateway, 0)),
                    ],
                })
            }
            QueryType::OrgVdcNetwork => each(Record {
                values: vec![
                    s(world::name(org, Kind::Network, 0)),
                    s("1"),
                    s("192.168.10.1"),
                    s("255.255.255.0"),
                    s(&vdc),
                    s(&vdc_name),
                    s(world::name(org, Kind::EdgeGateway, 0)),
                    b(false),
                    b(false),
                    s(h.of(Kind::Network, 0)),
                ],
            }),
            QueryType::Media => each(Record {
                values: vec![
                    s(world::MEDIA_NAME),
                    s(&vdc),
                    s(&vdc_name),
                    s(&org_href),
                    s(owner),
                    b(false),
                    s("RESOLVED"),
                    s("2136926208"),
                    s(world::created(Kind::Media, 0)),
                    s(h.of(Kind::Media, 0)),
                ],
            }),
            QueryType::User => {
                for u in &org.users {
                    each(Record {
                        values: vec![
                            s(&u.name),
                            s(&u.name),
                            b(u.enabled),
                            b(false),
                            b(u.locked),
                            s(&u.role),
                            s(&org_href),
                            s(paths::href(
                                base,
                                paths::USER,
                                &state.user_id(&org.name, &u.name),
                            )),
                        ],
                    });
                }
            }
            QueryType::Organization | QueryType::Task => {}
        }
    }
}

/// `urn:vcloud:<kind>:<uuid>` of an href this simulator made, for the `idrecords` format.
pub fn urn_of(state: &SimState, href: &str) -> Option<String> {
    let path = href.strip_prefix(state.public_url.as_str())?;
    let (template, id) = path.rsplit_once('/')?;
    let fixed = [
        (paths::ORG, "org"),
        (paths::TASK, "task"),
        (paths::USER, "user"),
    ];
    for (t, kind) in fixed {
        if t.trim_end_matches("/{id}") == template {
            return Some(format!("urn:vcloud:{kind}:{id}"));
        }
    }
    let orgs = crate::routes::world::orgs_with_ids(state);
    let e = world::parse(id, &orgs)?;
    (route_template(e.kind).trim_end_matches("/{id}") == template).then(|| {
        format!(
            "urn:vcloud:{}:{}",
            crate::routes::world::urn_kind(e.kind),
            world::uuid(e.org_id, e.kind, e.index)
        )
    })
}
