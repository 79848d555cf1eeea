//! A small HTTP/1.1 server on 127.0.0.1 for the link-check tests, started by the test itself
//! on a free port. Each connection gets one answer and is closed; the server records every
//! request and the most connections it ever held at once.
//!
//! | path | answer |
//! | --- | --- |
//! | `/ok`, `/landing`, `/busy/…` | 200 (`/busy/…` after 100 ms, to overlap) |
//! | `/missing` | 404; `/broken` 500 |
//! | `/moved` | 301 to `/moved-again`, which is a 302 to `/landing` |
//! | `/tracked` | 302 to `/tracked?utm_source=redirect`, which is 200 |
//! | `/loop` | 302 to itself |
//! | `/no-head`, `/no-head-501` | HEAD 405 or 501, GET 200 |
//! | `/slow` | 200 after 3 s |
//!
//! Every wait is bounded, and the server ends with the test process.

#![allow(dead_code, clippy::expect_used, clippy::unwrap_used)]

use std::io::{BufRead, BufReader, Write};
use std::net::{TcpListener, TcpStream};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

/// One request as the server read it.
#[derive(Debug, Clone)]
pub struct Seen {
    pub method: String,
    pub path: String,
    pub user_agent: String,
}

#[derive(Default)]
struct State {
    open: AtomicUsize,
    most_open: AtomicUsize,
    seen: Mutex<Vec<Seen>>,
}

pub struct Server {
    port: u16,
    state: Arc<State>,
}

impl Server {
    pub fn start() -> Server {
        let listener = TcpListener::bind("127.0.0.1:0").expect("bind a loopback port");
        let port = listener.local_addr().expect("local address").port();
        let state = Arc::new(State::default());
        let shared = Arc::clone(&state);
        std::thread::spawn(move || {
            for stream in listener.incoming().flatten() {
                let state = Arc::clone(&shared);
                let open = state.open.fetch_add(1, Ordering::SeqCst) + 1;
                state.most_open.fetch_max(open, Ordering::SeqCst);
                std::thread::spawn(move || {
                    let reply = answer(stream, port, &state);
                    // Counted as closed before the client can read the answer, so a client
                    // that waits for it before opening its next connection is never counted
                    // twice.
                    state.open.fetch_sub(1, Ordering::SeqCst);
                    if let Some((mut stream, response)) = reply {
                        // The client may have gone (a timed-out request): nothing to do then.
                        let _ = stream.write_all(response.as_bytes());
                        let _ = stream.flush();
                    }
                });
            }
        });
        Server { port, state }
    }

    /// `http://127.0.0.1:PORT/path`.
    pub fn url(&self, path: &str) -> String {
        format!("http://127.0.0.1:{}{path}", self.port)
    }

    /// The most connections the server held at the same time.
    pub fn most_at_once(&self) -> usize {
        self.state.most_open.load(Ordering::SeqCst)
    }

    pub fn requests(&self) -> Vec<Seen> {
        self.state.seen.lock().unwrap().clone()
    }

    /// The requests for `path` (query included).
    pub fn requests_for(&self, path: &str) -> Vec<Seen> {
        self.requests()
            .into_iter()
            .filter(|s| s.path == path)
            .collect()
    }
}

/// An address on the loopback interface where nothing listens: connections are refused.
pub fn refusing_url() -> String {
    let listener = TcpListener::bind("127.0.0.1:0").expect("bind a loopback port");
    let port = listener.local_addr().expect("local address").port();
    drop(listener);
    format!("http://127.0.0.1:{port}/nothing-here")
}

/// Reads one request and makes its answer.
fn answer(stream: TcpStream, port: u16, state: &State) -> Option<(TcpStream, String)> {
    stream
        .set_read_timeout(Some(Duration::from_secs(5)))
        .expect("read timeout");
    let mut reader = BufReader::new(stream);
    let mut line = String::new();
    reader.read_line(&mut line).ok()?;
    let mut parts = line.split_whitespace();
    let method = parts.next().unwrap_or_default().to_owned();
    let path = parts.next().unwrap_or_default().to_owned();
    let mut user_agent = String::new();
    loop {
        let mut header = String::new();
        match reader.read_line(&mut header) {
            Ok(0) | Err(_) => return None,
            Ok(_) if header == "\r\n" || header == "\n" => break,
            Ok(_) => {
                if let Some((name, value)) = header.split_once(':') {
                    if name.trim().eq_ignore_ascii_case("user-agent") {
                        value.trim().clone_into(&mut user_agent);
                    }
                }
            }
        }
    }
    state.seen.lock().unwrap().push(Seen {
        method: method.clone(),
        path: path.clone(),
        user_agent,
    });
    let head = method == "HEAD";
    let (status, location) = match path.as_str() {
        "/ok" | "/landing" | "/tracked?utm_source=redirect" => (200, None),
        p if p.starts_with("/busy/") => {
            std::thread::sleep(Duration::from_millis(100));
            (200, None)
        }
        "/missing" => (404, None),
        "/broken" => (500, None),
        "/moved" => (301, Some("/moved-again".to_owned())),
        "/moved-again" => (302, Some(format!("http://127.0.0.1:{port}/landing"))),
        "/tracked" => (302, Some("/tracked?utm_source=redirect".to_owned())),
        "/loop" => (302, Some("/loop".to_owned())),
        "/no-head" if head => (405, None),
        "/no-head-501" if head => (501, None),
        "/no-head" | "/no-head-501" => (200, None),
        "/slow" => {
            std::thread::sleep(Duration::from_secs(3));
            (200, None)
        }
        _ => (404, None),
    };
    let reason = match status {
        200 => "OK",
        301 => "Moved Permanently",
        302 => "Found",
        404 => "Not Found",
        405 => "Method Not Allowed",
        500 => "Internal Server Error",
        501 => "Not Implemented",
        _ => "Other",
    };
    let body = if status == 200 { "<p>A page.</p>" } else { "" };
    let mut response = format!(
        "HTTP/1.1 {status} {reason}\r\nContent-Type: text/html\r\nContent-Length: {}\r\nConnection: close\r\n",
        body.len()
    );
    if let Some(location) = location {
        response.push_str(&format!("Location: {location}\r\n"));
    }
    response.push_str("\r\n");
    if !head {
        response.push_str(body);
    }
    Some((reader.into_inner(), response))
}
