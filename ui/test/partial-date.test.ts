import { describe, expect, it } from "vitest";
import { eventSpan, isoDay, parsePartialDate, partialDateSpan } from "../src/format/partial-date";

const utc = (y: number, m: number, d: number): number => Date.UTC(y, m - 1, d);

describe("partialDateSpan gives the [start, end) a partial date covers", () => {
  it("a day covers exactly that day", () => {
    expect(partialDateSpan("2023-11-15")).toEqual({ start: utc(2023, 11, 15), end: utc(2023, 11, 16) });
  });
  it("a month runs from its 1st to the next month's 1st", () => {
    expect(partialDateSpan("2023-11"), "November must end where December begins").toEqual({
      start: utc(2023, 11, 1),
      end: utc(2023, 12, 1),
    });
  });
  it("December ends on 1 January of the next year", () => {
    expect(partialDateSpan("2023-12")).toEqual({ start: utc(2023, 12, 1), end: utc(2024, 1, 1) });
  });
  it("a year runs from 1 January to the next 1 January", () => {
    expect(partialDateSpan("1979")).toEqual({ start: utc(1979, 1, 1), end: utc(1980, 1, 1) });
  });
  it("February of a leap year has 29 days", () => {
    const feb = partialDateSpan("2024-02");
    expect(feb, "leap February must be read").not.toBeNull();
    expect(((feb?.end ?? 0) - (feb?.start ?? 0)) / 86_400_000, "2024 is a leap year").toBe(29);
    expect(partialDateSpan("2024-02-29"), "29 February 2024 exists").toEqual({
      start: utc(2024, 2, 29),
      end: utc(2024, 3, 1),
    });
  });
  it("29 February of a common year is rejected", () => {
    expect(partialDateSpan("2023-02-29"), "2023 is not a leap year").toBeNull();
    expect(partialDateSpan("1900-02-29"), "1900 is not a leap year (century rule)").toBeNull();
    expect(partialDateSpan("2000-02-29"), "2000 is a leap year (400 rule)").not.toBeNull();
  });
  it("rejects malformed text", () => {
    for (const text of ["", "79", "2023-1", "2023-00", "2023-11-31", "2023/11/15", "abc"]) {
      expect(partialDateSpan(text), `"${text}" must not be read as a date`).toBeNull();
    }
  });
  it("keeps the precision it read", () => {
    expect(parsePartialDate("1979")?.precision).toBe("year");
    expect(parsePartialDate("1979-01")?.precision).toBe("month");
    expect(parsePartialDate("1979-01-01")?.precision).toBe("day");
  });
});

describe("eventSpan covers start to the end of the end date", () => {
  it("runs to the end of the last day", () => {
    expect(eventSpan("2023-11-15", "2023-11-16")).toEqual({ start: utc(2023, 11, 15), end: utc(2023, 11, 17) });
  });
  it("runs to the end of a month-precision end", () => {
    expect(eventSpan("2023-06", "2024-03")).toEqual({ start: utc(2023, 6, 1), end: utc(2024, 4, 1) });
  });
  it("ignores an end before the start", () => {
    expect(eventSpan("2023-11-15", "2023-11-01")).toEqual({ start: utc(2023, 11, 15), end: utc(2023, 11, 16) });
  });
});

describe("isoDay", () => {
  it("formats the UTC day, padded", () => {
    expect(isoDay(utc(1979, 1, 1))).toBe("1979-01-01");
    expect(isoDay(utc(2023, 11, 15) + 23 * 3_600_000)).toBe("2023-11-15");
  });
});
