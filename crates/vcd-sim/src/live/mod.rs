//! What has changed in the world since the simulator started, over the computed world of
//! world.rs: power states, renames, deletions, vApps made from templates, metadata, edge gateway
//! services, and the tasks that make those changes. Only what changed is held, so a world of
//! 200,000 vApps costs nothing until someone acts on it. Every read first [`Live::settle`]s the
//! tasks whose time is up, so the world a client sees always matches its tasks' statuses.

mod tasks;

pub use tasks::{op, Effect, Outcome, Task, OPERATIONS};

use crate::body::Node;
use crate::world::{self, Kind, VMS_PER_VAPP};
use std::collections::{BTreeMap, HashMap};
use std::sync::{Mutex, MutexGuard};
use std::time::{Duration, Instant, SystemTime};

/// An entity across orgs: the org's id, its kind and its index in that org's world.
pub type Key = (String, Kind, usize);

pub fn key(org_id: &str, kind: Kind, index: usize) -> Key {
    (org_id.to_string(), kind, index)
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Power {
    On,
    Off,
    Suspended,
}

impl Power {
    /// VCD's integer `status` of a VApp or Vm element.
    pub fn code(self) -> i32 {
        match self {
            Power::On => 4,
            Power::Off => 8,
            Power::Suspended => 3,
        }
    }

    /// The `status` of a query record.
    pub fn record_status(self) -> &'static str {
        match self {
            Power::On => "POWERED_ON",
            Power::Off => "POWERED_OFF",
            Power::Suspended => "SUSPENDED",
        }
    }
}

/// A typed metadata value (`MetadataStringValue`, `MetadataNumberValue`, …) and its text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MetaValue {
    pub xsi_type: String,
    pub value: String,
}

/// How far a vApp made by instantiate or compose has come.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Creation {
    Creating,
    Ready,
    Failed,
}

#[derive(Debug, Clone)]
struct Made {
    creation: Creation,
    vms: usize,
    name: String,
    description: Option<String>,
}

#[derive(Debug, Clone, Copy)]
struct VmState {
    power: Power,
    deployed: bool,
}

#[derive(Default)]
struct Changes {
    vms: HashMap<Key, VmState>,
    names: HashMap<Key, (String, Option<String>)>,
    deleted: std::collections::HashSet<Key>,
    made: HashMap<Key, Made>,
    /// The next index for a made vApp, per org.
    next_vapp: HashMap<String, usize>,
    metadata: HashMap<Key, BTreeMap<String, MetaValue>>,
    edge_services: HashMap<String, Node>,
    tasks: Vec<Task>,
}

pub struct Live {
    changes: Mutex<Changes>,
    /// vApps each org's world starts with (`--scale`).
    base_vapps: usize,
    /// How long a task runs before it ends (`--task-ms`, default 3 s).
    pub task_duration: Duration,
    /// Operation names whose tasks end in error (the scenario's `failing_operations`).
    failing: Vec<String>,
}

/// The state of one vApp or VM as pages and records show it.
#[derive(Debug, Clone)]
pub struct Shown {
    pub name: String,
    pub description: Option<String>,
    /// VCD's integer status (0 unresolved, -1 failed creation, 3/4/8/10 power states).
    pub status: i32,
    pub record_status: &'static str,
    pub power: Option<Power>,
    pub deployed: bool,
    pub vms: usize,
    /// The running task acting on it, if any.
    pub busy: Option<Task>,
    /// The last task that acted on it (for a record's `task` and `taskStatus`).
    pub last_task: Option<Task>,
}

/// Sample world: every fourth vApp (db-backend first) starts powered on and deployed, so queries
/// on `status` and `isDeployed` have something to find.
fn initial_vm(vm_index: usize) -> VmState {
    if (vm_index / VMS_PER_VAPP) % 4 == 1 {
        VmState {
            power: Power::On,
            deployed: true,
        }
    } else {
        VmState {
            power: Power::Off,
            deployed: false,
        }
    }
}

impl Live {
    pub fn new(base_vapps: usize, task_duration: Duration, failing: Vec<String>) -> Live {
        Live {
            changes: Mutex::new(Changes::default()),
            base_vapps,
            task_duration,
            failing,
        }
    }

    fn lock(&self) -> MutexGuard<'_, Changes> {
        // A panic while holding the lock leaves changes that are still consistent per field.
        self.changes.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Ends the tasks whose time is up: a success applies its effect, a failing operation ends in
    /// error and changes nothing.
    pub fn settle(&self) {
        let now = Instant::now();
        let mut c = self.lock();
        let due: Vec<usize> = c
            .tasks
            .iter()
            .enumerate()
            .filter(|(_, t)| t.is_running() && now.duration_since(t.started) >= t.duration)
            .map(|(i, _)| i)
            .collect();
        for i in due {
            let fail = self.failing.iter().any(|f| f == c.tasks[i].operation_name);
            let ended = c.tasks[i].started_wall + c.tasks[i].duration;
            if fail {
                let message = format!(
                    "The operation {} failed: the simulator's scenario makes it fail \
                     (failing_operations), to show how a failed task reads.",
                    c.tasks[i].operation_name
                );
                let target = c.tasks[i].target.clone();
                c.tasks[i].outcome = Outcome::Error(message);
                c.tasks[i].ended_wall = Some(ended);
                if let Some(made) = c.made.get_mut(&target) {
                    if made.creation == Creation::Creating {
                        made.creation = Creation::Failed;
                    }
                }
            } else {
                let task = c.tasks[i].clone();
                apply(&mut c, &task.target, &task.effect);
                c.tasks[i].outcome = Outcome::Success;
                c.tasks[i].ended_wall = Some(ended);
            }
        }
    }

    /// Whether the entity exists now (made, not deleted, within the world).
    pub fn exists(&self, org_id: &str, kind: Kind, index: usize) -> bool {
        let c = self.lock();
        exists(&c, self.base_vapps, org_id, kind, index)
    }

    /// The vApps of an org's VDC, in index order.
    pub fn vapps(&self, org_id: &str) -> Vec<usize> {
        let c = self.lock();
        let made_end = c.next_vapp.get(org_id).copied().unwrap_or(self.base_vapps);
        (0..made_end)
            .filter(|&i| exists(&c, self.base_vapps, org_id, Kind::VApp, i))
            .collect()
    }

    /// The name an entity shows now: its rename, the name it was made with, or the world's.
    pub fn name(
        &self,
        org: &crate::scenario::OrgSpec,
        org_id: &str,
        kind: Kind,
        index: usize,
    ) -> String {
        naming(&self.lock(), org, org_id, kind, index).0
    }

    /// How a vApp or VM looks now.
    pub fn shown(
        &self,
        org: &crate::scenario::OrgSpec,
        org_id: &str,
        kind: Kind,
        index: usize,
    ) -> Shown {
        let c = self.lock();
        let k = key(org_id, kind, index);
        let (vapp, vm_range) = match kind {
            Kind::Vm => (index / VMS_PER_VAPP, index..index + 1),
            _ => {
                let vms = vm_count(&c, org_id, index);
                (index, index * VMS_PER_VAPP..index * VMS_PER_VAPP + vms)
            }
        };
        let made = c.made.get(&key(org_id, Kind::VApp, vapp)).cloned();
        let (name, description) = naming(&c, org, org_id, kind, index);
        let states: Vec<VmState> = vm_range.map(|i| vm_state(&c, org_id, i)).collect();
        let deployed = states.iter().any(|s| s.deployed);
        let power = match states.first() {
            Some(first) if states.iter().all(|s| s.power == first.power) => Some(first.power),
            Some(_) => None,
            None => Some(Power::Off),
        };
        let (status, record_status) = match made.as_ref().map(|m| m.creation) {
            Some(Creation::Creating) => (0, "UNRESOLVED"),
            Some(Creation::Failed) => (-1, "FAILED_CREATION"),
            _ => match power {
                Some(p) => (p.code(), p.record_status()),
                None => (10, "MIXED"),
            },
        };
        let touches = |t: &&Task| {
            t.target == k
                || (kind == Kind::VApp
                    && t.target.0 == org_id
                    && t.target.1 == Kind::Vm
                    && t.target.2 / VMS_PER_VAPP == index)
                || (kind == Kind::Vm && t.target == key(org_id, Kind::VApp, vapp))
        };
        let busy = c
            .tasks
            .iter()
            .filter(touches)
            .find(|t| t.is_running())
            .cloned();
        let last_task = c.tasks.iter().rev().find(|t| touches(t)).cloned();
        Shown {
            name,
            description,
            status,
            record_status,
            power,
            deployed,
            vms: states.len(),
            busy,
            last_task,
        }
    }

    /// An entity's metadata entries, by key.
    pub fn metadata(&self, org_id: &str, kind: Kind, index: usize) -> BTreeMap<String, MetaValue> {
        self.lock()
            .metadata
            .get(&key(org_id, kind, index))
            .cloned()
            .unwrap_or_default()
    }

    pub fn edge_services(&self, org_id: &str) -> Option<Node> {
        self.lock().edge_services.get(org_id).cloned()
    }

    /// The running task acting on an entity (or on its vApp or VMs), if any.
    pub fn busy(&self, org_id: &str, kind: Kind, index: usize) -> Option<Task> {
        let c = self.lock();
        let k = key(org_id, kind, index);
        let vapp = match kind {
            Kind::Vm => Some(index / VMS_PER_VAPP),
            Kind::VApp => Some(index),
            _ => None,
        };
        c.tasks
            .iter()
            .filter(|t| t.is_running())
            .find(|t| {
                t.target == k
                    || vapp.is_some_and(|v| {
                        t.target.0 == org_id
                            && ((t.target.1 == Kind::VApp && t.target.2 == v)
                                || (t.target.1 == Kind::Vm && t.target.2 / VMS_PER_VAPP == v))
                    })
            })
            .cloned()
    }

    /// Starts a task; it ends on its own once its time is up.
    #[allow(clippy::too_many_arguments)]
    pub fn start_task(
        &self,
        id: String,
        org: (&str, &str),
        user: (&str, &str),
        operation_name: &'static str,
        operation: String,
        target: Key,
        target_name: String,
        effect: Effect,
    ) -> Task {
        let task = Task {
            id,
            org_id: org.0.to_string(),
            org_name: org.1.to_string(),
            user: user.0.to_string(),
            user_id: user.1.to_string(),
            operation_name,
            operation,
            target,
            target_name,
            effect,
            started: Instant::now(),
            started_wall: SystemTime::now(),
            duration: self.task_duration,
            outcome: Outcome::Pending,
            ended_wall: None,
        };
        self.lock().tasks.push(task.clone());
        task
    }

    /// Reserves the index of a vApp being made and shows it as being created.
    pub fn make_vapp(
        &self,
        org_id: &str,
        name: String,
        description: Option<String>,
        vms: usize,
    ) -> usize {
        let mut c = self.lock();
        let base = self.base_vapps;
        let next = c.next_vapp.entry(org_id.to_string()).or_insert(base);
        let index = *next;
        *next += 1;
        c.made.insert(
            key(org_id, Kind::VApp, index),
            Made {
                creation: Creation::Creating,
                vms: vms.min(VMS_PER_VAPP),
                name,
                description,
            },
        );
        index
    }

    pub fn task(&self, id: &str) -> Option<Task> {
        self.lock().tasks.iter().find(|t| t.id == id).cloned()
    }

    /// Every task of an org (all of them for `None`), oldest first.
    pub fn tasks(&self, org_id: Option<&str>) -> Vec<Task> {
        self.lock()
            .tasks
            .iter()
            .filter(|t| org_id.is_none_or(|o| t.org_id == o))
            .cloned()
            .collect()
    }

    /// Cancels a running task: it ends `canceled` and changes nothing (a vApp being made is gone).
    /// `Err` carries the task's status when it had already ended.
    pub fn cancel(&self, id: &str) -> Result<(), &'static str> {
        let mut c = self.lock();
        let Some(t) = c.tasks.iter_mut().find(|t| t.id == id) else {
            return Err("unknown");
        };
        match t.outcome {
            Outcome::Pending => {
                t.outcome = Outcome::Canceled;
                t.ended_wall = Some(SystemTime::now());
                let target = t.target.clone();
                if c.made
                    .get(&target)
                    .is_some_and(|m| m.creation == Creation::Creating)
                {
                    c.deleted.insert(target);
                }
                Ok(())
            }
            Outcome::Success => Err("success"),
            Outcome::Error(_) => Err("error"),
            Outcome::Canceled => Err("canceled"),
        }
    }
}

fn naming(
    c: &Changes,
    org: &crate::scenario::OrgSpec,
    org_id: &str,
    kind: Kind,
    index: usize,
) -> (String, Option<String>) {
    if let Some(named) = c.names.get(&key(org_id, kind, index)) {
        return named.clone();
    }
    let vapp = match kind {
        Kind::Vm => index / VMS_PER_VAPP,
        _ => index,
    };
    match (c.made.get(&key(org_id, Kind::VApp, vapp)), kind) {
        (Some(m), Kind::VApp) => (m.name.clone(), m.description.clone()),
        (Some(m), Kind::Vm) => (format!("{}-vm{}", m.name, index % VMS_PER_VAPP + 1), None),
        _ => (world::name(org, kind, index), None),
    }
}

fn vm_count(c: &Changes, org_id: &str, vapp: usize) -> usize {
    c.made
        .get(&key(org_id, Kind::VApp, vapp))
        .map(|m| m.vms)
        .unwrap_or(VMS_PER_VAPP)
}

fn vm_state(c: &Changes, org_id: &str, vm: usize) -> VmState {
    c.vms
        .get(&key(org_id, Kind::Vm, vm))
        .copied()
        .unwrap_or_else(|| {
            if c.made
                .contains_key(&key(org_id, Kind::VApp, vm / VMS_PER_VAPP))
            {
                VmState {
                    power: Power::Off,
                    deployed: false,
                }
            } else {
                initial_vm(vm)
            }
        })
}

fn exists(c: &Changes, base_vapps: usize, org_id: &str, kind: Kind, index: usize) -> bool {
    match kind {
        Kind::VApp => {
            let k = key(org_id, Kind::VApp, index);
            (index < base_vapps || c.made.contains_key(&k)) && !c.deleted.contains(&k)
        }
        Kind::Vm => {
            let vapp = index / VMS_PER_VAPP;
            exists(c, base_vapps, org_id, Kind::VApp, vapp)
                && index % VMS_PER_VAPP < vm_count(c, org_id, vapp)
        }
        other => index < world::count(other, base_vapps),
    }
}

fn apply(c: &mut Changes, target: &Key, effect: &Effect) {
    let (org_id, kind, index) = target;
    match effect {
        Effect::Power { to, deployed } => {
            let vms: Vec<usize> = match kind {
                Kind::Vm => vec![*index],
                _ => {
                    let n = vm_count(c, org_id, *index);
                    (index * VMS_PER_VAPP..index * VMS_PER_VAPP + n).collect()
                }
            };
            for vm in vms {
                let mut s = vm_state(c, org_id, vm);
                s.power = *to;
                if let Some(d) = deployed {
                    s.deployed = *d;
                }
                c.vms.insert(key(org_id, Kind::Vm, vm), s);
            }
        }
        Effect::Delete => {
            c.deleted.insert(target.clone());
        }
        Effect::Rename { name, description } => {
            c.names
                .insert(target.clone(), (name.clone(), description.clone()));
        }
        Effect::Create => {
            if let Some(m) = c.made.get_mut(target) {
                m.creation = Creation::Ready;
            }
        }
        Effect::Metadata(entries) => {
            let map = c.metadata.entry(target.clone()).or_default();
            for (k, v) in entries {
                match v {
                    Some(v) => {
                        map.insert(k.clone(), v.clone());
                    }
                    None => {
                        map.remove(k);
                    }
                }
            }
        }
        Effect::EdgeServices(node) => {
            c.edge_services.insert(org_id.clone(), node.clone());
        }
    }
}
