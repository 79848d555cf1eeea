// The article as a source: its address, title, publisher and publication date, filled from
// what the page says about itself and what the user typed, for the dialog's source fields.
import type { Extraction, Published } from "../api/types";
import { publisherFromUrl } from "../format/publisher";
import type { ArticleMeta } from "./decisions";

export interface MetaFields extends ArticleMeta {
  /** The publisher was filled from the address (so a new address may replace it). */
  publisherGuessed: boolean;
}

/** The page's own publication date: one found in the page, never "today" nor the user's choice. */
export function pageDate(published: Published): string | null {
  return published.from === "argument" || published.from === "today" ? null : published.date;
}

/**
 * A title for a text that does not say which line is its headline: the first line of six
 * words or more that does not end a sentence (a byline, a dateline or the weather above the
 * headline is shorter). Empty when there is none: the user types one.
 */
export function guessTitle(text: string): string {
  for (const raw of text.split(/\r?\n/).slice(0, 40)) {
    const line = raw.trim().replace(/\s+/g, " ");
    const words = line.split(" ").filter((word) => /\p{L}/u.test(word)).length;
    if (words >= 6 && line.length <= 300 && !/[.:;,]$/.test(line)) return line;
  }
  return "";
}

/** The source fields as a first reading fills them; `typedUrl` is the address from step 1. */
export function initialMeta(extraction: Extraction, typedUrl: string, detected: Published | null): MetaFields {
  const url = typedUrl.trim() || extraction.url?.trim() || "";
  const guessed = extraction.publisher?.trim() ? null : publisherFromUrl(url);
  return {
    url,
    title: extraction.title?.trim() || guessTitle(extraction.text),
    publisher: extraction.publisher?.trim() || guessed || "",
    publisherGuessed: guessed !== null,
    published: detected ? pageDate(detected) : null,
  };
}

/** The fields after the user typed an address: an empty or guessed publisher follows it. */
export function withUrl(meta: MetaFields, url: string): MetaFields {
  if (meta.publisher.trim() !== "" && !meta.publisherGuessed) return { ...meta, url };
  const guess = publisherFromUrl(url);
  return { ...meta, url, publisher: guess ?? "", publisherGuessed: guess !== null };
}
