// Label widths in pixels, measured with a canvas in the font the labels use.

export interface FittedText {
  text: string;
  width: number;
}

export interface TextMeasurer {
  width(text: string): number;
  /** The text, cut with an ellipsis if needed, so that it fits in maxWidth pixels. */
  fit(text: string, maxWidth: number): FittedText;
}

const ELLIPSIS = "\u2026";

/** Builds a measurer over any width function (a canvas in the app, a fake in tests). */
export function createMeasurer(measure: (text: string) => number): TextMeasurer {
  const cache = new Map<string, number>();
  const width = (text: string): number => {
    let value = cache.get(text);
    if (value === undefined) {
      value = measure(text);
      if (cache.size > 5000) cache.clear();
      cache.set(text, value);
    }
    return value;
  };
  const fit = (text: string, maxWidth: number): FittedText => {
    const full = width(text);
    if (full <= maxWidth) return { text, width: full };
    let lo = 0;
    let hi = text.length;
    while (lo < hi) {
      const mid = Math.ceil((lo + hi) / 2);
      if (width(text.slice(0, mid).trimEnd() + ELLIPSIS) <= maxWidth) lo = mid;
      else hi = mid - 1;
    }
    const cut = text.slice(0, lo).trimEnd() + ELLIPSIS;
    return { text: cut, width: width(cut) };
  };
  return { width, fit };
}

export function canvasMeasurer(font: string): TextMeasurer {
  const context = document.createElement("canvas").getContext("2d");
  if (!context) return createMeasurer((text) => text.length * 7);
  context.font = font;
  return createMeasurer((text) => context.measureText(text).width);
}
