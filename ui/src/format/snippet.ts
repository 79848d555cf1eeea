// Search snippets: the backend marks matched terms with U+0002 … U+0003 in plain text. Here
// they become segments, and segments become text nodes and <mark> elements — never HTML.

export const MATCH_START = "\u0002";
export const MATCH_END = "\u0003";

export interface SnippetSegment {
  text: string;
  /** True for a matched term. */
  match: boolean;
}

/**
 * Splits a snippet into plain and matched runs. A stray or unbalanced marker never leaks into
 * the text: an unclosed match runs to the end, a lone end marker is dropped.
 */
export function snippetSegments(snippet: string): SnippetSegment[] {
  const segments: SnippetSegment[] = [];
  let match = false;
  let text = "";
  const flush = (): void => {
    if (text === "") return;
    const last = segments[segments.length - 1];
    if (last && last.match === match) last.text += text;
    else segments.push({ text, match });
    text = "";
  };
  for (const char of snippet) {
    if (char === MATCH_START) {
      flush();
      match = true;
    } else if (char === MATCH_END) {
      flush();
      match = false;
    } else {
      text += char;
    }
  }
  flush();
  return segments;
}

/** The snippet as DOM nodes: text nodes and <mark> elements, each filled with textContent. */
export function snippetNodes(snippet: string, doc: Document = document): Node[] {
  return snippetSegments(snippet).map((segment) => {
    if (!segment.match) return doc.createTextNode(segment.text);
    const mark = doc.createElement("mark");
    mark.textContent = segment.text;
    return mark;
  });
}
