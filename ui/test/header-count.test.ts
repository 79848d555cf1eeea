// The header count: with a filter, how many match at all and how many are in view, so an
// early-2023 view of "Kind: Summit" says "19 match · 0 in view", not "0 events · filtered".
import { describe, expect, it } from "vitest";
import { headerCount } from "../src/panels/header-count";

const base = { visible: 0, matching: null, filtered: false, summarised: false, loaded: 0 };

describe("the header count", () => {
  it("without a filter, counts the events in view", () => {
    expect(headerCount({ ...base, visible: 67 })).toEqual({ count: "67 events in view", note: "" });
    expect(headerCount({ ...base, visible: 1 }).count).toBe("1 event in view");
  });

  it("with a filter, tells matching events from those in view", () => {
    expect(headerCount({ ...base, filtered: true, visible: 0, matching: 19 })).toEqual({ count: "19 match · 0 in view", note: "" });
    expect(headerCount({ ...base, filtered: true, visible: 3, matching: 19 }).count).toBe("19 match · 3 in view");
  });

  it("says only what it knows until the matching count arrives", () => {
    expect(headerCount({ ...base, filtered: true, visible: 0 })).toEqual({ count: "0 events in view", note: "· filtered" });
  });

  it("says when only the most significant events are drawn", () => {
    expect(headerCount({ ...base, visible: 448, summarised: true, loaded: 120 }).note).toBe("· the 120 most significant are drawn");
    expect(headerCount({ ...base, filtered: true, matching: 300, visible: 250, summarised: true, loaded: 120 })).toEqual({
      count: "300 match · 250 in view",
      note: "· the 120 most significant are drawn",
    });
  });

  it("groups the digits of large counts", () => {
    expect(headerCount({ ...base, visible: 1_000_448, summarised: true, loaded: 1_200 })).toEqual({
      count: "1,000,448 events in view",
      note: "· the 1,200 most significant are drawn",
    });
    expect(headerCount({ ...base, filtered: true, matching: 250_000, visible: 12_345 }).count).toBe("250,000 match · 12,345 in view");
  });
});
