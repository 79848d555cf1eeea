// @vitest-environment happy-dom
// File → New from article… in a DOM, against a realistic reading of the seed article: the
// anchor line, the marked dates and their tips, the cards and their keyboard paths, the
// address the source needs, the one request that adds everything, and text kept as text.
import { beforeEach, describe, expect, it } from "vitest";
import { BackendError } from "../src/api/errors";
import type { ArticleAdded, ArticleItem, ArticleRequest, Event, Extraction, StoredEvent } from "../src/api/types";
import type { DraftOptions } from "../src/editor/editor-dialog";
import { createArticleDialog, type ArticleDeps } from "../src/ingest/article-dialog";
import seed from "./fixtures/seed-extraction.json";
import { find, loadPage, settle } from "./page";

const reading = seed as Extraction;
const URL_TYPED = "https://example.org/2024/01/31/xi-assurance";
const XSS = "<img src=x onerror=alert(1)>";

/** The page's own reading: dated by its byline, a re-post of CNN's story. */
function detected(): Extraction {
  return { ...structuredClone(reading), published: { date: "2024-04-18", from: "text", evidence: "Thursday, April 18, 2024", reports: "CNN" } };
}

function stored(id: string, title: string, start: string): StoredEvent {
  return {
    id,
    title,
    summary: "",
    start,
    kind: "hearing",
    actors: [],
    tags: [],
    sources: [],
    origin: "dataset",
    edited: false,
    created_at: "2026-01-01T00:00:00Z",
    updated_at: "2026-01-01T00:00:00Z",
  };
}

interface Harness {
  deps: ArticleDeps;
  requests: ArticleRequest[];
  added: ArticleItem[][];
  drafts: { event: Event; options: DraftOptions }[];
  done: { result: ArticleAdded; words: string }[];
  fail: { next: unknown };
}

function harness(): Harness {
  const h: Harness = { requests: [], added: [], drafts: [], done: [], fail: { next: null }, deps: undefined as unknown as ArticleDeps };
  h.deps = {
    extract: async (request) => {
      h.requests.push(request);
      return request.published ? { ...structuredClone(reading), published: { date: request.published, from: "argument" } } : detected();
    },
    openFile: async () => ({ name: "seed-article.txt", input: reading.text, format: "text" }),
    add: async (items) => {
      h.added.push(items);
      if (h.fail.next) {
        const error = h.fail.next;
        h.fail.next = null;
        throw error;
      }
      return { created: ["new-1"], sourced: ["2024-01-31-house-select-committee-ccp-cyber-hearing"], unchanged: [] };
    },
    getEvent: async (id) => {
      if (id === "2023-11-15-woodside-military-communications-restored") throw new BackendError({ code: "not_found", message: "gone", field: null });
      return stored(id, id === "2024-01-31-house-select-committee-ccp-cyber-hearing" ? "House Select Committee on the CCP holds cyber threat hearing" : `Stored ${id}`, id.slice(0, 10));
    },
    editDraft: (event, options) => h.drafts.push({ event, options }),
    confirm: async () => true,
    error: (error) => {
      throw error;
    },
    added: (result, words) => h.done.push({ result, words }),
  };
  return h;
}

const dialogEl = (): HTMLDialogElement => find<HTMLDialogElement>("[data-testid=article-dialog]");
const cards = (): HTMLElement[] => Array.from(dialogEl().querySelectorAll<HTMLElement>("[data-testid=candidate]"));
const card = (i: number): HTMLElement => cards()[i] as HTMLElement;
const inCard = <T extends HTMLElement>(i: number, testid: string): T => card(i).querySelector<T>(`[data-testid=${testid}]`) as T;

function type(element: HTMLInputElement | HTMLTextAreaElement, value: string): void {
  element.value = value;
  element.dispatchEvent(new InputEvent("input", { bubbles: true }));
}

async function openOnSeed(h: Harness): Promise<void> {
  const article = createArticleDialog(dialogEl(), h.deps);
  article.open();
  type(find<HTMLTextAreaElement>("[data-testid=article-textarea]"), reading.text);
  find<HTMLButtonElement>("[data-testid=article-find]").click();
  await settle();
  await settle();
}

beforeEach(loadPage);

describe("step 1", () => {
  it("asks for text before reading, opens a file, and refuses an address that is not a web one", async () => {
    const h = harness();
    const article = createArticleDialog(dialogEl(), h.deps);
    article.open();
    expect(document.activeElement?.getAttribute("data-testid"), "the text area has focus").toBe("article-textarea");
    find<HTMLButtonElement>("[data-testid=article-find]").click();
    await settle();
    expect(find("[data-testid=article-input-error]").textContent).toMatch(/Paste the article/);
    expect(h.requests).toHaveLength(0);

    find<HTMLButtonElement>("[data-testid=article-open-file]").click();
    await settle();
    expect(find<HTMLTextAreaElement>("[data-testid=article-textarea]").value).toBe(reading.text);
    expect(find("[data-testid=article-file-name]").textContent).toContain("seed-article.txt");

    type(find<HTMLInputElement>("[data-testid=article-url]"), "javascript:alert(1)");
    find<HTMLButtonElement>("[data-testid=article-find]").click();
    await settle();
    expect(h.requests, "nothing is read with a bad address").toHaveLength(0);
    expect(dialogEl().textContent).toMatch(/http:\/\/ or https:\/\//);

    type(find<HTMLInputElement>("[data-testid=article-url]"), URL_TYPED);
    find<HTMLButtonElement>("[data-testid=article-find]").click();
    await settle();
    await settle();
    expect(h.requests[0]).toEqual({ input: reading.text, format: "text", url: URL_TYPED });
    expect(find<HTMLInputElement>("[data-testid=article-meta-url]").value, "the address carries over").toBe(URL_TYPED);
  });
});

describe("step 2", () => {
  it("says which date it resolves against, where it found it, and whose story this is", async () => {
    const h = harness();
    await openOnSeed(h);
    const line = find("[data-testid=article-anchor-line]").textContent?.replace(/\s+/g, " ") ?? "";
    expect(line).toContain("Resolving dates against Thu 18 Apr 2024 — found in the text: “Thursday, April 18, 2024”");
    expect(find("[data-testid=article-reports]").textContent).toContain("This text reports CNN’s story; its date may be the better anchor.");
    expect(find<HTMLInputElement>("[data-testid=article-anchor]").value).toBe("2024-04-18");
    expect(document.activeElement?.getAttribute("data-testid"), "focus on the anchor date").toBe("article-anchor");
  });

  it("marks every time expression as text, with its value in a tip, reachable by keyboard", async () => {
    const h = harness();
    await openOnSeed(h);
    const marks = Array.from(dialogEl().querySelectorAll<HTMLElement>("[data-testid=timex]"));
    expect(marks.map((m) => m.textContent)).toEqual(reading.timexes.map((t) => t.text));
    expect(find("[data-testid=article-text]").textContent, "the whole text, unchanged").toBe(reading.text);
    expect(marks.filter((m) => m.tabIndex === 0), "one Tab stop for all the marks").toHaveLength(1);
    const monday = marks.find((m) => m.textContent === "on Monday") as HTMLElement;
    monday.dispatchEvent(new MouseEvent("mouseenter"));
    const tip = find<HTMLElement>("[data-testid=article-tip]");
    expect(tip.hidden).toBe(false);
    expect(tip.textContent).toBe("on Monday → Mon 29 Jan 2024");
    expect(monday.getAttribute("aria-describedby")).toBe(tip.id);

    marks[0]?.focus();
    marks[0]?.dispatchEvent(new KeyboardEvent("keydown", { key: "ArrowRight", bubbles: true, cancelable: true }));
    expect(document.activeElement).toBe(marks[1]);
    expect(tip.textContent).toBe(`${reading.timexes[1]?.text} → 2024`);
    (document.activeElement as HTMLElement).dispatchEvent(new KeyboardEvent("keydown", { key: "End", bubbles: true, cancelable: true }));
    expect(document.activeElement?.textContent).toBe("by several months");

    // Enter on an expression that dates a candidate goes to its card.
    monday.focus();
    monday.dispatchEvent(new KeyboardEvent("keydown", { key: "Enter", bubbles: true, cancelable: true }));
    expect(document.activeElement).toBe(inCard(0, "candidate-title"));
    expect(card(0).classList.contains("active")).toBe(true);
  });

  it("shows each candidate with its date, kind, actors, place and quote; a click highlights its sentence", async () => {
    const h = harness();
    await openOnSeed(h);
    expect(cards()).toHaveLength(reading.candidates.length);
    const hearing = card(1);
    expect(hearing.querySelector("[data-testid=candidate-date]")?.textContent).toBe("31 January 2024");
    expect(hearing.textContent).toContain("Hearing");
    expect(hearing.textContent?.replace(/\s+/g, " ")).toContain("Christopher Wray · US");
    expect(hearing.textContent?.replace(/\s+/g, " ")).toContain("Wang Yi · China");
    expect(hearing.textContent).toContain("Washington");
    expect(inCard(1, "candidate-quote").textContent).toMatch(/^At a U\.S\. House hearing on Wednesday/);
    expect(inCard(4, "candidate-date").textContent, "a week at its real span").toBe("22–28 January 2024");
    expect(inCard(2, "candidate-date").textContent, "a month, not its first day").toBe("December 2023");

    hearing.querySelector<HTMLElement>(".card-quote")?.click();
    const active = Array.from(dialogEl().querySelectorAll(".article-text .quote.active"))
      .map((e) => e.textContent)
      .join("");
    expect(active).toBe(inCard(1, "candidate-quote").textContent);
  });

  it("offers a match as the default, keeps it when accepted, and can add it as new instead", async () => {
    const h = harness();
    await openOnSeed(h);
    const choices = card(1).querySelectorAll<HTMLInputElement>("input[type=radio]");
    expect(choices).toHaveLength(2);
    expect(card(1).textContent).toContain("Add this article as a source of “House Select Committee on the CCP holds cyber threat hearing” (31 January 2024)");
    expect(inCard<HTMLInputElement>(1, "candidate-as-source").checked).toBe(true);
    expect(card(0).querySelector("input[type=radio]"), "no match: no choice").toBeNull();
    expect(card(5).querySelectorAll("[data-testid=candidate-as-source]"), "a match gone from the store is not offered").toHaveLength(1);

    inCard<HTMLButtonElement>(0, "candidate-accept").click();
    inCard<HTMLButtonElement>(1, "candidate-accept").click();
    inCard<HTMLButtonElement>(2, "candidate-reject").click();
    expect(inCard(0, "candidate-accept").getAttribute("aria-pressed")).toBe("true");
    expect(card(2).dataset.choice).toBe("rejected");
    expect(find("[data-testid=article-add]").textContent?.trim()).toBe("Add 1 event and 1 source");
    expect(find("[data-testid=article-progress]").textContent).toBe("2 accepted · 1 rejected · 4 to decide");

    const asNew = inCard<HTMLInputElement>(1, "candidate-as-new");
    asNew.checked = true;
    asNew.dispatchEvent(new Event("change", { bubbles: true }));
    expect(find("[data-testid=article-add]").textContent?.trim()).toBe("Add 2 events");
  });

  it("needs the article's address before adding, then adds everything in one call", async () => {
    const h = harness();
    await openOnSeed(h);
    inCard<HTMLButtonElement>(0, "candidate-accept").click();
    inCard<HTMLButtonElement>(1, "candidate-accept").click();
    find<HTMLButtonElement>("[data-testid=article-add]").click();
    await settle();
    expect(h.added, "nothing is sent without an address").toHaveLength(0);
    expect(find("[data-testid=article-meta-url-error]").textContent).toMatch(/every event you add cites it/);
    expect(document.activeElement?.getAttribute("data-testid")).toBe("article-meta-url");

    type(find<HTMLInputElement>("[data-testid=article-meta-url]"), URL_TYPED);
    expect(find<HTMLInputElement>("[data-testid=article-meta-publisher]").value, "the publisher follows the address").toBe("example.org");
    expect(find<HTMLInputElement>("[data-testid=article-meta-title]").value).toBe(
      "Biden receives assurance from Xi Jinping about China’s non-interference in 2024 election",
    );
    // Ctrl+Enter adds, as the button does.
    dialogEl().dispatchEvent(new KeyboardEvent("keydown", { key: "Enter", ctrlKey: true, bubbles: true, cancelable: true }));
    await settle();
    expect(h.added).toHaveLength(1);
    const [items] = h.added;
    expect(items?.map((item) => item.type)).toEqual(["new_event", "add_source"]);
    const first = items?.[0];
    if (first?.type !== "new_event") throw new Error("a new event first");
    expect(first.event.sources[0]).toMatchObject({ url: URL_TYPED, publisher: "example.org", published: "2024-04-18" });
    expect(first.event.sources[0]?.quote).toMatch(/^The FBI and the Justice Department/);
    expect(dialogEl().open).toBe(false);
    expect(h.done[0]?.words).toBe("1 event and 1 source");
  });

  it("re-reads every date when the anchor changes, keeping the choices made", async () => {
    const h = harness();
    await openOnSeed(h);
    inCard<HTMLButtonElement>(0, "candidate-accept").click();
    const anchor = find<HTMLInputElement>("[data-testid=article-anchor]");
    anchor.value = "2024-01-31";
    anchor.dispatchEvent(new Event("change", { bubbles: true }));
    await settle();
    await settle();
    expect(h.requests.at(-1)).toEqual({ input: reading.text, format: "text", published: "2024-01-31" });
    const line = find("[data-testid=article-anchor-line]").textContent?.replace(/\s+/g, " ") ?? "";
    expect(line).toContain("Resolving dates against Wed 31 Jan 2024 — the date you chose.");
    expect(line).toContain("The page’s own date is Thu 18 Apr 2024 (found in the text: “Thursday, April 18, 2024”)");
    expect(find("[data-testid=article-reports]").textContent, "the re-post note stays").toContain("CNN’s story");
    expect(card(0).dataset.choice, "the accepted candidate is still accepted").toBe("accepted");
    expect(find<HTMLInputElement>("[data-testid=article-anchor]").value, "the field shows the new anchor").toBe("2024-01-31");

    anchor.value = "2024-02-30";
    anchor.dispatchEvent(new Event("change", { bubbles: true }));
    await settle();
    expect(h.requests).toHaveLength(2);
    expect(dialogEl().textContent).toContain("Enter a whole date");
  });

  it("offers the new reading's matches after a re-read, but keeps a target the user chose", async () => {
    const h = harness();
    // Anchored on the page's own date, nothing matches a stored event.
    h.deps.extract = async (request) => {
      h.requests.push(request);
      if (request.published) return { ...structuredClone(reading), published: { date: request.published, from: "argument" } };
      const first = detected();
      first.candidates = first.candidates.map((c) => ({ ...c, matches: [] }));
      return first;
    };
    await openOnSeed(h);
    expect(card(1).querySelector("input[type=radio]"), "no match on 18 April").toBeNull();
    inCard<HTMLButtonElement>(1, "candidate-accept").click();
    const anchor = find<HTMLInputElement>("[data-testid=article-anchor]");
    anchor.value = "2024-01-31";
    anchor.dispatchEvent(new Event("change", { bubbles: true }));
    await settle();
    await settle();
    expect(inCard<HTMLInputElement>(1, "candidate-as-source").checked, "the match found now is the default").toBe(true);
    expect(card(1).dataset.choice).toBe("accepted");
    expect(find("[data-testid=article-add]").textContent?.trim()).toBe("Add 1 source");

    const asNew = inCard<HTMLInputElement>(1, "candidate-as-new");
    asNew.checked = true;
    asNew.dispatchEvent(new Event("change", { bubbles: true }));
    anchor.value = "2024-02-01";
    anchor.dispatchEvent(new Event("change", { bubbles: true }));
    await settle();
    await settle();
    expect(inCard<HTMLInputElement>(1, "candidate-as-new").checked, "the user's choice stays").toBe(true);
    expect(card(5).querySelectorAll("[data-testid=candidate-as-source]").length).toBeLessThanOrEqual(3);
  });

  it("edits a candidate in the editor, which gives the event back instead of saving it", async () => {
    const h = harness();
    await openOnSeed(h);
    type(find<HTMLInputElement>("[data-testid=article-meta-url]"), URL_TYPED);
    inCard<HTMLButtonElement>(0, "candidate-edit").click();
    expect(h.drafts).toHaveLength(1);
    const draft = h.drafts[0] as { event: Event; options: DraftOptions };
    expect(draft.event.sources[0]?.url, "the editor sees the article's address").toBe(URL_TYPED);
    expect(draft.options.saveLabel).toBe("Use these details");
    draft.options.done({ ...draft.event, title: "Court order against Volt Typhoon", kind: "legal_action" });
    await settle();
    expect(inCard(0, "candidate-title").textContent?.trim()).toBe("Court order against Volt Typhoon");
    expect(inCard(0, "candidate-status").textContent).toBe("Accepted · edited");
    find<HTMLButtonElement>("[data-testid=article-add]").click();
    await settle();
    const item = h.added[0]?.[0];
    if (item?.type !== "new_event") throw new Error("a new event");
    expect(item.event.title).toBe("Court order against Volt Typhoon");
    expect(item.event.sources[0]?.url).toBe(URL_TYPED);
  });

  it("shows a backend error on the card it is about, and the dialog stays open", async () => {
    const h = harness();
    await openOnSeed(h);
    type(find<HTMLInputElement>("[data-testid=article-meta-url]"), URL_TYPED);
    inCard<HTMLButtonElement>(0, "candidate-accept").click();
    inCard<HTMLButtonElement>(3, "candidate-accept").click();
    h.fail.next = new BackendError({ code: "invalid", message: "the title cannot be empty", field: "items[1].source.title" });
    find<HTMLButtonElement>("[data-testid=article-add]").click();
    await settle();
    expect(dialogEl().open).toBe(true);
    expect(find("[data-testid=article-meta-title-error]").textContent, "the article's own title is the dialog's field").toContain(
      "the title cannot be empty",
    );
    h.fail.next = new BackendError({ code: "invalid", message: "2024-02-30 does not exist", field: "items[1].event.start" });
    const microsoftAsNew = inCard<HTMLInputElement>(3, "candidate-as-new");
    microsoftAsNew.checked = true;
    microsoftAsNew.dispatchEvent(new Event("change", { bubbles: true }));
    find<HTMLButtonElement>("[data-testid=article-add]").click();
    await settle();
    expect(inCard(3, "candidate-error").textContent).toBe("Date: 2024-02-30 does not exist");
    expect(document.activeElement).toBe(inCard(3, "candidate-edit"));
    expect(h.done).toHaveLength(0);
  });

  it("keeps text that looks like HTML as text, in the article and on the cards", async () => {
    const h = harness();
    const hostile = structuredClone(reading);
    hostile.text = `${XSS} ${hostile.text}`;
    const shift = [...`${XSS} `].length;
    hostile.timexes = hostile.timexes.map((t) => ({ ...t, start: t.start + shift, end: t.end + shift }));
    hostile.candidates = hostile.candidates.map((c) => ({ ...c, quote_start: c.quote_start + shift, quote_end: c.quote_end + shift }));
    (hostile.candidates[0] as (typeof hostile.candidates)[0]).event.title = XSS;
    h.deps.extract = async () => hostile;
    await openOnSeed(h);
    expect(dialogEl().querySelector("img"), "no element was made from the text").toBeNull();
    expect(find("[data-testid=article-text]").textContent?.startsWith(XSS)).toBe(true);
    expect(inCard(0, "candidate-title").textContent?.trim()).toBe(XSS);
    expect(Array.from(dialogEl().querySelectorAll("[data-testid=timex]")).map((m) => m.textContent)).toEqual(reading.timexes.map((t) => t.text));
  });

  it("asks before dropping accepted candidates on Esc", async () => {
    const h = harness();
    let asked = 0;
    h.deps.confirm = async () => {
      asked += 1;
      return false;
    };
    await openOnSeed(h);
    inCard<HTMLButtonElement>(0, "candidate-accept").click();
    dialogEl().dispatchEvent(new Event("cancel", { cancelable: true }));
    await settle();
    expect(asked).toBe(1);
    expect(dialogEl().open, "kept open when the user keeps reviewing").toBe(true);
  });
});
