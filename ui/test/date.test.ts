import { describe, expect, it } from "vitest";
import { formatDateRange, formatEventCount, formatPartialDate } from "../src/format/date";
import { DATE_WORDING } from "../src/generated/vocabulary";

describe("formatPartialDate shows a date at the precision it is known", () => {
  it("day precision reads as a full date", () => {
    expect(formatPartialDate("2023-11-15"), "a day event must show day, month and year").toBe("15 November 2023");
  });
  it("month precision shows month and year, never a made-up day", () => {
    expect(formatPartialDate("2023-11"), "a month-precision date must not be pinned to the 1st").toBe("November 2023");
  });
  it("year precision shows only the year", () => {
    expect(formatPartialDate("1979"), "a year-precision date must read as the year alone").toBe("1979");
  });
  it("a time suffix on a full date is shown as the day", () => {
    expect(formatPartialDate("2023-11-15T10:30:00Z")).toBe("15 November 2023");
  });
  it("invalid input is shown as stored rather than guessed at", () => {
    expect(formatPartialDate("2023-02-30"), "Feb 30 does not exist and must not become a date").toBe("2023-02-30");
    expect(formatPartialDate("2023-13"), "month 13 does not exist").toBe("2023-13");
    expect(formatPartialDate("not a date")).toBe("not a date");
    expect(formatPartialDate(""), "an empty date must say so, not show nothing").toBe("Unknown date");
    expect(formatPartialDate(undefined)).toBe("Unknown date");
  });
});

describe("formatDateRange shares what start and end have in common", () => {
  it("a single date stays a single date", () => {
    expect(formatDateRange("2023-11-15")).toBe("15 November 2023");
    expect(formatDateRange("2023-11-15", "2023-11-15"), "an end equal to the start is not a range").toBe("15 November 2023");
  });
  it("days within one month share month and year", () => {
    expect(formatDateRange("2023-11-15", "2023-11-16")).toBe("15–16 November 2023");
  });
  it("days across months of one year share the year", () => {
    expect(formatDateRange("2023-11-30", "2023-12-02")).toBe("30 November – 2 December 2023");
  });
  it("days across years are written in full", () => {
    expect(formatDateRange("2023-12-30", "2024-01-02")).toBe("30 December 2023 – 2 January 2024");
  });
  it("months across years keep both years", () => {
    expect(formatDateRange("2023-06", "2024-03")).toBe("June 2023 – March 2024");
  });
  it("months within one year share the year", () => {
    expect(formatDateRange("2023-06", "2023-08")).toBe("June–August 2023");
  });
  it("years form a simple span", () => {
    expect(formatDateRange("1979", "1982")).toBe("1979–1982");
  });
  it("mixed precisions are each written at their own precision", () => {
    expect(formatDateRange("2023-06-15", "2023-08")).toBe("15 June 2023 – August 2023");
  });
  it("an unreadable end is shown as stored", () => {
    expect(formatDateRange("2023-06-15", "soon")).toBe("15 June 2023 – soon");
  });
});

describe("formatDateRange words dates as the core does", () => {
  it.each(DATE_WORDING.map(([start, end, words]) => [start, end, words]))(
    "%s to %s reads as the exports write it",
    (start, end, words) => {
      expect(formatDateRange(start as string, end as string | null), "the app and the exports must agree").toBe(words);
    },
  );
});

describe("formatEventCount", () => {
  it("uses the singular for one event", () => {
    expect(formatEventCount(1)).toBe("1 event");
    expect(formatEventCount(142)).toBe("142 events");
    expect(formatEventCount(0)).toBe("0 events");
  });
});
