// From the candidates and the user's decisions to the one add_from_article request.
import { describe, expect, it } from "vitest";
import type { Candidate, Extraction } from "../src/api/types";
import {
  addLabel,
  articleUrlProblem,
  buildRequest,
  candidateKeys,
  editedDecision,
  fieldLabel,
  itemOfError,
  newDecision,
  pastedFormat,
  type ArticleMeta,
  type Decision,
} from "../src/ingest/decisions";
import seed from "./fixtures/seed-extraction.json";

const extraction = seed as Extraction;
const URL_TYPED = "https://example.org/2024/01/31/xi-assurance";
const meta: ArticleMeta = {
  url: URL_TYPED,
  title: "Biden receives assurance from Xi Jinping about China’s non-interference in 2024 election",
  publisher: "example.org",
  published: "2024-04-18",
};

function decisions(): Decision[] {
  return extraction.candidates.map((candidate) =>
    newDecision(candidate, extraction.url ?? null, extraction.text.slice(candidate.quote_start, candidate.quote_end)),
  );
}

describe("a fresh decision", () => {
  it("is pending, offers the best stored match, and keeps the sentence as the article's quote", () => {
    const [courtOrder, hearing] = decisions();
    expect(courtOrder?.choice).toBe("pending");
    expect(courtOrder?.target, "no match: a new event").toBeNull();
    expect(courtOrder?.targetChosen).toBe(false);
    expect(hearing?.target).toBe("2024-01-31-house-select-committee-ccp-cyber-hearing");
    expect(hearing?.event.sources[0]?.quote).toMatch(/^At a U\.S\. House hearing on Wednesday/);
    expect(hearing?.event.sources[0]?.url, "the address comes from the dialog's field").toBe("");
  });

  it("adds the article as a source when the candidate has none, quoting the sentence", () => {
    const bare: Candidate = { ...(extraction.candidates[0] as Candidate), event: { ...(extraction.candidates[0] as Candidate).event, sources: [] } };
    const decision = newDecision(bare, null, "The sentence.");
    expect(decision.event.sources).toEqual([{ url: "", title: "", publisher: "", quote: "The sentence." }]);
    expect(decision.article).toBe(0);
  });
});

describe("the request", () => {
  it("holds the accepted candidates only: new events with the article as source, and sources for matches", () => {
    const list = decisions();
    (list[0] as Decision).choice = "accepted"; // new event
    (list[1] as Decision).choice = "accepted"; // source of the stored hearing
    (list[2] as Decision).choice = "rejected";
    const request = buildRequest(list, meta);
    expect(request.from).toEqual([0, 1]);
    expect([request.events, request.sources]).toEqual([1, 1]);
    expect(addLabel(request.events, request.sources)).toBe("Add 1 event and 1 source");

    const [first, second] = request.items;
    if (first?.type !== "new_event" || second?.type !== "add_source") throw new Error("item types");
    expect(first.event.id, "the store gives new events their id").toBe("");
    expect(first.event.start).toBe("2024-01-29");
    expect(first.event.sources).toEqual([
      {
        url: URL_TYPED,
        title: meta.title,
        publisher: "example.org",
        published: "2024-04-18",
        quote: extraction.text.slice(extraction.candidates[0]?.quote_start, extraction.candidates[0]?.quote_end),
      },
    ]);
    expect(second.id).toBe("2024-01-31-house-select-committee-ccp-cyber-hearing");
    expect(second.source.url).toBe(URL_TYPED);
    expect(second.source.quote).toMatch(/Wray was asked/);
  });

  it("adds a matched candidate as a new event when the user says so", () => {
    const list = decisions();
    const hearing = list[1] as Decision;
    hearing.choice = "accepted";
    hearing.target = null;
    const request = buildRequest(list, meta);
    expect(request.items[0]?.type).toBe("new_event");
    expect(addLabel(request.events, request.sources)).toBe("Add 1 event");
  });

  it("keeps an edit, and a URL typed after the edit still reaches the article's source", () => {
    const list = decisions();
    const draftMeta = { ...meta, url: "https://example.org/old" };
    const edited = structuredClone((list[0] as Decision).event);
    edited.title = "Court order against Volt Typhoon";
    edited.sources[0] = { ...(edited.sources[0] as (typeof edited.sources)[0]), url: "https://example.org/old", title: "My title" };
    edited.sources.push({ url: "https://www.justice.gov/opa/pr/kv-botnet", title: "DOJ release", publisher: "justice.gov" });
    list[0] = { ...editedDecision(list[0] as Decision, edited, draftMeta), choice: "accepted" };
    expect(list[0]?.edited).toBe(true);
    const request = buildRequest(list, meta);
    const item = request.items[0];
    if (item?.type !== "new_event") throw new Error("a new event");
    expect(item.event.title).toBe("Court order against Volt Typhoon");
    expect(item.event.sources.map((s) => s.url)).toEqual([URL_TYPED, "https://www.justice.gov/opa/pr/kv-botnet"]);
    expect(item.event.sources[0]?.title, "what the user typed in the editor stays").toBe("My title");
  });

  it("is empty when nothing is accepted", () => {
    const request = buildRequest(decisions(), meta);
    expect(request.items).toEqual([]);
    expect(addLabel(0, 0)).toBe("Add");
    expect(addLabel(2, 3)).toBe("Add 2 events and 3 sources");
    expect(addLabel(0, 1)).toBe("Add 1 source");
  });
});

describe("checks and errors", () => {
  it("asks for a web address for the article", () => {
    expect(articleUrlProblem("")).toMatch(/every event you add cites it/);
    expect(articleUrlProblem("javascript:alert(1)")).toMatch(/http:\/\/ or https:\/\//);
    expect(articleUrlProblem("ftp://example.org/a")).not.toBeNull();
    expect(articleUrlProblem(` ${URL_TYPED} `)).toBeNull();
  });

  it("finds the card and the field of a backend error", () => {
    expect(itemOfError("items[3].event.start")).toEqual({ item: 3, field: "event.start" });
    expect(itemOfError("items[0]")).toEqual({ item: 0, field: "" });
    expect(itemOfError("title")).toBeNull();
    expect(itemOfError(null)).toBeNull();
    expect(fieldLabel("event.start")).toBe("Date");
    expect(fieldLabel("event.sources[0].url")).toBe("Source address");
    expect(fieldLabel("source.title")).toBe("Source title");
    expect(fieldLabel("id")).toBe("Stored event");
    expect(fieldLabel("event.actors[1].name")).toBe("Actors");
  });

  it("keys candidates by their sentence, so decisions survive a new anchor", () => {
    const keys = candidateKeys(extraction.candidates);
    expect(new Set(keys).size).toBe(keys.length);
    const twice = [extraction.candidates[0], extraction.candidates[0]] as Candidate[];
    expect(candidateKeys(twice)[1]).toMatch(/:1$/);
  });

  it("tells a pasted web page from plain text", () => {
    expect(pastedFormat("  <!DOCTYPE html><html>")).toBe("html");
    expect(pastedFormat("<p>Hi</p>")).toBe("html");
    expect(pastedFormat(extraction.text)).toBe("text");
    expect(pastedFormat("<3 this article")).toBe("text");
  });
});

describe("the article's source fields", () => {
  it("are filled from the page, else guessed from the text and the address", async () => {
    const { guessTitle, initialMeta, pageDate, withUrl } = await import("../src/ingest/article-meta");
    expect(guessTitle(extraction.text)).toBe("Biden receives assurance from Xi Jinping about China’s non-interference in 2024 election");
    expect(guessTitle("Short.\nOn Monday, they met.\n")).toBe("");
    const detected = { date: "2024-04-18", from: "text" as const, evidence: "Thursday, April 18, 2024", reports: "CNN" };
    const fields = initialMeta(extraction, " https://www.example.org/a ", detected);
    expect(fields).toMatchObject({ url: "https://www.example.org/a", publisher: "example.org", publisherGuessed: true, published: "2024-04-18" });
    expect(withUrl(fields, "https://edition.cnn.com/b").publisher, "a guessed publisher follows the address").toBe("edition.cnn.com");
    const typed = { ...fields, publisher: "Truth Media Network", publisherGuessed: false };
    expect(withUrl(typed, "https://edition.cnn.com/b").publisher, "a typed one stays").toBe("Truth Media Network");
    const fromPage = initialMeta({ ...extraction, title: "Page title", publisher: "CNN", url: "https://cnn.com/x" }, "", null);
    expect(fromPage).toMatchObject({ url: "https://cnn.com/x", title: "Page title", publisher: "CNN", publisherGuessed: false, published: null });
    expect(pageDate({ date: "2024-04-18", from: "today" })).toBeNull();
    expect(pageDate({ date: "2024-01-31", from: "argument" })).toBeNull();
    expect(pageDate({ date: "2024-04-18", from: "meta" })).toBe("2024-04-18");
  });
});
