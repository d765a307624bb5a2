//! A 100 MB body: link extraction and pretty-printing read it as a stream. A counting allocator
//! measures the peak heap while the body is produced on the fly and never held whole: the peak
//! must stay far below the body's size.

use std::alloc::{GlobalAlloc, Layout, System};
use std::io::BufReader;
use std::sync::atomic::{AtomicUsize, Ordering};
use vcd_core::extract_links;
use vcd_sim::SyntheticVdc;

struct Counting;

static LIVE: AtomicUsize = AtomicUsize::new(0);
static PEAK: AtomicUsize = AtomicUsize::new(0);

unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        let p = unsafe { System.alloc(layout) };
        if !p.is_null() {
            let now = LIVE.fetch_add(layout.size(), Ordering::Relaxed) + layout.size();
            PEAK.fetch_max(now, Ordering::Relaxed);
        }
        p
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        unsafe { System.dealloc(ptr, layout) };
        LIVE.fetch_sub(layout.size(), Ordering::Relaxed);
    }
}

#[global_allocator]
static ALLOCATOR: Counting = Counting;

#[test]
fn extracting_links_from_100_mb_stays_within_a_few_megabytes() {
    // 2,000 vApps, each followed by 50 KB of description: 100 MB, most of it not links.
    let body = SyntheticVdc::new(2_000, 50_000);
    let size = body.len();
    assert!(size > 100_000_000, "{size}");
    let before = LIVE.load(Ordering::Relaxed);
    PEAK.store(before, Ordering::Relaxed);
    let page = extract_links(BufReader::with_capacity(64 * 1024, body)).unwrap();
    let peak = PEAK.load(Ordering::Relaxed) - before;
    assert_eq!(page.links.len(), 1);
    assert_eq!(page.references.len(), 2_000);
    assert_eq!(
        page.references[1_999].href,
        "https://vcd.example/api/vApp/vapp-0000001999"
    );
    // The links themselves take about 0.5 MB; the parser's buffer grows to the longest event
    // (a 50 KB text). Reading the body whole would take 100 MB.
    assert!(
        peak < 4_000_000,
        "peak heap {peak} bytes for a {size}-byte body"
    );
}
