// The article's text cut into highlighted runs, by the backend's offsets (Unicode scalar
// values) in a JavaScript string (UTF-16), and TIMEX3 values and the anchor in words.
import { describe, expect, it } from "vitest";
import type { Published } from "../src/api/types";
import { anchorDay, anchorSource, possessive, reportsNote } from "../src/ingest/anchor-words";
import { scalarIndex, sliceScalars, toUtf16 } from "../src/ingest/offsets";
import { segmentText } from "../src/ingest/segments";
import { durationWords, isoWeekMonday, timexTip, timexWords } from "../src/ingest/timex-words";

/** Scalar offsets of `part` in `text`, as the backend counts them. */
function scalars(text: string, part: string): { start: number; end: number } {
  const at = text.indexOf(part);
  const start = [...text.slice(0, at)].length;
  return { start, end: start + [...part].length };
}

describe("scalar offsets", () => {
  it("map to UTF-16 indices past characters outside the BMP", () => {
    const text = "😀 on Monday, 習近平 met 𠮷 on Tuesday";
    const index = scalarIndex(text);
    const monday = scalars(text, "on Monday");
    expect(monday.start, "the emoji counts once").toBe(2);
    expect(sliceScalars(text, index, monday.start, monday.end)).toBe("on Monday");
    const tuesday = scalars(text, "on Tuesday");
    expect(sliceScalars(text, index, tuesday.start, tuesday.end)).toBe("on Tuesday");
    expect(toUtf16(index, tuesday.start)).toBe(text.indexOf("on Tuesday"));
    expect(toUtf16(index, 10_000), "clamped to the end").toBe(text.length);
    expect(toUtf16(index, -3)).toBe(0);
  });
});

describe("segmentText", () => {
  const text = "“Xi” 🇨🇳 said on Monday that last June was calm. Wray spoke on Wednesday.";

  it("cuts the text at every expression and sentence, and joins back to the same text", () => {
    const timexes = [scalars(text, "on Monday"), scalars(text, "last June"), scalars(text, "on Wednesday")];
    const quotes = [scalars(text, "“Xi” 🇨🇳 said on Monday that last June was calm."), scalars(text, "Wray spoke on Wednesday.")];
    const segments = segmentText(text, timexes, quotes);
    expect(segments.map((s) => s.text).join("")).toBe(text);
    const marked = segments.filter((s) => s.timex !== null);
    expect(marked.map((s) => [s.text, s.timex])).toEqual([
      ["on Monday", 0],
      ["last June", 1],
      ["on Wednesday", 2],
    ]);
    const monday = marked[0];
    expect(monday?.quotes).toEqual([0]);
    expect(monday?.at).toBe(text.indexOf("on Monday"));
    expect(segments.find((s) => s.text === "on Wednesday")?.quotes).toEqual([1]);
    expect(segments.find((s) => s.text === " ")?.quotes, "the space between sentences is in neither").toEqual([]);
  });

  it("keeps plain text plain and survives bad spans", () => {
    expect(segmentText("No dates here.", [], [])).toEqual([{ text: "No dates here.", at: 0, timex: null, quotes: [] }]);
    const overlapping = [
      { start: 0, end: 5 },
      { start: 3, end: 8 },
      { start: 9, end: 9 },
      { start: 40, end: 99 },
    ];
    const segments = segmentText("0123456789", overlapping, [{ start: -4, end: 2 }]);
    expect(segments.map((s) => s.text).join("")).toBe("0123456789");
    expect(segments.filter((s) => s.timex !== null).map((s) => s.timex), "an overlapping, empty or outside span is left plain").toEqual([0, 0]);
    expect(segments[0]).toMatchObject({ text: "01", quotes: [0] });
  });

  it("gives every run of a long article back in order", () => {
    const sentence = "On Monday 🙂 they met. ";
    const long = sentence.repeat(500);
    const perSentence = [...sentence].length;
    const timexes = Array.from({ length: 500 }, (_, i) => ({ start: i * perSentence, end: i * perSentence + 9 }));
    const segments = segmentText(long, timexes, []);
    expect(segments.filter((s) => s.timex !== null)).toHaveLength(500);
    expect(segments.every((s) => s.timex === null || s.text === "On Monday")).toBe(true);
    expect(segments.map((s) => s.text).join("")).toBe(long);
  });
});

describe("TIMEX3 values in words", () => {
  it("says days with their weekday, months, weeks and seasons", () => {
    expect(timexWords("2024-01-29")).toBe("Mon 29 Jan 2024");
    expect(timexWords("2024-04-18")).toBe("Thu 18 Apr 2024");
    expect(timexWords("2023-11")).toBe("Nov 2023");
    expect(timexWords("2024")).toBe("2024");
    expect(timexWords("2024-W04")).toBe("week of 22 Jan 2024");
    expect(timexWords("2020-W53")).toBe("week of 28 Dec 2020");
    expect(timexWords("2024-W04-WE")).toBe("weekend of 27 Jan 2024");
    expect(timexWords("2024-FA")).toBe("Fall 2024");
    expect(timexWords("2023-WI")).toBe("Winter 2023");
    expect(timexWords("2024-Q1")).toBe("Q1 2024");
    expect(timexWords("2024-H2")).toBe("second half of 2024");
    expect(timexWords("202")).toBe("the 2020s");
    expect(timexWords("19")).toBe("the 1900s");
    expect(timexWords("2024-01-29TMO")).toBe("Mon 29 Jan 2024, morning");
    expect(timexWords("2024-01-29T14:30", "TIME")).toBe("Mon 29 Jan 2024, 14:30");
    expect(timexWords("XXXX-06")).toBe("June, year unknown");
  });

  it("says durations and references as words", () => {
    expect(timexWords("P3M", "DURATION")).toBe("3 months");
    expect(timexWords("P1Y6M", "DURATION")).toBe("1 year 6 months");
    expect(timexWords("P1DT2H", "DURATION")).toBe("1 day 2 hours");
    expect(timexWords("PXY", "DURATION")).toBe("some years");
    expect(timexWords("P2DE", "DURATION")).toBe("2 decades");
    expect(durationWords("2024")).toBeNull();
    expect(timexWords("PAST_REF")).toBe("the past");
    expect(timexWords("PRESENT_REF")).toBe("now");
    expect(timexWords("FUTURE_REF")).toBe("the future");
    expect(timexWords("P1W", "SET")).toBe("every week");
    expect(timexWords("P2D", "SET")).toBe("every 2 days");
    expect(timexWords("XXXX-WXX-1", "SET")).toBe("every Monday");
  });

  it("shows a value it does not know, or an impossible day, as it is", () => {
    expect(timexWords("2023-02-30")).toBe("2023-02-30");
    expect(timexWords("2023-13")).toBe("2023-13");
    expect(timexWords("NOT_A_VALUE")).toBe("NOT_A_VALUE");
  });

  it("puts the expression and its value in one tip", () => {
    expect(timexTip(" on Monday ", "2024-01-29", "DATE")).toBe("on Monday → Mon 29 Jan 2024");
  });

  it("finds the Monday of an ISO week", () => {
    expect(new Date(isoWeekMonday(2024, 1)).toISOString().slice(0, 10)).toBe("2024-01-01");
    expect(new Date(isoWeekMonday(2021, 1)).toISOString().slice(0, 10)).toBe("2021-01-04");
  });
});

describe("the anchor line", () => {
  const published: Published = { date: "2024-04-18", from: "text", evidence: "Thursday, April 18, 2024", reports: "CNN" };

  it("names the day, where it was found, and the outlet the text reports", () => {
    expect(anchorDay(published)).toBe("Thu 18 Apr 2024");
    expect(anchorSource(published)).toEqual({ where: "found in the text", evidence: "“Thursday, April 18, 2024”" });
    expect(reportsNote(published)).toBe("This text reports CNN’s story; its date may be the better anchor.");
    expect(reportsNote({ ...published, reports: "The New York Times" })).toContain("The New York Times’ story");
    expect(reportsNote({ date: "2024-01-31", from: "argument" })).toBeNull();
    expect(anchorSource({ date: "2024-01-31", from: "today" })).toEqual({
      where: "no date found in the article, so today",
      evidence: null,
    });
    expect(possessive("Reuters")).toBe("Reuters’");
  });
});
