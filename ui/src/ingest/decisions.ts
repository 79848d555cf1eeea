// What the user decided for each candidate (accept, reject, edit; a new event or a source of a
// stored one), and the request that writes the accepted ones. Pure: the dialog keeps a list of
// decisions and calls these.
//
// The article itself — its address, title, publisher and date — is typed once, in the dialog's
// source fields, not on every card: each candidate's event holds the article as one of its
// sources with those fields blank, and they are filled in from the dialog when the request is
// built, so a URL typed last still reaches every event.
import type { ArticleItem, Candidate, Event, PartialDate, Source } from "../api/types";
import { isWebUrl } from "../panels/links";

export type Choice = "pending" | "accepted" | "rejected";

export interface Decision {
  /** The candidate's event, or the user's edit of it; its id is always "" (a new event). */
  event: Event;
  /** Which of `event.sources` is this article; null once the user edited it away. */
  article: number | null;
  choice: Choice;
  /** The stored event to add the article to as a source, or null for a new event. */
  target: string | null;
  /** The user chose the target (else it is the best match, which a new reading may change). */
  targetChosen: boolean;
  /** The user changed the event in the editor. */
  edited: boolean;
}

/** The article as the dialog's source fields describe it. */
export interface ArticleMeta {
  url: string;
  title: string;
  publisher: string;
  published: PartialDate | null;
}

function sameUrl(a: string, b: string): boolean {
  const norm = (url: string): string => {
    try {
      return new URL(url.trim()).href;
    } catch {
      return url.trim();
    }
  };
  return norm(a) === norm(b);
}

/**
 * A fresh decision for a candidate: pending, offering its best match when it has one. The
 * article's source (found by its URL, or a source without one; added when missing) keeps the
 * quote — the candidate's own, else `sentence` — and leaves the rest to the dialog's fields.
 */
export function newDecision(candidate: Candidate, articleUrl: string | null, sentence: string): Decision {
  const event: Event = structuredClone(candidate.event);
  event.id = "";
  let article = event.sources.findIndex((source) => source.url.trim() === "" || (articleUrl !== null && sameUrl(source.url, articleUrl)));
  if (article < 0) {
    event.sources.unshift({ url: "", title: "", publisher: "" });
    article = 0;
  }
  const own = event.sources[article] as Source;
  const quote = own.quote?.trim() || sentence.trim();
  const source: Source = { url: "", title: "", publisher: "" };
  if (quote !== "") source.quote = quote;
  event.sources[article] = source;
  return { event, article, choice: "pending", target: candidate.matches[0] ?? null, targetChosen: false, edited: false };
}

/** The decision's event as it will be sent: the article's source filled in from `meta`. */
export function finalEvent(decision: Decision, meta: ArticleMeta): Event {
  const event: Event = structuredClone(decision.event);
  event.id = "";
  const source = decision.article === null ? undefined : event.sources[decision.article];
  if (source) {
    source.url = meta.url.trim();
    if (source.title.trim() === "") source.title = meta.title.trim();
    if (source.publisher.trim() === "") source.publisher = meta.publisher.trim();
    if (source.published === undefined && meta.published) source.published = meta.published;
  }
  return event;
}

/**
 * An event the editor gave back: which of its sources is still the article (the one whose
 * address is the article's, or has none), so later changes to the article's fields reach it.
 */
export function editedDecision(decision: Decision, event: Event, meta: ArticleMeta): Decision {
  const url = meta.url.trim();
  const article = event.sources.findIndex((source) => source.url.trim() === "" || (url !== "" && sameUrl(source.url, url)));
  return { ...decision, event: { ...event, id: "" }, article: article < 0 ? null : article, edited: true };
}

/** The source to add to a stored event: the article, with the candidate's quote. */
export function articleSource(decision: Decision, meta: ArticleMeta): Source {
  const event = finalEvent(decision, meta);
  const own = decision.article === null ? undefined : event.sources[decision.article];
  if (own) return own;
  const source: Source = { url: meta.url.trim(), title: meta.title.trim(), publisher: meta.publisher.trim() };
  if (meta.published) source.published = meta.published;
  return source;
}

export interface AddRequest {
  items: ArticleItem[];
  /** For each item, the decision (candidate) it came from. */
  from: number[];
  events: number;
  sources: number;
}

/** The accepted decisions as the items of one `add_from_article` call, in list order. */
export function buildRequest(decisions: readonly Decision[], meta: ArticleMeta): AddRequest {
  const request: AddRequest = { items: [], from: [], events: 0, sources: 0 };
  decisions.forEach((decision, index) => {
    if (decision.choice !== "accepted") return;
    if (decision.target !== null) {
      request.items.push({ type: "add_source", id: decision.target, source: articleSource(decision, meta) });
      request.sources += 1;
    } else {
      request.items.push({ type: "new_event", event: finalEvent(decision, meta) });
      request.events += 1;
    }
    request.from.push(index);
  });
  return request;
}

function count(n: number, one: string, many: string): string {
  return `${n} ${n === 1 ? one : many}`;
}

/** "2 events and 1 source", "1 event", "3 sources"; "" for none. */
export function addedWords(events: number, sources: number): string {
  const parts: string[] = [];
  if (events > 0) parts.push(count(events, "event", "events"));
  if (sources > 0) parts.push(count(sources, "source", "sources"));
  return parts.join(" and ");
}

/** The footer button: "Add 2 events and 1 source". */
export function addLabel(events: number, sources: number): string {
  const words = addedWords(events, sources);
  return words === "" ? "Add" : `Add ${words}`;
}

/** What is wrong with the article's address, or null: every item cites it, so it is required. */
export function articleUrlProblem(url: string): string | null {
  const text = url.trim();
  if (text === "") return "Give the article’s address (http or https): every event you add cites it as its source.";
  if (!isWebUrl(text)) return "Use the article’s web address, starting with http:// or https://.";
  return null;
}

/** `items[2].event.start` → item 2 and "event.start"; null for an error about no one item. */
export function itemOfError(field: string | null | undefined): { item: number; field: string } | null {
  const match = /^items\[(\d+)\](?:\.(.*))?$/.exec(field ?? "");
  return match ? { item: Number(match[1]), field: match[2] ?? "" } : null;
}

const FIELD_LABELS: readonly [RegExp, string][] = [
  [/^(event\.)?title$/, "Title"],
  [/^(event\.)?start$/, "Date"],
  [/^(event\.)?end$/, "End date"],
  [/^(event\.)?kind$/, "Kind"],
  [/^(event\.)?location$/, "Location"],
  [/^(event\.)?summary$/, "Summary"],
  [/^(event\.)?actors/, "Actors"],
  [/^(event\.)?tags/, "Tags"],
  [/(^source|sources\[\d+\])\.url$/, "Source address"],
  [/(^source|sources\[\d+\])\.title$/, "Source title"],
  [/(^source|sources\[\d+\])\.publisher$/, "Publisher"],
  [/(^source|sources\[\d+\])\.published$/, "Published"],
  [/(^source|sources\[\d+\])\.quote$/, "Quote"],
  [/^(source|(event\.)?sources)/, "Source"],
  [/^id$/, "Stored event"],
];

/** A field of an item in words, for the card's error: "event.sources[0].url" → "Source address". */
export function fieldLabel(field: string): string {
  for (const [pattern, label] of FIELD_LABELS) if (pattern.test(field)) return label;
  return field === "" ? "This candidate" : field;
}

/**
 * A key that finds the same candidate after the anchor date changed and the text was read
 * again: its sentence, and which of that sentence's candidates it is.
 */
export function candidateKeys(candidates: readonly Candidate[]): string[] {
  const seen = new Map<string, number>();
  return candidates.map((candidate) => {
    const span = `${candidate.quote_start}:${candidate.quote_end}`;
    const n = seen.get(span) ?? 0;
    seen.set(span, n + 1);
    return `${span}:${n}`;
  });
}

/** How a pasted text is written: a web page's source when it looks like one, else plain text. */
export function pastedFormat(text: string): "html" | "text" {
  const start = text.trimStart().slice(0, 200).toLowerCase();
  return /^<(!doctype html|html|head|body|article|div|p)[\s>]/.test(start) ? "html" : "text";
}
