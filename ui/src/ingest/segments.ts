// The article text cut into runs for display: each run is plain text, part of a time
// expression, and/or part of the sentences candidate events were read from. Offsets come in
// as Unicode scalar values (the backend's) and are converted to UTF-16 here, once.
import { scalarIndex, scalarLength, toUtf16 } from "./offsets";

/** A stretch of the text in scalar offsets: [start, end). */
export interface ScalarSpan {
  start: number;
  end: number;
}

export interface Segment {
  text: string;
  /** Where the run starts in the JavaScript string (UTF-16). */
  at: number;
  /** The time expression the run belongs to (its index in the input), or null. */
  timex: number | null;
  /** The candidates (indices) whose sentence covers the run. */
  quotes: readonly number[];
}

/**
 * Cuts `text` at every edge of a time expression and of a quoted sentence. Spans outside the
 * text are clipped; a time expression that overlaps an earlier one is left plain (the backend
 * never sends such, but a bad one must not scramble the text). Joining the runs' text gives
 * back `text` exactly.
 */
export function segmentText(text: string, timexes: readonly ScalarSpan[], quotes: readonly ScalarSpan[]): Segment[] {
  const index = scalarIndex(text);
  const length = scalarLength(index);
  const clip = (span: ScalarSpan): ScalarSpan => ({
    start: Math.min(Math.max(span.start, 0), length),
    end: Math.min(Math.max(span.end, 0), length),
  });

  const marks: { start: number; end: number; timex: number }[] = [];
  const order = timexes.map((span, i) => ({ ...clip(span), timex: i })).sort((a, b) => a.start - b.start || a.end - b.end);
  let reached = 0;
  for (const mark of order) {
    if (mark.end <= mark.start || mark.start < reached) continue;
    marks.push(mark);
    reached = mark.end;
  }
  const sentences = quotes.map(clip);

  const cuts = new Set<number>([0, length]);
  for (const mark of marks) {
    cuts.add(mark.start);
    cuts.add(mark.end);
  }
  for (const span of sentences) {
    if (span.end <= span.start) continue;
    cuts.add(span.start);
    cuts.add(span.end);
  }
  const edges = [...cuts].sort((a, b) => a - b);

  const segments: Segment[] = [];
  let next = 0;
  for (let i = 0; i + 1 < edges.length; i += 1) {
    const start = edges[i] as number;
    const end = edges[i + 1] as number;
    if (end <= start) continue;
    while (next < marks.length && (marks[next] as { end: number }).end <= start) next += 1;
    const mark = marks[next];
    const timex = mark && mark.start <= start && end <= mark.end ? mark.timex : null;
    const covering: number[] = [];
    sentences.forEach((span, q) => {
      if (span.start <= start && end <= span.end && span.end > span.start) covering.push(q);
    });
    const at = toUtf16(index, start);
    segments.push({ text: text.slice(at, toUtf16(index, end)), at, timex, quotes: covering });
  }
  return segments;
}
