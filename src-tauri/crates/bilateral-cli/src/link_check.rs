//! Whether cited pages still answer: HEAD first (GET when the server refuses HEAD),
//! redirects followed, at most a given number of requests at once, each with its own time
//! limit. Only the addresses it is given are contacted.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Mutex;
use std::time::Duration;

use bilateral_core::web_url::url_key;
use serde::Serialize;
use ureq::http::{Response, StatusCode};
use ureq::{Agent, Body, ResponseExt};

/// Who is asking, so a publisher can tell what the requests are.
pub const USER_AGENT: &str = concat!(
    "Bilateral/",
    env!("CARGO_PKG_VERSION"),
    " (link check of the sources of a US-China timeline)"
);

/// Redirects followed before a link counts as dead.
const MAX_REDIRECTS: u32 = 10;

#[derive(Debug, Clone, Copy)]
pub struct Settings {
    /// Requests in flight at most (at least 1).
    pub concurrency: usize,
    /// Time limit of each request, redirects included.
    pub timeout: Duration,
}

/// What became of one link.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "status", rename_all = "snake_case")]
pub enum Verdict {
    /// Answered 2xx at the same address (after normalising).
    Ok { http_status: u16 },
    /// Answered 2xx at another address, after redirects.
    Moved { http_status: u16, final_url: String },
    /// A 4xx or 5xx answer, or none: host not found, connection refused, timed out…
    Dead {
        http_status: Option<u16>,
        reason: String,
    },
}

impl Verdict {
    pub fn word(&self) -> &'static str {
        match self {
            Verdict::Ok { .. } => "ok",
            Verdict::Moved { .. } => "moved",
            Verdict::Dead { .. } => "dead",
        }
    }
}

/// The verdict, and how it was reached.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Checked {
    #[serde(flatten)]
    pub verdict: Verdict,
    /// `HEAD`, or `GET` when the server refused HEAD.
    pub method: &'static str,
}

/// Checks every one of `urls` (each should appear once), returning the results in the same
/// order. At most `settings.concurrency` requests are in flight at any time. `done` is
/// called after each link, from the checking threads.
pub fn check_all(urls: &[String], settings: Settings, done: &(dyn Fn() + Sync)) -> Vec<Checked> {
    let agent = agent(settings.timeout);
    let next = AtomicUsize::new(0);
    let results: Mutex<Vec<Option<Checked>>> = Mutex::new(vec![None; urls.len()]);
    let workers = settings.concurrency.max(1).min(urls.len());
    std::thread::scope(|scope| {
        for _ in 0..workers {
            scope.spawn(|| loop {
                let i = next.fetch_add(1, Ordering::Relaxed);
                let Some(url) = urls.get(i) else { break };
                let checked = check(&agent, url, settings.timeout);
                if let Ok(mut results) = results.lock() {
                    results[i] = Some(checked);
                }
                done();
            });
        }
    });
    results
        .into_inner()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
        .into_iter()
        .map(|checked| {
            checked.unwrap_or(Checked {
                verdict: Verdict::Dead {
                    http_status: None,
                    reason: "not checked".to_owned(),
                },
                method: "HEAD",
            })
        })
        .collect()
}

fn agent(timeout: Duration) -> Agent {
    Agent::config_builder()
        // A 4xx or 5xx is a verdict, not an error.
        .http_status_as_error(false)
        .max_redirects(MAX_REDIRECTS)
        .user_agent(USER_AGENT)
        .timeout_global(Some(timeout))
        .build()
        .into()
}

/// One link: HEAD, then GET if the server says it does not do HEAD (405, 501).
pub fn check(agent: &Agent, url: &str, timeout: Duration) -> Checked {
    let head = agent.head(url).call();
    let refused = matches!(
        &head,
        Ok(r) if matches!(r.status(), StatusCode::METHOD_NOT_ALLOWED | StatusCode::NOT_IMPLEMENTED)
    );
    if !refused {
        return Checked {
            verdict: verdict(url, head, timeout),
            method: "HEAD",
        };
    }
    // The body is never read: the answer's status and address are all that counts.
    let get = agent.get(url).call();
    Checked {
        verdict: verdict(url, get, timeout),
        method: "GET",
    }
}

fn verdict(url: &str, answer: Result<Response<Body>, ureq::Error>, timeout: Duration) -> Verdict {
    let response = match answer {
        Ok(response) => response,
        Err(error) => {
            return Verdict::Dead {
                http_status: None,
                reason: reason(&error, timeout),
            }
        }
    };
    let status = response.status();
    let final_url = response.get_uri().to_string();
    // A fragment (`#section`) is never sent, so the answer's address has none.
    let asked = url.split_once('#').map_or(url, |(before, _)| before);
    let moved = url_key(&final_url) != url_key(asked);
    if status.is_success() {
        return if moved {
            Verdict::Moved {
                http_status: status.as_u16(),
                final_url: url_key(&final_url),
            }
        } else {
            Verdict::Ok {
                http_status: status.as_u16(),
            }
        };
    }
    let mut reason = format!(
        "HTTP {}{}",
        status.as_u16(),
        status
            .canonical_reason()
            .map(|r| format!(" {r}"))
            .unwrap_or_default()
    );
    if status.is_redirection() {
        reason.push_str(" without a usable Location");
    }
    if moved {
        reason.push_str(&format!(" at {}", url_key(&final_url)));
    }
    Verdict::Dead {
        http_status: Some(status.as_u16()),
        reason,
    }
}

/// Why no answer came, in a few words.
fn reason(error: &ureq::Error, timeout: Duration) -> String {
    use std::io::ErrorKind;
    match error {
        ureq::Error::Timeout(_) => format!("no answer within {}", seconds(timeout)),
        ureq::Error::HostNotFound => "host not found (DNS)".to_owned(),
        ureq::Error::ConnectionFailed => "connection failed".to_owned(),
        ureq::Error::TooManyRedirects => format!("more than {MAX_REDIRECTS} redirects"),
        ureq::Error::Io(e) => match e.kind() {
            ErrorKind::ConnectionRefused => "connection refused".to_owned(),
            ErrorKind::ConnectionReset | ErrorKind::ConnectionAborted => {
                "connection reset".to_owned()
            }
            ErrorKind::TimedOut | ErrorKind::WouldBlock => {
                format!("no answer within {}", seconds(timeout))
            }
            _ => format!("network error: {e}"),
        },
        ureq::Error::Tls(_) | ureq::Error::Rustls(_) => format!("TLS failed: {error}"),
        ureq::Error::Protocol(e) => format!("not an HTTP answer: {e}"),
        other => other.to_string(),
    }
}

fn seconds(duration: Duration) -> String {
    let s = duration.as_secs_f64();
    if s.fract() == 0.0 {
        format!("{s:.0} s")
    } else {
        format!("{s} s")
    }
}

#[cfg(test)]
#[path = "../tests/support/loopback.rs"]
mod loopback;

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used)]

    use std::sync::atomic::AtomicUsize;

    use super::loopback::{refusing_url, Server};
    use super::*;

    fn settings(concurrency: usize) -> Settings {
        Settings {
            concurrency,
            timeout: Duration::from_secs(5),
        }
    }

    fn one(url: &str) -> Checked {
        check(&agent(Duration::from_secs(5)), url, Duration::from_secs(5))
    }

    #[test]
    fn a_page_that_answers_200_is_ok_after_one_head_request_naming_bilateral() {
        let server = Server::start();
        let checked = one(&server.url("/ok"));
        assert_eq!(checked.verdict, Verdict::Ok { http_status: 200 });
        assert_eq!(checked.method, "HEAD");
        let seen = server.requests_for("/ok");
        assert_eq!(seen.len(), 1, "{seen:?}");
        assert_eq!(seen[0].method, "HEAD");
        assert!(
            seen[0].user_agent.starts_with("Bilateral/"),
            "the publisher cannot tell who asks: {:?}",
            seen[0].user_agent
        );
    }

    #[test]
    fn a_404_or_500_is_dead_with_its_status() {
        let server = Server::start();
        for (path, status, words) in [("/missing", 404, "Not Found"), ("/broken", 500, "Internal")]
        {
            match one(&server.url(path)).verdict {
                Verdict::Dead {
                    http_status,
                    reason,
                } => {
                    assert_eq!(http_status, Some(status));
                    assert!(
                        reason.contains(&status.to_string()) && reason.contains(words),
                        "{reason}"
                    );
                }
                other => panic!("{path} should be dead, not {other:?}"),
            }
        }
    }

    #[test]
    fn a_301_then_302_chain_is_moved_to_the_final_address() {
        let server = Server::start();
        let checked = one(&server.url("/moved"));
        assert_eq!(
            checked.verdict,
            Verdict::Moved {
                http_status: 200,
                final_url: server.url("/landing")
            }
        );
        assert_eq!(
            server.requests_for("/moved-again").len(),
            1,
            "the chain was followed"
        );
    }

    #[test]
    fn a_link_to_a_part_of_a_page_is_not_a_move() {
        let server = Server::start();
        assert_eq!(
            one(&server.url("/ok#section-2")).verdict,
            Verdict::Ok { http_status: 200 }
        );
    }

    #[test]
    fn a_redirect_that_only_adds_tracking_is_not_a_move() {
        let server = Server::start();
        assert_eq!(
            one(&server.url("/tracked")).verdict,
            Verdict::Ok { http_status: 200 }
        );
    }

    #[test]
    fn a_redirect_loop_is_dead() {
        let server = Server::start();
        match one(&server.url("/loop")).verdict {
            Verdict::Dead { reason, .. } => assert!(reason.contains("redirects"), "{reason}"),
            other => panic!("a loop should be dead, not {other:?}"),
        }
    }

    #[test]
    fn a_server_that_refuses_head_is_asked_with_get() {
        let server = Server::start();
        for path in ["/no-head", "/no-head-501"] {
            let checked = one(&server.url(path));
            assert_eq!(checked.verdict, Verdict::Ok { http_status: 200 }, "{path}");
            assert_eq!(checked.method, "GET", "{path}");
            let methods: Vec<String> = server
                .requests_for(path)
                .into_iter()
                .map(|s| s.method)
                .collect();
            assert_eq!(methods, ["HEAD", "GET"], "{path}");
        }
    }

    #[test]
    fn a_slow_server_is_dead_after_the_timeout() {
        let server = Server::start();
        let timeout = Duration::from_millis(400);
        let started = std::time::Instant::now();
        let checked = check(&agent(timeout), &server.url("/slow"), timeout);
        assert!(
            started.elapsed() < Duration::from_secs(2),
            "the timeout was not kept: {:?}",
            started.elapsed()
        );
        match checked.verdict {
            Verdict::Dead {
                http_status: None,
                reason,
            } => assert!(reason.contains("no answer within 0.4 s"), "{reason}"),
            other => panic!("a slow page should be dead, not {other:?}"),
        }
    }

    #[test]
    fn a_refused_connection_is_dead() {
        match one(&refusing_url()).verdict {
            Verdict::Dead { reason, .. } => assert!(reason.contains("refused"), "{reason}"),
            other => panic!("should be dead, not {other:?}"),
        }
    }

    #[test]
    fn no_more_requests_than_the_concurrency_are_in_flight_and_results_keep_their_order() {
        let server = Server::start();
        let urls: Vec<String> = (0..24).map(|i| server.url(&format!("/busy/{i}"))).collect();
        let done = AtomicUsize::new(0);
        let results = check_all(&urls, settings(3), &|| {
            done.fetch_add(1, Ordering::SeqCst);
        });
        assert_eq!(results.len(), 24);
        assert!(results
            .iter()
            .all(|r| r.verdict == Verdict::Ok { http_status: 200 }));
        assert_eq!(
            done.load(Ordering::SeqCst),
            24,
            "progress is told once per link"
        );
        let most = server.most_at_once();
        assert!(
            most <= 3,
            "{most} connections at once with a concurrency of 3"
        );
        assert!(most >= 2, "the links were checked one at a time ({most})");
        for (i, url) in urls.iter().enumerate() {
            assert_eq!(server.requests_for(&format!("/busy/{i}")).len(), 1, "{url}");
        }
    }

    #[test]
    fn results_come_back_in_the_order_asked() {
        let server = Server::start();
        let urls = vec![
            server.url("/missing"),
            server.url("/ok"),
            server.url("/moved"),
        ];
        let words: Vec<&str> = check_all(&urls, settings(8), &|| {})
            .iter()
            .map(|c| c.verdict.word())
            .collect();
        assert_eq!(words, ["dead", "ok", "moved"]);
    }
}
