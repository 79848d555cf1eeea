// The line above the article: which date every relative expression is resolved against, and
// where that date was found ("found in the text: “Thursday, April 18, 2024”"), plus the hint
// when the text re-posts another outlet's story.
import type { Published, PublishedFrom } from "../api/types";
import { isoDayWords } from "./timex-words";

const WHERE: Record<PublishedFrom, string> = {
  argument: "the date you chose",
  meta: "found in the page's metadata",
  json_ld: "found in the page's structured data",
  time_element: "found in the page's date markup",
  text: "found in the text",
  today: "no date found in the article, so today",
};

/** The anchor day in words ("Thu 18 Apr 2024"), or the value as sent when it is not a day. */
export function anchorDay(published: Published): string {
  return isoDayWords(published.date) ?? published.date;
}

/** Where the anchor came from, with the words it was read from when the backend says. */
export function anchorSource(published: Published): { where: string; evidence: string | null } {
  const evidence = published.evidence?.trim();
  return { where: WHERE[published.from] ?? "", evidence: evidence ? `“${evidence}”` : null };
}

/** "CNN's", "The Times'" */
export function possessive(name: string): string {
  const text = name.trim();
  return /s$/i.test(text) ? `${text}’` : `${text}’s`;
}

/** The note shown when the text reports another outlet's story; null when it does not. */
export function reportsNote(published: Published): string | null {
  const outlet = published.reports?.trim();
  return outlet ? `This text reports ${possessive(outlet)} story; its date may be the better anchor.` : null;
}
