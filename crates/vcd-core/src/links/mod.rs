//! The API's links: extracting them from a page as it streams, walking them ("Discover"), and the
//! map of every link found, with its exports.

mod extract;
mod map;

pub use extract::{
    extract_links, for_each_link, from_element, parse_link_header, Found, Link, PageLinks,
    Reference, MAX_PAGE_LINKS,
};
pub(crate) use map::csv_field;
pub use map::{save_link_map, ExportFormat, LinkMap, MapRow};
