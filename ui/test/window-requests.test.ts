import { beforeEach, describe, expect, it, vi } from "vitest";

const invoke = vi.fn();
vi.mock("@tauri-apps/api/core", () => ({
  invoke: (...args: unknown[]) => invoke(...args),
  Channel: class {},
}));

const { windowEvents, search, searchAsTyped, isSuperseded } = await import("../src/api/backend");
const { createLatestLoader } = await import("../src/timeline/loader");

const query = { from: "2000-01-01", to: "2001-01-01", limit: 10, buckets: 10 };

describe("window requests", () => {
  beforeEach(() => {
    invoke.mockReset();
  });

  it("are numbered in the order they are sent, within this page's session", async () => {
    invoke.mockResolvedValue({ events: [], total: 0, buckets: [], damaged: [] });
    await windowEvents(query);
    await windowEvents(query);
    const [first, second] = invoke.mock.calls.map((call) => call[1] as { seq: number; session: number });
    expect(first?.session, "one session for the page").toBe(second?.session);
    expect((second?.seq ?? 0) - (first?.seq ?? 0), "a later request has a higher number").toBe(1);
  });

  it("drop the answer of a superseded request without reporting an error", async () => {
    const settle: Array<{ resolve: (v: unknown) => void; reject: (e: unknown) => void }> = [];
    invoke.mockImplementation(() => new Promise((resolve, reject) => settle.push({ resolve, reject })));
    const results: unknown[] = [];
    const errors: unknown[] = [];
    const loader = createLatestLoader(() => windowEvents(query), {
      onResult: (r) => results.push(r),
      onError: (e) => errors.push(e),
    });
    loader.requestNow(1);
    loader.requestNow(2);
    settle[0]?.reject({ code: "superseded", message: "a newer view was asked for", field: null });
    settle[1]?.resolve("new window");
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(results, "only the newest window is drawn").toEqual(["new window"]);
    expect(errors, "the superseded request is not shown as an error").toEqual([]);
  });

  it("recognise the superseded answer", async () => {
    invoke.mockRejectedValue({ code: "superseded", message: "a newer view was asked for", field: null });
    const error = await windowEvents(query).catch((e: unknown) => e);
    expect(isSuperseded(error)).toBe(true);
  });
});

describe("searches", () => {
  beforeEach(() => {
    invoke.mockReset();
  });

  it("from the search box are numbered apart from the windows; other searches are not numbered", async () => {
    invoke.mockResolvedValue({ hits: [] });
    await searchAsTyped({ text: "wood", limit: 10 });
    await windowEvents(query);
    await searchAsTyped({ text: "woodside", limit: 10 });
    await search({ text: "taiwan", limit: 10 });
    const args = invoke.mock.calls.map((call) => call[1] as { seq?: number; session?: number });
    const [firstSearch, window, secondSearch, plain] = args;
    expect((secondSearch?.seq ?? 0) - (firstSearch?.seq ?? 0), "the next keystroke's search has the next number").toBe(1);
    expect(secondSearch?.session, "in the page's session").toBe(window?.session);
    expect(plain?.seq, "a search made elsewhere never supersedes the search box's").toBeUndefined();
  });
});
