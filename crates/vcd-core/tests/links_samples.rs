//! Link and reference extraction on every real XML payload in shared/vcd-samples. The counts were
//! made by hand once (every `<Link` with rel and href; every other element with an href, the root
//! element excepted; OVF sections carry theirs as `vcloud:href`) and are asserted here.

mod common;

use common::{sample, samples_dir};
use std::collections::BTreeMap;
use vcd_core::{extract_links, PageLinks};

fn page(name: &str) -> PageLinks {
    extract_links(&sample(name)[..]).unwrap_or_else(|e| panic!("{name}: {e}"))
}

fn methods(p: &PageLinks) -> BTreeMap<&str, usize> {
    let mut m = BTreeMap::new();
    for l in &p.links {
        *m.entry(l.method.as_str()).or_default() += 1;
    }
    m
}

#[test]
fn every_sample_yields_its_links_and_references() {
    // (file, Links, references)
    let expected = [
        ("catalog.xml", 1, 15),
        ("edgegateway.xml", 5, 7),
        ("error-403-access-forbidden.xml", 0, 0),
        ("org-2.xml", 7, 0),
        ("org-list.xml", 0, 1),
        ("org.xml", 19, 0),
        ("query-edgegateway-records.xml", 2, 1),
        ("query-user-records-filtered.xml", 2, 1),
        ("query-vapp-records-page2of5.xml", 6, 1),
        ("query-vm-records.xml", 2, 4),
        ("session-api-sessions.xml", 9, 0),
        ("task-error.xml", 0, 3),
        ("task-success-with-cancel-link.xml", 1, 3),
        ("task-success.xml", 0, 3),
        ("vapp-instantiate-response.xml", 6, 5),
        ("vapp-instantiated-with-running-task.xml", 11, 5),
        ("vapp.xml", 60, 18),
        ("vapptemplate.xml", 19, 9),
        ("vdc-2.xml", 10, 6),
        ("vdc.xml", 2, 5),
        ("versions-vcd10.4-api37.xml", 0, 0),
    ];
    let mut on_disk: Vec<String> = std::fs::read_dir(samples_dir())
        .unwrap()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".xml"))
        .collect();
    on_disk.sort();
    let listed: Vec<&str> = expected.iter().map(|e| e.0).collect();
    assert_eq!(on_disk, listed, "every XML sample is counted here");
    for (name, links, references) in expected {
        let p = page(name);
        assert_eq!(
            (p.links.len(), p.references.len()),
            (links, references),
            "{name}"
        );
    }
}

#[test]
fn a_vapp_offers_every_verb_and_its_vms_as_references() {
    let p = page("vapp.xml");
    let m = methods(&p);
    assert_eq!(m.get("PUT"), Some(&17), "{m:?}");
    assert_eq!(m.get("DELETE"), Some(&2), "{m:?}");
    assert_eq!(m.get("POST"), Some(&21), "{m:?}");
    assert_eq!(m.get("GET"), Some(&20), "{m:?}");
    let power_on = p.links.iter().find(|l| l.rel == "power:powerOn").unwrap();
    assert_eq!(power_on.method, "POST");
    assert!(
        power_on.href.ends_with("/power/action/powerOn"),
        "{power_on:?}"
    );
    let vm = p.references.iter().find(|r| r.element == "Vm").unwrap();
    assert_eq!(
        vm.media_type.as_deref(),
        Some("application/vnd.vmware.vcloud.vm+xml")
    );
    assert!(vm.name.is_some());
}

#[test]
fn a_vdc_lists_its_vapps_as_resource_entities_and_a_session_its_links() {
    let p = page("vdc.xml");
    let entities: Vec<_> = p
        .references
        .iter()
        .filter(|r| r.element == "ResourceEntity")
        .map(|r| (r.name.as_deref().unwrap(), r.media_type.as_deref().unwrap()))
        .collect();
    assert_eq!(
        entities,
        [
            (
                "vAppTemplate",
                "application/vnd.vmware.vcloud.vAppTemplate+xml"
            ),
            ("myVApp", "application/vnd.vmware.vcloud.vApp+xml"),
        ]
    );
    assert_eq!(p.links[0].rel, "up");

    // The prefix-free Session and the ns0:-prefixed Error parse alike.
    let s = page("session-api-sessions.xml");
    let rels: Vec<&str> = s.links.iter().map(|l| l.rel.as_str()).collect();
    assert!(
        rels.contains(&"remove") && rels.contains(&"entityResolver"),
        "{rels:?}"
    );
    let remove = s.links.iter().find(|l| l.rel == "remove").unwrap();
    assert_eq!(remove.method, "DELETE");

    let task = page("task-success-with-cancel-link.xml");
    assert_eq!(task.links[0].rel, "task:cancel");
    assert_eq!(task.links[0].method, "POST");
}
