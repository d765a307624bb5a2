//! A hostile VCD on 127.0.0.1:0 for the hardening tests: enough of VCD to log in (legacy
//! `/api/sessions`), then pages that redirect to another origin, inflate, trickle, nest, echo
//! escape sequences and drop kept-alive connections. Raw HTTP/1.1 over tokio, so that it can
//! misbehave in ways a real server library would not. A path prefix picks a mode for the whole
//! request: `/deep` nests `/api/versions`, `/deepsession` nests the Session, `/bomb` sends
//! `/api/versions` as a gzip bomb (of 64 MiB; `/bombN`: of N GiB), `/drop2` closes every connection
//! at its second request. `/api/big?mb=N` is an N MiB page, `/api/bomb?gib=N` an N GiB bomb.
//! Everything it is asked is logged, with the headers, so tests can see what reached it.
#![allow(dead_code)]

use std::sync::{Arc, Mutex};
use tokio::io::{AsyncBufReadExt, AsyncReadExt, AsyncWriteExt, BufReader};
use tokio::net::{TcpListener, TcpStream};
use tokio::task::JoinHandle;

/// One request the server received.
#[derive(Debug, Clone)]
pub struct Seen {
    pub method: String,
    /// Path and query, as sent.
    pub target: String,
    pub headers: Vec<(String, String)>,
    /// False when the server dropped the connection instead of answering.
    pub answered: bool,
}

impl Seen {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }

    /// Whether it carried any credential.
    pub fn has_credentials(&self) -> bool {
        ["authorization", "x-vcloud-authorization", "cookie"]
            .iter()
            .any(|h| self.header(h).is_some())
    }
}

pub struct Hostile {
    /// `http://127.0.0.1:PORT`
    pub url: String,
    pub port: u16,
    log: Arc<Mutex<Vec<Seen>>>,
    task: JoinHandle<()>,
}

impl Drop for Hostile {
    fn drop(&mut self) {
        self.task.abort();
    }
}

impl Hostile {
    pub fn seen(&self) -> Vec<Seen> {
        self.log.lock().unwrap().clone()
    }
}

pub const TOKEN: &str = "hostile-legacy-token-0001";
pub const BEARER: &str = "hostile-bearer-token-0001";
/// A message with an OSC title change, a colour and a screen clear.
pub const ESCAPES: &str = "Bad \u{1b}]0;pwned\u{7}\u{1b}[31mred\u{1b}[2J";

/// Starts the server. `peer`: the URL that `/api/go-away` redirects to (another origin).
pub async fn hostile(peer: Option<String>) -> Hostile {
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let port = listener.local_addr().unwrap().port();
    let url = format!("http://127.0.0.1:{port}");
    let log: Arc<Mutex<Vec<Seen>>> = Arc::default();
    let (task_log, task_url) = (log.clone(), url.clone());
    let task = tokio::spawn(async move {
        loop {
            let Ok((stream, _)) = listener.accept().await else {
                return;
            };
            let (log, url, peer) = (task_log.clone(), task_url.clone(), peer.clone());
            tokio::spawn(async move {
                let _ = serve(stream, &url, port, peer.as_deref(), &log).await;
            });
        }
    });
    Hostile {
        url,
        port,
        log,
        task,
    }
}

async fn serve(
    stream: TcpStream,
    url: &str,
    port: u16,
    peer: Option<&str>,
    log: &Mutex<Vec<Seen>>,
) -> std::io::Result<()> {
    let mut reader = BufReader::new(stream);
    let mut nth = 0usize;
    loop {
        let mut line = String::new();
        if reader.read_line(&mut line).await? == 0 {
            return Ok(());
        }
        let mut parts = line.split_whitespace();
        let method = parts.next().unwrap_or("").to_string();
        let target = parts.next().unwrap_or("").to_string();
        let mut headers = Vec::new();
        loop {
            let mut h = String::new();
            if reader.read_line(&mut h).await? == 0 {
                return Ok(());
            }
            let h = h.trim_end();
            if h.is_empty() {
                break;
            }
            if let Some((n, v)) = h.split_once(':') {
                headers.push((n.trim().to_string(), v.trim().to_string()));
            }
        }
        let length: usize = headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case("content-length"))
            .and_then(|(_, v)| v.parse().ok())
            .unwrap_or(0);
        let chunked = headers.iter().any(|(n, v)| {
            n.eq_ignore_ascii_case("transfer-encoding") && v.eq_ignore_ascii_case("chunked")
        });
        let mut body = vec![0u8; length];
        reader.read_exact(&mut body).await?;
        if chunked {
            // Read (and drop) a streamed body to its last chunk.
            loop {
                let mut size = String::new();
                if reader.read_line(&mut size).await? == 0 {
                    return Ok(());
                }
                let n = usize::from_str_radix(size.trim(), 16).unwrap_or(0);
                let mut piece = vec![0u8; n + 2];
                reader.read_exact(&mut piece).await?;
                if n == 0 {
                    break;
                }
            }
        }
        nth += 1;
        let drop_it = target.starts_with("/drop2/") && nth >= 2;
        log.lock().unwrap().push(Seen {
            method: method.clone(),
            target: target.clone(),
            headers,
            answered: !drop_it,
        });
        if drop_it {
            // As a server whose keep-alive timer just fired: the connection closes, unanswered.
            return Ok(());
        }
        let stream = reader.get_mut();
        answer(stream, &method, &target, url, port, peer).await?;
    }
}

fn session_xml(url: &str) -> String {
    format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Session xmlns=\"http://www.vmware.com/vcloud/v1.5\" user=\"alice\" org=\"acme\" roles=\"Organization Administrator\" href=\"{url}/api/session/\" type=\"application/vnd.vmware.vcloud.session+xml\"><Link rel=\"down\" href=\"{url}/api/org/\" type=\"application/vnd.vmware.vcloud.orgList+xml\"/></Session>"
    )
}

/// `depth` levels of `<Nested>` inside a namespaced `root`.
fn nested(root: &str, ns: &str, depth: usize) -> String {
    let mut s = format!("<{root} xmlns=\"{ns}\">");
    s.push_str(&"<Nested>".repeat(depth));
    s.push_str(&"</Nested>".repeat(depth));
    s.push_str(&format!("</{root}>"));
    s
}

/// `mib` MiB of zeros, gzip-compressed: a thousandfold ratio (64 MiB make about 64 KB, 4 GiB about
/// 4 MB). Each size is made once.
fn bomb_of(mib: usize) -> Arc<Vec<u8>> {
    use std::io::Write;
    static BOMBS: Mutex<Vec<(usize, Arc<Vec<u8>>)>> = Mutex::new(Vec::new());
    let mut made = BOMBS.lock().unwrap();
    if let Some((_, b)) = made.iter().find(|(m, _)| *m == mib) {
        return b.clone();
    }
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
    let zeros = vec![0u8; 1024 * 1024];
    for _ in 0..mib {
        gz.write_all(&zeros).unwrap();
    }
    let bomb = Arc::new(gz.finish().unwrap());
    made.push((mib, bomb.clone()));
    bomb
}

/// The bomb of the mode's size: 64 MiB, or `?gib=N` GiB.
fn bomb(target: &str) -> Arc<Vec<u8>> {
    let gib: Option<usize> = target.split("gib=").nth(1).and_then(|v| v.parse().ok());
    bomb_of(gib.map_or(64, |g| g * 1024))
}

async fn send(
    stream: &mut TcpStream,
    status: &str,
    headers: &[(&str, String)],
    body: &[u8],
) -> std::io::Result<()> {
    let mut head = format!("HTTP/1.1 {status}\r\nContent-Length: {}\r\n", body.len());
    for (n, v) in headers {
        head.push_str(&format!("{n}: {v}\r\n"));
    }
    head.push_str("\r\n");
    stream.write_all(head.as_bytes()).await?;
    stream.write_all(body).await?;
    stream.flush().await
}

async fn answer(
    stream: &mut TcpStream,
    method: &str,
    target: &str,
    url: &str,
    port: u16,
    peer: Option<&str>,
) -> std::io::Result<()> {
    let xml = |t: &str| {
        (
            "Content-Type",
            format!("application/vnd.vmware.vcloud.{t}+xml"),
        )
    };
    let (mode, path) = match target.split_once("/api/") {
        Some((prefix, rest)) => (prefix.to_string(), format!("/api/{rest}")),
        None => (String::new(), target.to_string()),
    };
    let base = format!("{url}{mode}");
    match (method, path.as_str()) {
        ("GET", "/api/versions") if mode == "/deep" => {
            let body = nested(
                "SupportedVersions",
                "http://www.vmware.com/vcloud/versions",
                70_000,
            );
            send(
                stream,
                "200 OK",
                &[("Content-Type", "application/*+xml".into())],
                body.as_bytes(),
            )
            .await
        }
        ("GET", "/api/versions") if mode.starts_with("/bomb") => {
            let headers = [
                ("Content-Type", "application/*+xml".to_string()),
                ("Content-Encoding", "gzip".to_string()),
            ];
            let gib: Option<usize> = mode["/bomb".len()..].parse().ok();
            send(
                stream,
                "200 OK",
                &headers,
                &bomb_of(gib.map_or(64, |g| g * 1024)),
            )
            .await
        }
        ("GET", "/api/versions") => {
            let body = format!(
                "<SupportedVersions xmlns=\"http://www.vmware.com/vcloud/versions\"><VersionInfo deprecated=\"false\"><Version>37.0</Version><LoginUrl>{base}/api/sessions</LoginUrl></VersionInfo></SupportedVersions>"
            );
            send(
                stream,
                "200 OK",
                &[("Content-Type", "application/*+xml".into())],
                body.as_bytes(),
            )
            .await
        }
        ("POST", "/api/sessions") => {
            let headers = [
                xml("session"),
                ("x-vcloud-authorization", TOKEN.to_string()),
                ("X-VMWARE-VCLOUD-ACCESS-TOKEN", BEARER.to_string()),
            ];
            send(stream, "200 OK", &headers, session_xml(&base).as_bytes()).await
        }
        ("GET", "/api/session") if mode == "/deepsession" => {
            let body = nested("Session", "http://www.vmware.com/vcloud/v1.5", 70_000);
            send(stream, "200 OK", &[xml("session")], body.as_bytes()).await
        }
        ("GET", "/api/session") => {
            send(
                stream,
                "200 OK",
                &[xml("session")],
                session_xml(&base).as_bytes(),
            )
            .await
        }
        ("DELETE", "/api/session") => send(stream, "204 No Content", &[], b"").await,
        ("GET", "/api/go-away" | "/api/other-host" | "/api/moved" | "/api/loop") => {
            let (status, to) = match path.as_str() {
                "/api/go-away" => (
                    "302 Found",
                    format!("{}/api/capture", peer.unwrap_or("http://localhost:1")),
                ),
                // The same port under another name: another origin.
                "/api/other-host" => ("302 Found", format!("http://localhost:{port}/api/capture")),
                "/api/moved" => ("301 Moved Permanently", "/api/session".to_string()),
                _ => ("302 Found", "/api/loop".to_string()),
            };
            send(stream, status, &[("Location", to)], b"").await
        }
        ("GET", p) if p.starts_with("/api/bomb") => {
            let headers = [xml("vdc"), ("Content-Encoding", "gzip".to_string())];
            send(stream, "200 OK", &headers, &bomb(target)).await
        }
        ("GET", p) if p.starts_with("/api/big") => {
            // ?mb=N: a VDC page of N MiB whose every line is a reference.
            let mb: usize = p
                .split("mb=")
                .nth(1)
                .and_then(|v| v.parse().ok())
                .unwrap_or(1);
            let line = format!(
                "<ResourceEntity href=\"{base}/api/vApp/vapp-0000\" name=\"vapp\" type=\"application/vnd.vmware.vcloud.vApp+xml\"/>\n"
            );
            let open = "<Vdc xmlns=\"http://www.vmware.com/vcloud/v1.5\"><ResourceEntities>\n";
            let close = "</ResourceEntities></Vdc>\n";
            let lines = (mb * 1024 * 1024).saturating_sub(open.len() + close.len()) / line.len();
            let total = open.len() + lines * line.len() + close.len();
            let head = format!(
                "HTTP/1.1 200 OK\r\nContent-Type: application/vnd.vmware.vcloud.vdc+xml\r\nContent-Length: {total}\r\n\r\n{open}"
            );
            stream.write_all(head.as_bytes()).await?;
            let block = line.repeat(1024);
            let mut left = lines;
            while left > 0 {
                let n = left.min(1024);
                stream
                    .write_all(&block.as_bytes()[..n * line.len()])
                    .await?;
                left -= n;
            }
            stream.write_all(close.as_bytes()).await?;
            stream.flush().await
        }
        ("GET", "/api/trickle") => {
            let head = "HTTP/1.1 200 OK\r\nContent-Type: application/vnd.vmware.vcloud.org+xml\r\nContent-Length: 1000000\r\n\r\n<Org>";
            stream.write_all(head.as_bytes()).await?;
            loop {
                stream.write_all(b" ").await?;
                stream.flush().await?;
                tokio::time::sleep(std::time::Duration::from_millis(200)).await;
            }
        }
        ("GET", "/api/escape") => {
            let body = format!(
                "<Error xmlns=\"http://www.vmware.com/vcloud/v1.5\" majorErrorCode=\"400\" minorErrorCode=\"BAD_REQUEST\" message=\"{ESCAPES}\"/>"
            );
            send(stream, "400 Bad Request", &[xml("error")], body.as_bytes()).await
        }
        ("GET", "/api/broken") => {
            send(
                stream,
                "200 OK",
                &[xml("org")],
                b"<Org><Link rel=\"down\"></Org>",
            )
            .await
        }
        ("GET", "/api/broken-json") => {
            let headers = [("Content-Type", "application/json;version=38.0".to_string())];
            send(stream, "200 OK", &headers, b"{\"values\": [1, 2,]}").await
        }
        ("GET", p) if p.starts_with("/api/") => {
            // Anything else under /api: echo what was asked.
            let body = format!(
                "<Echo xmlns=\"http://www.vmware.com/vcloud/v1.5\" target=\"{}\"/>",
                quick_xml::escape::escape(target)
            );
            send(stream, "200 OK", &[xml("echo")], body.as_bytes()).await
        }
        _ => send(stream, "404 Not Found", &[], b"").await,
    }
}
