//! Response-body work the viewer does on every large answer: link extraction (streaming) and
//! pretty-printing, on a 10 MB VCD-shaped body. The named peer is roxmltree, a fast DOM parser:
//! criterion prints both, so the ratio reads straight off its report.
//! Run: cargo bench -p vcd-core --bench body

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};
use std::hint::black_box;
use vcd_core::{extract_links, pretty_xml_into};
use vcd_sim::SyntheticVdc;

fn bodies() -> Vec<(&'static str, Vec<u8>)> {
    vec![
        // Many small references (a VDC listing 40,000 vApps).
        ("many-links", SyntheticVdc::new(40_000, 100).to_vec()),
        // Few links in much text (OVF-heavy documents).
        ("long-text", SyntheticVdc::new(200, 50_000).to_vec()),
    ]
}

fn links(c: &mut Criterion) {
    let mut group = c.benchmark_group("links");
    group.sample_size(10);
    for (name, body) in bodies() {
        group.throughput(Throughput::Bytes(body.len() as u64));
        group.bench_with_input(
            BenchmarkId::new("vcd-workbench streaming", name),
            &body,
            |b, body| b.iter(|| black_box(extract_links(&body[..]).unwrap().references.len())),
        );
        group.bench_with_input(
            BenchmarkId::new("peer: roxmltree DOM", name),
            &body,
            |b, body| {
                b.iter(|| {
                    let text = std::str::from_utf8(body).unwrap();
                    let doc = roxmltree::Document::parse(text).unwrap();
                    black_box(
                        doc.descendants()
                            .filter(|n| n.attribute("href").is_some())
                            .count(),
                    )
                })
            },
        );
    }
    group.finish();
}

fn pretty(c: &mut Criterion) {
    let mut group = c.benchmark_group("pretty");
    group.sample_size(10);
    for (name, body) in bodies() {
        group.throughput(Throughput::Bytes(body.len() as u64));
        group.bench_with_input(
            BenchmarkId::new("vcd-workbench pretty_xml", name),
            &body,
            |b, body| {
                b.iter(|| {
                    let mut out = Vec::new();
                    pretty_xml_into(&body[..], &mut out).unwrap();
                    black_box(out.len())
                })
            },
        );
        group.bench_with_input(
            BenchmarkId::new("peer: roxmltree parse only", name),
            &body,
            |b, body| {
                b.iter(|| {
                    let text = std::str::from_utf8(body).unwrap();
                    black_box(
                        roxmltree::Document::parse(text)
                            .unwrap()
                            .descendants()
                            .count(),
                    )
                })
            },
        );
    }
    group.finish();
}

criterion_group!(benches, links, pretty);
criterion_main!(benches);
