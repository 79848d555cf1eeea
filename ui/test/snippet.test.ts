// @vitest-environment happy-dom
import { describe, expect, it } from "vitest";
import { snippetNodes, snippetSegments } from "../src/format/snippet";
import { publisherFromUrl } from "../src/format/publisher";

const S = "\u0002";
const E = "\u0003";

describe("search snippets", () => {
  it("splits marked terms from plain text", () => {
    expect(snippetSegments(`…arms sales to ${S}Taiwan${E} worth ${S}6.5${E}`)).toEqual([
      { text: "…arms sales to ", match: false },
      { text: "Taiwan", match: true },
      { text: " worth ", match: false },
      { text: "6.5", match: true },
    ]);
  });
  it("keeps text without markers as one plain run, and an empty snippet as nothing", () => {
    expect(snippetSegments("plain text")).toEqual([{ text: "plain text", match: false }]);
    expect(snippetSegments("")).toEqual([]);
  });
  it("never lets a stray marker into the text", () => {
    expect(snippetSegments(`a${E}b`)).toEqual([{ text: "ab", match: false }]);
    expect(snippetSegments(`a${S}b`)).toEqual([
      { text: "a", match: false },
      { text: "b", match: true },
    ]);
    expect(snippetSegments(`${S}${E}x`)).toEqual([{ text: "x", match: false }]);
  });
  it("builds <mark> elements and text nodes, reading markup as text", () => {
    const nodes = snippetNodes(`<img src=x onerror=alert(1)> and ${S}<b>Xi</b>${E}`);
    const host = document.createElement("p");
    host.append(...nodes);
    expect(host.querySelector("img"), "no element may come from the snippet's text").toBeNull();
    expect(host.querySelector("b")).toBeNull();
    const marks = host.querySelectorAll("mark");
    expect(marks).toHaveLength(1);
    expect(marks[0]?.textContent).toBe("<b>Xi</b>");
    expect(host.textContent).toBe("<img src=x onerror=alert(1)> and <b>Xi</b>");
  });
});

describe("publisher from a URL", () => {
  it("is the host without a leading www.", () => {
    expect(publisherFromUrl("https://www.reuters.com/world/china/x")).toBe("reuters.com");
    expect(publisherFromUrl("http://apnews.com/article/1")).toBe("apnews.com");
    expect(publisherFromUrl("https://www.state.gov")).toBe("state.gov");
    expect(publisherFromUrl("https://edition.cnn.com/2023/x")).toBe("edition.cnn.com");
  });
  it("reads an address typed without its scheme, in any case", () => {
    expect(publisherFromUrl("WWW.NYTimes.com/2023/11/15")).toBe("nytimes.com");
    expect(publisherFromUrl("  https://www.bbc.co.uk/news  ")).toBe("bbc.co.uk");
  });
  it("gives nothing for what is not a web address", () => {
    for (const url of ["", "   ", "not a url", "mailto:a@b.c", "javascript:alert(1)", "file:///etc/passwd", "https://localhost/x"]) {
      expect(publisherFromUrl(url), url).toBeNull();
    }
  });
});
