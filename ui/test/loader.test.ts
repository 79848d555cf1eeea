import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { createLatestLoader } from "../src/timeline/loader";

describe("window loader", () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it("debounces: a burst of pans sends one request, for the last view", async () => {
    const fetch = vi.fn((q: number) => Promise.resolve(q * 10));
    const results: number[] = [];
    const loader = createLatestLoader(fetch, { onResult: (r) => results.push(r), onError: () => {} }, 60);
    loader.request(1);
    vi.advanceTimersByTime(30);
    loader.request(2);
    vi.advanceTimersByTime(30);
    loader.request(3);
    vi.advanceTimersByTime(59);
    expect(fetch, "nothing is sent while the user is still moving").not.toHaveBeenCalled();
    vi.advanceTimersByTime(1);
    await vi.runAllTimersAsync();
    expect(fetch).toHaveBeenCalledTimes(1);
    expect(results).toEqual([30]);
  });

  it("discards an answer that arrives after a newer request was sent", async () => {
    const resolvers: Array<(value: string) => void> = [];
    const fetch = (): Promise<string> => new Promise((resolve) => resolvers.push(resolve));
    const results: string[] = [];
    const loader = createLatestLoader(fetch, { onResult: (r) => results.push(r), onError: () => {} }, 60);
    loader.requestNow("old");
    loader.requestNow("new");
    resolvers[1]?.("new answer");
    resolvers[0]?.("stale answer");
    await vi.runAllTimersAsync();
    expect(results, "a stale window must never replace the current one").toEqual(["new answer"]);
  });

  it("reports errors of the current request, not of stale ones", async () => {
    const rejecters: Array<(error: unknown) => void> = [];
    const fetch = (): Promise<string> => new Promise((_, reject) => rejecters.push(reject));
    const errors: unknown[] = [];
    const loader = createLatestLoader(fetch, { onResult: () => {}, onError: (e) => errors.push(e) }, 60);
    loader.requestNow("a");
    loader.requestNow("b");
    rejecters[0]?.("stale failure");
    rejecters[1]?.("current failure");
    await vi.runAllTimersAsync();
    expect(errors).toEqual(["current failure"]);
  });

  it("says it is waiting from a request until its answer, and not after", async () => {
    let resolve: (value: number) => void = () => {};
    const loader = createLatestLoader(() => new Promise<number>((r) => (resolve = r)), { onResult: () => {}, onError: () => {} }, 60);
    expect(loader.waiting(), "nothing asked yet").toBe(false);
    loader.request(1);
    expect(loader.waiting(), "during the delay").toBe(true);
    vi.advanceTimersByTime(60);
    expect(loader.waiting(), "sent, not answered").toBe(true);
    resolve(10);
    await vi.runAllTimersAsync();
    expect(loader.waiting(), "answered").toBe(false);
  });
});
