// Which suggestions an autocomplete offers for what was typed: case-insensitive, words that
// start with the text first, then anything containing it; the most frequent first within each.

export interface Suggestion {
  /** What choosing it puts in the field or filter. */
  value: string;
  /** What the list shows. */
  label: string;
  /** Shown after the label, muted: a count, a side. */
  detail?: string;
  /** Higher first among equally good matches (a facet count). */
  weight?: number;
}

/** The tags already in use as suggestions, each weighted by how many events carry it. */
export function tagSuggestions(tags: readonly { tag: string; count: number }[]): Suggestion[] {
  return tags.map((tag) => ({ value: tag.tag, label: tag.tag, detail: String(tag.count), weight: tag.count }));
}

function fold(text: string): string {
  return text.normalize("NFKD").replace(/[\u0300-\u036f]/g, "").toLowerCase();
}

/**
 * Up to `limit` suggestions for `query`, leaving out those in `exclude` (already chosen). An
 * empty query lists the heaviest candidates.
 */
export function rankSuggestions(
  query: string,
  candidates: readonly Suggestion[],
  limit = 8,
  exclude: readonly string[] = [],
): Suggestion[] {
  const q = fold(query.trim());
  const skip = new Set(exclude.map(fold));
  const scored: { s: Suggestion; score: number; index: number }[] = [];
  candidates.forEach((s, index) => {
    const text = fold(s.label);
    if (skip.has(fold(s.value))) return;
    let score: number;
    if (q === "") score = 2;
    else if (text.startsWith(q)) score = 0;
    else if (text.split(/[\s\-_/(),.]+/).some((word) => word.startsWith(q))) score = 1;
    else if (text.includes(q)) score = 2;
    else return;
    scored.push({ s, score, index });
  });
  scored.sort((a, b) => a.score - b.score || (b.s.weight ?? 0) - (a.s.weight ?? 0) || a.index - b.index);
  return scored.slice(0, limit).map((entry) => entry.s);
}
