//! Web addresses as sources cite them: the one normal form every source URL is stored in
//! (tracking parameters removed), and what makes an address unfit to cite.

use std::borrow::Cow;
use std::fmt;
use std::net::{Ipv4Addr, Ipv6Addr};

use url::{Host, Url};

use crate::limits;

/// Query parameters that only tell a publisher or an ad network how the reader arrived — a
/// campaign, a click, a mailing, a share — and never which page is shown. They are removed
/// from every source URL (compared case-insensitively, after percent-decoding the name).
///
/// The list keeps to names that mean this on every site: Google Analytics' campaign and
/// linker parameters, the click identifiers that ad networks append, and the recipient
/// identifiers of mailing tools, as the query-stripping lists of Firefox and Brave and the
/// URL cleaners (ClearURLs, Neat URL) remove them everywhere. Names that select content on
/// some sites (`ref`, `source`, `src`, `id`) are kept, and so are names one site uses for
/// tracking and another for content (`spm`, which those cleaners strip on Alibaba's sites
/// only; `maca`, Deutsche Welle's).
pub const TRACKING_PARAMETERS: &[&str] = &[
    // Ad click identifiers: Meta, Google Ads and Display & Video 360, Microsoft Advertising,
    // Yandex, X, TikTok, LinkedIn.
    "fbclid",
    "gclid",
    "gclsrc",
    "dclid",
    "gbraid",
    "wbraid",
    "msclkid",
    "yclid",
    "twclid",
    "ttclid",
    "li_fat_id",
    // Google Analytics' cross-domain linker.
    "_ga",
    "_gl",
    // Share and campaign identifiers: Instagram shares, Microsoft/MSN and generic campaign ids.
    "igshid",
    "igsh",
    "ocid",
    "cmpid",
    // Mailing tools: Mailchimp, HubSpot, Marketo, Omeda, Vero.
    "mc_cid",
    "mc_eid",
    "_hsenc",
    "_hsmi",
    "__hssc",
    "__hstc",
    "__hsfp",
    "mkt_tok",
    "oly_anon_id",
    "oly_enc_id",
    "vero_id",
    "vero_conv",
];

/// Prefixes of tracking parameter names: Google Analytics' (Urchin's) campaign parameters,
/// `utm_source`, `utm_medium`, `utm_campaign`, `utm_term`, `utm_content`, `utm_id`…
pub const TRACKING_PREFIXES: &[&str] = &["utm_"];

/// Whether a query parameter (its name, already percent-decoded) only tracks the reader.
pub fn is_tracking_parameter(name: &str) -> bool {
    let name = name.to_ascii_lowercase();
    TRACKING_PARAMETERS.contains(&name.as_str())
        || TRACKING_PREFIXES.iter().any(|p| name.starts_with(p))
}

/// The name of one `name=value` piece of a query, percent-decoded (`+` read as a space, as
/// forms write it). `None` for an empty piece.
fn parameter_name(piece: &str) -> Option<Cow<'_, str>> {
    url::form_urlencoded::parse(piece.as_bytes())
        .next()
        .map(|(name, _)| name)
}

/// Only web pages may be linked or opened: `http` and `https`, with a host. Messages quote
/// at most an excerpt of the text.
pub fn check_web_url(text: &str) -> Result<Url, String> {
    let parsed = Url::parse(text.trim())
        .map_err(|e| format!("{} is not a URL: {e}", limits::excerpt(text)))?;
    match parsed.scheme() {
        "http" | "https" if parsed.host().is_some() => Ok(parsed),
        "http" | "https" => Err(format!("{} has no host", limits::excerpt(text))),
        other => Err(format!(
            "only http and https links are allowed, not {}:",
            limits::excerpt(other)
        )),
    }
}

/// A source URL as it is stored: surrounding spaces removed, tracking parameters
/// (`is_tracking_parameter`) removed from the query with every other parameter kept as
/// written and in its order (and the `?` dropped when none is left), then the WHATWG
/// serialisation of `url::Url` (scheme and host lower-cased, a default port dropped, an empty
/// path written `/`, spaces and non-ASCII characters of the path and query percent-encoded,
/// international host names in punycode). Two addresses that differ only in these ways are
/// one address. Normalising a normalised URL returns it unchanged.
///
/// Refused, with a message that quotes at most an excerpt: anything `check_web_url` refuses,
/// more than `MAX_URL_BYTES` (before or after encoding), control or bidi characters (the
/// parser would silently drop tabs and line breaks), and a user name or password: those would
/// be stored and shown to anyone who sees the event, and dropping them silently would change
/// the data, so the user removes them.
pub fn normalize_web_url(text: &str) -> Result<String, String> {
    let size = |t: &str| {
        let max = limits::MAX_URL_BYTES;
        if t.len() > max {
            return Err(format!(
                "{} bytes is more than the {max} a link may hold",
                t.len()
            ));
        }
        Ok(())
    };
    size(text)?;
    let trimmed = text.trim();
    limits::check_line(trimmed)?;
    let mut url = check_web_url(trimmed)?;
    if !url.username().is_empty() || url.password().is_some() {
        return Err(
            "a link cannot carry a user name or password (user:password@ before the host): \
             remove them"
                .to_owned(),
        );
    }
    remove_tracking_parameters(&mut url);
    let normal = String::from(url);
    size(&normal)?;
    Ok(normal)
}

/// Drops the tracking parameters of `url`'s query. A query without any is left exactly as
/// it was; otherwise the other pieces are kept verbatim (so nothing is re-encoded), empty
/// pieces dropped, and the `?` too when nothing is left.
fn remove_tracking_parameters(url: &mut Url) {
    let Some(query) = url.query() else {
        return;
    };
    let tracked = |piece: &str| parameter_name(piece).is_some_and(|n| is_tracking_parameter(&n));
    if !query.split('&').any(tracked) {
        return;
    }
    let kept: Vec<&str> = query
        .split('&')
        .filter(|piece| !piece.is_empty() && !tracked(piece))
        .collect();
    let kept = kept.join("&");
    url.set_query((!kept.is_empty()).then_some(kept.as_str()));
}

/// What two source URLs are compared by: the normal form, or for text that has none the
/// trimmed text (which `Event::validate` refuses anyway).
pub fn url_key(text: &str) -> String {
    normalize_web_url(text).unwrap_or_else(|_| text.trim().to_owned())
}

/// Why an address should not be cited as it is. A chronology that readers can check cites
/// the canonical page: not an AMP copy, not a link that tells the publisher who shared it,
/// not a server that only its developers reach.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CitationProblem {
    /// Not a storable web address at all (the message says why).
    NotAWebUrl(String),
    /// A tracking parameter, by name as written (`utm_source`).
    Tracking(String),
    /// A port written out (`:8080`, or a default `:443` that normalising drops).
    ExplicitPort(String),
    /// An AMP page or cache copy, with what gives it away.
    Amp(&'static str),
    /// A host that readers cannot reach or that is not the publisher's public site.
    DevelopmentHost { host: String, why: &'static str },
}

impl CitationProblem {
    /// A short stable name for tools (`--json`): `not_a_web_url`, `tracking`, `port`, `amp`,
    /// `development_host`.
    pub fn code(&self) -> &'static str {
        match self {
            CitationProblem::NotAWebUrl(_) => "not_a_web_url",
            CitationProblem::Tracking(_) => "tracking",
            CitationProblem::ExplicitPort(_) => "port",
            CitationProblem::Amp(_) => "amp",
            CitationProblem::DevelopmentHost { .. } => "development_host",
        }
    }
}

impl fmt::Display for CitationProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            CitationProblem::NotAWebUrl(why) => write!(f, "not a web address: {why}"),
            CitationProblem::Tracking(name) => write!(
                f,
                "tracking parameter {}: remove it (it is removed when saved)",
                limits::excerpt(name)
            ),
            CitationProblem::ExplicitPort(port) => write!(
                f,
                "explicit port {}: cite the public address, without a port",
                limits::excerpt(port)
            ),
            CitationProblem::Amp(why) => write!(f, "AMP page ({why}): cite the canonical page"),
            CitationProblem::DevelopmentHost { host, why } => write!(
                f,
                "{} is {why}: cite the public address",
                limits::excerpt(host)
            ),
        }
    }
}

/// Every reason the address `text` (as written, before normalising) is unfit to cite, in the
/// order of the address: tracking parameters, a written-out port, an AMP page, a development
/// or origin host. Empty when it may be cited. The dataset test holds every shipped source
/// to this, and `bilateral-cli check-links` reports it beside each link.
pub fn citation_problems(text: &str) -> Vec<CitationProblem> {
    if let Err(why) = normalize_web_url(text) {
        return vec![CitationProblem::NotAWebUrl(why)];
    }
    let trimmed = text.trim();
    let Ok(url) = Url::parse(trimmed) else {
        return vec![CitationProblem::NotAWebUrl(format!(
            "{} is not a URL",
            limits::excerpt(text)
        ))];
    };
    let mut problems = Vec::new();
    let pieces = url.query().map(|q| q.split('&')).into_iter().flatten();
    for name in pieces.filter_map(parameter_name) {
        if is_tracking_parameter(&name) {
            problems.push(CitationProblem::Tracking(name.into_owned()));
        }
    }
    if let Some(port) = url
        .port()
        .map(|p| p.to_string())
        .or_else(|| written_port(trimmed))
    {
        problems.push(CitationProblem::ExplicitPort(format!(":{port}")));
    }
    if let Some(why) = amp_sign(&url) {
        problems.push(CitationProblem::Amp(why));
    }
    if let Some(problem) = development_host(&url) {
        problems.push(problem);
    }
    problems
}

/// The port written in the authority of `text`, even a default one (`https://x.org:443/`),
/// which `Url::port` does not report.
fn written_port(text: &str) -> Option<String> {
    let after_scheme = &text[text.find("://")? + 3..];
    let end = after_scheme
        .find(['/', '?', '#', '\\'])
        .unwrap_or(after_scheme.len());
    let authority = &after_scheme[..end];
    let host_port = authority.rsplit('@').next().unwrap_or(authority);
    let after_host = if host_port.starts_with('[') {
        &host_port[host_port.find(']')? + 1..]
    } else {
        &host_port[host_port.find(':').unwrap_or(host_port.len())..]
    };
    let port = after_host.strip_prefix(':')?;
    (!port.is_empty()).then(|| port.to_owned())
}

/// What shows `url` to be an AMP page (Accelerated Mobile Pages: a stripped copy served for
/// phones, often from a cache, that may drop corrections and the publisher's own address).
fn amp_sign(url: &Url) -> Option<&'static str> {
    let host = url.host_str().unwrap_or_default();
    if host.starts_with("amp.") {
        return Some("an amp. host");
    }
    if host == "ampproject.org" || host.ends_with(".ampproject.org") {
        return Some("an AMP cache address");
    }
    let segments: Vec<&str> = url.path_segments().into_iter().flatten().collect();
    if segments
        .iter()
        .any(|s| s.eq_ignore_ascii_case("amp") || s.eq_ignore_ascii_case("amphtml"))
    {
        return Some("an amp path segment");
    }
    if let Some(last) = segments.iter().rev().find(|s| !s.is_empty()) {
        let last = last.to_ascii_lowercase();
        if last.ends_with(".amp") || last.ends_with(".amp.html") {
            return Some("a .amp page name");
        }
    }
    let amp_query = url.query_pairs().any(|(name, value)| {
        name.eq_ignore_ascii_case("amp")
            || (name.eq_ignore_ascii_case("outputType") && value.eq_ignore_ascii_case("amp"))
    });
    amp_query.then_some("an amp query parameter")
}

/// Top-level names reserved for local or test use (RFC 2606, RFC 6761, RFC 6762, and
/// `.internal`, set aside for private networks by ICANN in 2024).
const RESERVED_TOP_LEVEL: &[&str] = &[
    "localhost",
    "local",
    "test",
    "invalid",
    "example",
    "internal",
];

/// Second-level names reserved for documentation (RFC 2606): placeholders, never sources.
const DOCUMENTATION_DOMAINS: &[&str] = &["example.com", "example.net", "example.org"];

/// Words that name a publisher's non-public servers when they make up the first label of a
/// host or a hyphenated part of it: development, staging, and the origin behind a content
/// delivery network (`dev.`, `staging.`, `origin.`, `origin-www.`, `aws-origin.`,
/// `digital-staging.`).
const NON_PUBLIC_WORDS: &[&str] = &["dev", "staging", "origin"];

/// Hosts of publishing platforms that serve a newspaper's pages from behind its own domain
/// (Arc XP's `<paper>-prod.cdn.arcpublishing.com`): never the address readers know.
const PLATFORM_ORIGIN_DOMAINS: &[&str] = &["arcpublishing.com"];

/// A host that readers cannot reach, or that is not the publisher's public site.
fn development_host(url: &Url) -> Option<CitationProblem> {
    let problem = |host: &str, why| {
        Some(CitationProblem::DevelopmentHost {
            host: host.to_owned(),
            why,
        })
    };
    match url.host()? {
        Host::Domain(domain) => {
            let name = domain.trim_end_matches('.');
            let top = name.rsplit('.').next().unwrap_or(name);
            if RESERVED_TOP_LEVEL.contains(&top) {
                return problem(domain, "a name reserved for local or test use");
            }
            let documentation = DOCUMENTATION_DOMAINS
                .iter()
                .any(|d| name == *d || name.ends_with(&format!(".{d}")));
            if documentation {
                return problem(domain, "a name reserved for documentation");
            }
            let platform = PLATFORM_ORIGIN_DOMAINS
                .iter()
                .any(|d| name == *d || name.ends_with(&format!(".{d}")));
            let first = name.split('.').next().unwrap_or(name);
            // Only a subdomain: `origin-stories.com` is a site of its own.
            let non_public = name.matches('.').count() >= 2
                && first
                    .split('-')
                    .any(|word| NON_PUBLIC_WORDS.contains(&word));
            if platform || non_public {
                return problem(domain, "a development, staging or origin server");
            }
            None
        }
        Host::Ipv4(ip) => non_public_ipv4(ip).then(|| CitationProblem::DevelopmentHost {
            host: ip.to_string(),
            why: "a loopback or private address",
        }),
        Host::Ipv6(ip) => non_public_ipv6(ip).then(|| CitationProblem::DevelopmentHost {
            host: format!("[{ip}]"),
            why: "a loopback or private address",
        }),
    }
}

fn non_public_ipv4(ip: Ipv4Addr) -> bool {
    ip.is_loopback()
        || ip.is_private()
        || ip.is_link_local()
        || ip.is_unspecified()
        || ip.is_broadcast()
        || ip.is_documentation()
}

fn non_public_ipv6(ip: Ipv6Addr) -> bool {
    let first = ip.segments()[0];
    ip.is_loopback()
        || ip.is_unspecified()
        || (first & 0xfe00) == 0xfc00 // unique local, fc00::/7
        || (first & 0xffc0) == 0xfe80 // link-local, fe80::/10
        || ip.to_ipv4_mapped().is_some_and(non_public_ipv4)
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used)]

    use super::*;

    fn normal(text: &str) -> String {
        normalize_web_url(text).expect("a web address")
    }

    fn codes(text: &str) -> Vec<&'static str> {
        citation_problems(text).iter().map(|p| p.code()).collect()
    }

    #[test]
    fn tracking_parameters_are_removed_and_the_others_kept_in_order() {
        let cases = [
            (
                "https://example.org/a?utm_source=rss&id=3&utm_medium=feed&page=2",
                "https://example.org/a?id=3&page=2",
            ),
            (
                "https://example.org/a?utm_source=rss_feed",
                "https://example.org/a",
            ),
            (
                "https://example.org/?fbclid=IwAR0x#top",
                "https://example.org/#top",
            ),
            (
                "https://example.org/?UTM_Source=x&b=1",
                "https://example.org/?b=1",
            ),
            (
                "https://example.org/?%75tm_source=x&b=1",
                "https://example.org/?b=1",
            ),
            (
                "https://example.org/?z=1&gclid=a&y=2&_ga=b&x=3&mc_eid=c",
                "https://example.org/?z=1&y=2&x=3",
            ),
            (
                "https://example.org/?a=1&&utm_id=2&",
                "https://example.org/?a=1",
            ),
        ];
        for (typed, stored) in cases {
            assert_eq!(normal(typed), stored, "{typed}");
            assert_eq!(
                normal(stored),
                stored,
                "normalising {stored} again changes it"
            );
        }
    }

    #[test]
    fn a_query_without_tracking_is_left_exactly_as_written() {
        for url in [
            "https://example.org/?q=a+b&x=%2F",
            "https://example.org/?",
            "https://example.org/?a&&b",
            "https://example.org/?spm=a.b&ref=rss&source=feed",
            "https://example.org/?utm=1&xutm_source=2",
        ] {
            assert_eq!(normal(url), url);
        }
    }

    #[test]
    fn default_ports_are_dropped_and_others_kept() {
        assert_eq!(normal("http://example.org:80/a"), "http://example.org/a");
        assert_eq!(normal("https://example.org:443/a"), "https://example.org/a");
        assert_eq!(
            normal("https://example.org:8443/a"),
            "https://example.org:8443/a"
        );
    }

    #[test]
    fn url_key_makes_cleaned_spellings_one_address() {
        assert_eq!(
            url_key(" HTTPS://Example.org:443/a?utm_source=x&b=1"),
            url_key("https://example.org/a?b=1")
        );
        assert_eq!(url_key(" not a url "), "not a url");
    }

    #[test]
    fn a_clean_public_address_has_no_problem() {
        for url in [
            "https://www.state.gov/briefings/",
            "https://www.scmp.com/news/china/article/3156279/xi?page=2",
            "https://example-news.com/campaign/amplify",
            "https://www.reuters.com/world/china/ampere-chips-2024-01-01/",
            "https://devex.com/news/x",
            "https://originals.example-news.com/x",
            "https://developers.news.org/x",
            "https://origin-stories.com/x",
            "https://www.devdiscourse.com/x",
            "http://8.8.8.8/",
            "https://[2001:4860::8888]/",
        ] {
            assert_eq!(citation_problems(url), [], "{url}");
        }
    }

    #[test]
    fn tracking_parameters_are_named() {
        let problems = citation_problems("https://news.org/a?id=1&utm_source=rss&fbclid=x");
        assert_eq!(
            problems,
            [
                CitationProblem::Tracking("utm_source".into()),
                CitationProblem::Tracking("fbclid".into())
            ]
        );
        assert!(problems[0].to_string().contains("utm_source"));
    }

    #[test]
    fn explicit_ports_are_found_default_or_not() {
        assert_eq!(codes("https://news.org:8080/a"), ["port"]);
        assert_eq!(codes("https://news.org:443/a"), ["port"]);
        assert_eq!(codes("http://news.org:80"), ["port"]);
        assert_eq!(codes("https://[2001:4860::8888]:8443/"), ["port"]);
        assert_eq!(codes("https://news.org/a:8080"), [] as [&str; 0]);
        assert_eq!(
            codes("https://news.org/?next=http://x.org:80/"),
            [] as [&str; 0]
        );
    }

    #[test]
    fn amp_pages_are_found_by_path_segment() {
        assert_eq!(
            codes("https://www.rferl.org/amp/story/1943689.html"),
            ["amp"]
        );
        assert_eq!(codes("https://news.org/2024/01/story/amp"), ["amp"]);
        assert_eq!(codes("https://news.org/2024/01/story/amp/"), ["amp"]);
        assert_eq!(
            codes("https://news.org/layout/set/amphtml/1981/x.html"),
            ["amp"]
        );
    }

    #[test]
    fn amp_pages_are_found_by_host_prefix_and_cache() {
        assert_eq!(codes("https://amp.news.org/story.html"), ["amp"]);
        assert_eq!(
            codes("https://news-org.cdn.ampproject.org/c/s/news.org/story"),
            ["amp"]
        );
    }

    #[test]
    fn amp_pages_are_found_by_query() {
        assert_eq!(codes("https://news.org/story?amp"), ["amp"]);
        assert_eq!(codes("https://news.org/story?amp=1"), ["amp"]);
        assert_eq!(codes("https://news.org/story?id=2&outputType=amp"), ["amp"]);
        assert_eq!(
            codes("https://news.org/story?outputType=print"),
            [] as [&str; 0]
        );
    }

    #[test]
    fn amp_pages_are_found_by_suffix() {
        assert_eq!(codes("https://news.org/world-asia-123.amp"), ["amp"]);
        assert_eq!(codes("https://news.org/world-asia-123.amp.html"), ["amp"]);
        assert_eq!(
            codes("https://news.org/world-asia-123.ampx"),
            [] as [&str; 0]
        );
    }

    #[test]
    fn loopback_hosts_are_development_hosts() {
        for url in [
            "http://localhost/x",
            "http://localhost:3000/x",
            "http://app.localhost/x",
            "http://127.0.0.1/x",
            "http://127.45.6.7/x",
            "http://[::1]/x",
            "http://[::ffff:127.0.0.1]/x",
            "http://0.0.0.0/",
        ] {
            assert!(
                codes(url).contains(&"development_host"),
                "{url}: {:?}",
                codes(url)
            );
        }
    }

    #[test]
    fn private_addresses_are_development_hosts() {
        for url in [
            "http://10.1.2.3/",
            "http://192.168.0.1/",
            "http://172.16.5.4/",
            "http://[fd00::1]/",
            "http://[fe80::1]/",
        ] {
            assert_eq!(codes(url), ["development_host"], "{url}");
        }
    }

    #[test]
    fn reserved_names_are_development_hosts() {
        for url in [
            "https://printer.local/",
            "https://site.test/",
            "https://nowhere.invalid/",
            "https://news.example/",
            "https://example.com/a",
            "https://www.example.org/a",
            "https://build.internal/",
        ] {
            assert_eq!(codes(url), ["development_host"], "{url}");
        }
    }

    #[test]
    fn development_staging_and_origin_servers_are_development_hosts() {
        for url in [
            "https://dev.historylink.org/File/8588",
            "https://staging.news.org/a",
            "https://origin.news.org/a",
            "https://origin-www.news.org/a",
            "https://paper-paper-prod.cdn.arcpublishing.com/business/2025/06/10/story",
            "https://aws-origin.news.org/a",
            "https://digital-staging.news.org/a",
            "https://dev-www.news.org/a",
        ] {
            let problems = citation_problems(url);
            assert_eq!(problems.len(), 1, "{url}: {problems:?}");
            assert!(
                problems[0]
                    .to_string()
                    .contains("development, staging or origin"),
                "{url}: {}",
                problems[0]
            );
        }
    }

    #[test]
    fn several_problems_are_all_reported_and_a_non_url_once() {
        assert_eq!(
            codes("http://amp.dev.test:8080/amp/?utm_source=x"),
            ["tracking", "port", "amp", "development_host"]
        );
        assert_eq!(codes("ftp://news.org/"), ["not_a_web_url"]);
        assert_eq!(codes("https://user:pw@news.org/"), ["not_a_web_url"]);
    }
}
