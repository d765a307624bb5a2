//! Large VCD-shaped XML bodies made on the fly, for the benchmarks and the bounded-memory test: a
//! `Vdc` whose `ResourceEntities` hold `entities` references, each followed by `padding` bytes of
//! description text (the bulk of a big real body: OVF sections, descriptions), never held whole.

use std::io::Read;

pub struct SyntheticVdc {
    entities: usize,
    padding: usize,
    next: usize,
    pending: Vec<u8>,
    pos: usize,
    done: bool,
}

const HEAD: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Vdc xmlns=\"http://www.vmware.com/vcloud/v1.5\" href=\"https://vcd.example/api/vdc/1\" name=\"big\" type=\"application/vnd.vmware.vcloud.vdc+xml\">\n  <Link rel=\"up\" href=\"https://vcd.example/api/org/1\" type=\"application/vnd.vmware.vcloud.org+xml\"/>\n  <ResourceEntities>\n";
const TAIL: &str = "  </ResourceEntities>\n</Vdc>\n";

impl SyntheticVdc {
    pub fn new(entities: usize, padding: usize) -> SyntheticVdc {
        SyntheticVdc {
            entities,
            padding,
            next: 0,
            pending: HEAD.as_bytes().to_vec(),
            pos: 0,
            done: false,
        }
    }

    /// Its size in bytes, without making it.
    pub fn len(&self) -> usize {
        let per = Self::entity(0, self.padding).len();
        // Entity lines differ only in the index's digits, written zero-padded to 10.
        HEAD.len() + TAIL.len() + per * self.entities
    }

    pub fn is_empty(&self) -> bool {
        false
    }

    fn entity(i: usize, padding: usize) -> Vec<u8> {
        let mut line = format!(
            "    <ResourceEntity href=\"https://vcd.example/api/vApp/vapp-{i:010}\" name=\"vapp-{i:010}\" type=\"application/vnd.vmware.vcloud.vApp+xml\"/>\n    <Description>"
        )
        .into_bytes();
        line.resize(line.len() + padding, b'x');
        line.extend_from_slice(b"</Description>\n");
        line
    }

    /// The whole body in memory (for benchmarks that time parsing alone).
    pub fn to_vec(self) -> Vec<u8> {
        let mut out = Vec::with_capacity(self.len());
        let mut me = self;
        me.read_to_end(&mut out).unwrap_or_default();
        out
    }
}

impl Read for SyntheticVdc {
    fn read(&mut self, out: &mut [u8]) -> std::io::Result<usize> {
        while self.pos == self.pending.len() {
            if self.done {
                return Ok(0);
            }
            self.pos = 0;
            if self.next < self.entities {
                self.pending = Self::entity(self.next, self.padding);
                self.next += 1;
            } else {
                self.pending = TAIL.as_bytes().to_vec();
                self.done = true;
            }
        }
        let n = out.len().min(self.pending.len() - self.pos);
        out[..n].copy_from_slice(&self.pending[self.pos..self.pos + n]);
        self.pos += n;
        Ok(n)
    }
}
