// The backend counts positions in a text as Unicode scalar values (Rust `char`s); JavaScript
// strings index UTF-16 code units, where a character outside the Basic Multilingual Plane
// (an emoji, a rare CJK ideograph) takes two. This converts one to the other.

/** For a text, the UTF-16 index at which each scalar offset 0..n starts (n: the end). */
export interface ScalarIndex {
  /** `utf16[k]` is where scalar k starts; the last entry is the text's length. */
  readonly utf16: Uint32Array;
}

export function scalarIndex(text: string): ScalarIndex {
  const starts: number[] = [];
  let at = 0;
  for (const char of text) {
    starts.push(at);
    at += char.length;
  }
  starts.push(at);
  return { utf16: Uint32Array.from(starts) };
}

/** How many scalars the text holds. */
export function scalarLength(index: ScalarIndex): number {
  return index.utf16.length - 1;
}

/** The UTF-16 index of scalar offset `offset`, clamped to the text. */
export function toUtf16(index: ScalarIndex, offset: number): number {
  const last = index.utf16.length - 1;
  const k = Number.isFinite(offset) ? Math.min(Math.max(Math.trunc(offset), 0), last) : 0;
  return index.utf16[k] ?? 0;
}

/** The text between two scalar offsets. */
export function sliceScalars(text: string, index: ScalarIndex, start: number, end: number): string {
  return text.slice(toUtf16(index, start), toUtf16(index, end));
}
