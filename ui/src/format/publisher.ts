// A source's publisher guessed from its URL, to fill an empty field: the host name without a
// leading "www." ("https://www.reuters.com/world/…" → "reuters.com"). Nothing cleverer: no
// list of public suffixes, no "m." or "edition." stripping; the user can always correct it.

export function publisherFromUrl(url: string): string | null {
  const text = url.trim();
  if (text === "") return null;
  let parsed: URL;
  try {
    parsed = new URL(/^[a-z][a-z0-9+.-]*:/i.test(text) ? text : `https://${text}`);
  } catch {
    return null;
  }
  if (parsed.protocol !== "http:" && parsed.protocol !== "https:") return null;
  const host = parsed.hostname.toLowerCase().replace(/\.$/, "");
  if (host === "" || !host.includes(".")) return null;
  return host.startsWith("www.") ? host.slice(4) : host;
}
