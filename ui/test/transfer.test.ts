// Export scope → ExportRequest, and the import preview's wording: pure functions.
import { describe, expect, it } from "vitest";
import type { Filter, ImportPlan } from "../src/api/types";
import { utcMs } from "../src/format/partial-date";
import { progressPercent } from "../src/forms/progress-bar";
import { emptyFilter } from "../src/panels/filter-model";
import {
  DEFAULT_SIZE,
  EXPORT_FORMATS,
  exportedMessage,
  exportRequest,
  fileName,
  parseRemembered,
  parseSize,
  tooManyFor,
  viewFilter,
} from "../src/transfer/export-request";
import {
  blockedReason,
  importButtonLabel,
  importedMessage,
  skipLabel,
  unlistedNote,
  fieldsNote,
  gdeltNote,
  readingText,
  duplicateRows,
  progressText,
  isFinishing,
  rejectionPlace,
  rejectionRows,
} from "../src/transfer/import-plan";

/** A view from the middle of one day to the middle of another (UTC). */
const view = (from: [number, number, number], to: [number, number, number]): [number, number] => [
  utcMs(...from) + 12 * 3_600_000,
  utcMs(...to) + 12 * 3_600_000,
];

describe("export scope", () => {
  it("covers the visible days, with the active filters kept", () => {
    const filter: Filter = { ...emptyFilter(), kinds: ["summit"], actors: ["Wang Yi"] };
    expect(viewFilter(filter, view([2021, 3, 12], [2023, 4, 4]))).toEqual({
      kinds: ["summit"],
      sides: [],
      actors: ["Wang Yi"],
      tags: [],
      from: "2021-03-12",
      to: "2023-04-04",
    });
  });

  it("keeps the origin, verification and thread filters, which the timeline also applies", () => {
    const filter: Filter = { ...emptyFilter(), origins: ["user"], verification: ["disputed"], thread: "2023-11-15-woodside-summit" };
    expect(viewFilter(filter, view([2021, 3, 12], [2023, 4, 4]))).toMatchObject({
      origins: ["user"],
      verification: ["disputed"],
      thread: "2023-11-15-woodside-summit",
      from: "2021-03-12",
      to: "2023-04-04",
    });
  });

  it("does not count the day after a view that ends exactly at midnight", () => {
    expect(viewFilter(emptyFilter(), [utcMs(2023, 1, 1), utcMs(2024, 1, 1)])).toMatchObject({ from: "2023-01-01", to: "2023-12-31" });
  });

  it("narrows to the filter's own range where it is narrower, as whole days", () => {
    const filter: Filter = { ...emptyFilter(), from: "2022", to: "2022-06" };
    expect(viewFilter(filter, view([2021, 3, 12], [2023, 4, 4]))).toMatchObject({ from: "2022-01-01", to: "2022-06-30" });
    const wide: Filter = { ...emptyFilter(), from: "1990", to: "2030-01-15" };
    expect(viewFilter(wide, view([2021, 3, 12], [2023, 4, 4])), "the view is narrower").toMatchObject({
      from: "2021-03-12",
      to: "2023-04-04",
    });
    const onlyTo: Filter = { ...emptyFilter(), to: "2021-12-31" };
    expect(viewFilter(onlyTo, view([2021, 3, 12], [2023, 4, 4]))).toMatchObject({ from: "2021-03-12", to: "2021-12-31" });
  });

  it("is empty when the filter's range and the view share no day", () => {
    const filter: Filter = { ...emptyFilter(), from: "2024-02" };
    expect(viewFilter(filter, view([2021, 3, 12], [2023, 4, 4]))).toBeNull();
    expect(exportRequest({ format: "csv", scope: "view", ...DEFAULT_SIZE }, { filter, domain: view([2021, 3, 12], [2023, 4, 4]), selectedId: null })).toBeNull();
  });

  it("builds the request for the view: no ids, the narrowed filter, a size only for pictures", () => {
    const context = { filter: { ...emptyFilter(), tags: ["apec"] }, domain: view([2023, 1, 1], [2023, 12, 31]), selectedId: "a" };
    expect(exportRequest({ format: "json", scope: "view", width: 1600, height: 900 }, context)).toEqual({
      format: "json",
      ids: [],
      filter: { kinds: [], sides: [], actors: [], tags: ["apec"], from: "2023-01-01", to: "2023-12-31" },
    });
    expect(exportRequest({ format: "png", scope: "view", width: 1200, height: 700 }, context)).toMatchObject({
      format: "png",
      width: 1200,
      height: 700,
    });
  });

  it("builds the request for the selected event: exactly its id", () => {
    const context = { filter: { ...emptyFilter(), kinds: ["call" as const] }, domain: view([2023, 1, 1], [2023, 12, 31]), selectedId: "2023-11-15-woodside-summit" };
    expect(exportRequest({ format: "md", scope: "selected", width: 1, height: 1 }, context)).toEqual({
      format: "md",
      ids: ["2023-11-15-woodside-summit"],
      filter: emptyFilter(),
    });
    expect(exportRequest({ format: "md", scope: "selected", width: 1, height: 1 }, { ...context, selectedId: null }), "nothing selected").toBeNull();
  });

  it("builds the request for all events: no ids and no filter, whatever the view", () => {
    const context = { filter: { ...emptyFilter(), kinds: ["call" as const] }, domain: view([2023, 1, 1], [2023, 12, 31]), selectedId: "a" };
    expect(exportRequest({ format: "pdf", scope: "all", width: 1600, height: 900 }, context)).toEqual({
      format: "pdf",
      ids: [],
      filter: emptyFilter(),
    });
  });

  it("offers every format the backend exports, each with a description", () => {
    expect(EXPORT_FORMATS.map((f) => f.value)).toEqual(["json", "csv", "md", "ics", "timelinejs", "html", "svg", "png", "pdf"]);
    for (const format of EXPORT_FORMATS) expect(format.description.length, format.value).toBeGreaterThan(5);
    expect(EXPORT_FORMATS.filter((f) => f.picture).map((f) => f.value)).toEqual(["svg", "png"]);
  });

  it("reads picture sizes within the backend's limits", () => {
    expect(parseSize("319", "width"), "the backend's smallest width").toHaveProperty("error");
    expect(parseSize("320", "width")).toEqual({ value: 320 });
    expect(parseSize("199", "height"), "the backend's smallest height").toHaveProperty("error");
    expect(parseSize("1600", "width")).toEqual({ value: 1600 });
    expect(parseSize(" 900 ", "height")).toEqual({ value: 900 });
    expect(parseSize("100", "width")).toHaveProperty("error");
    expect(parseSize("9000", "height")).toHaveProperty("error");
    expect(parseSize("16.5", "width")).toHaveProperty("error");
    expect(parseSize("", "width")).toHaveProperty("error");
  });

  it("remembers the format and size, ignoring anything unreadable", () => {
    expect(parseRemembered(null)).toEqual({ format: "json", width: 1600, height: 900 });
    expect(parseRemembered('{"format":"png","width":1200,"height":600}')).toEqual({ format: "png", width: 1200, height: 600 });
    expect(parseRemembered('{"format":"exe","width":5,"height":"x"}')).toEqual({ format: "json", width: 1600, height: 900 });
    expect(parseRemembered("{not json")).toEqual({ format: "json", width: 1600, height: 900 });
  });

  it("names the file written in the toast", () => {
    expect(fileName("/tmp/x/bilateral.json")).toBe("bilateral.json");
    expect(fileName("C:\\Users\\me\\chronology.md")).toBe("chronology.md");
    expect(exportedMessage(12, "/home/me/summits.csv")).toBe("Exported 12 events to summits.csv");
    expect(exportedMessage(1, "/home/me/one.ics")).toBe("Exported 1 event to one.ics");
  });
});

const plan = (change: Partial<ImportPlan> = {}): ImportPlan => ({
  file: "colleague.csv",
  format: "csv",
  new: 3,
  updated: 1,
  unchanged: 2,
  rejected: [],
  fields: ["title", "chinese_title", "summary", "dates", "kind", "actors", "location", "tags", "sources", "links"],
  duplicates: [],
  periods: 0,
  ...change,
    rejected_count: change.rejected_count ?? change.rejected?.length ?? 0,
});

describe("import preview", () => {
  it("says where a rejected row is: a line, or an item counted from 1", () => {
    expect(rejectionPlace({ line: 12 })).toBe("line 12");
    expect(rejectionPlace({ item: 2 })).toBe("item 3");
  });

  it("names the file of a rejected row when one import reads several, and keeps each file's rows together", () => {
    expect(rejectionPlace({ line: 4 }, "1979.csv")).toBe("1979.csv, line 4");
    expect(
      rejectionRows([
        { at: { line: 9 }, field: "Day (column 2)", message: "a", file: "1980.csv" },
        { at: { line: 2 }, field: "row", message: "b", file: "1980.csv" },
        { at: { line: 7 }, field: "row", message: "c", file: "1981.csv" },
        { at: { line: 5 }, field: "row", message: "d", file: "1980.csv" },
        { at: { line: 1 }, field: "row", message: "e", file: "1981.csv" },
      ]).map((row) => row.place),
    ).toEqual(["1980.csv, line 2", "1980.csv, line 5", "1980.csv, line 9", "1981.csv, line 1", "1981.csv, line 7"]);
    const [first] = rejectionRows([{ at: { line: 9 }, field: "row", message: "a", file: "1980.csv" }]);
    expect(first).toMatchObject({ file: "1980.csv", within: "line 9" });
  });

  it("lists rejections in file order, naming the field (or the whole event)", () => {
    expect(
      rejectionRows([
        { at: { line: 9 }, field: "sources[0].url", message: "not http(s)" },
        { at: { line: 3 }, field: "start", message: "no such day: 2023-02-30" },
        { at: { line: 3 }, field: "event", message: "wrong number of cells" },
      ]),
    ).toEqual([
      { place: "line 3", within: "line 3", field: "start", message: "no such day: 2023-02-30" },
      { place: "line 3", within: "line 3", field: "whole event", message: "wrong number of cells" },
      { place: "line 9", within: "line 9", field: "sources[0].url", message: "not http(s)" },
    ]);
  });

  it("blocks the import while any row is rejected, and says nothing will be written", () => {
    const one = blockedReason(plan({ rejected: [{ at: { line: 3 }, field: "start", message: "bad" }] }));
    expect(one).toContain("One row has a problem");
    expect(one).toContain("Nothing will be written until the file is fixed");
    expect(blockedReason(plan({ rejected: Array.from({ length: 1200 }, () => ({ at: { line: 1 }, field: "x", message: "y" })) }))).toContain(
      "1,200 rows have problems",
    );
    expect(blockedReason(plan())).toBeNull();
    const rejected = plan({ rejected: [{ at: { line: 3 }, field: "start", message: "bad" }] });
    expect(blockedReason(rejected, true), "left out, the rest imports").toBeNull();
    expect(blockedReason({ ...rejected, new: 0, updated: 0 }, true), "what is left must still change something").toContain(
      "already in the timeline",
    );
    expect(blockedReason(plan({ new: 0, updated: 0, unchanged: 0 }))).toBe("The file holds no events.");
    expect(blockedReason(plan({ new: 0, updated: 0 }))).toContain("already in the timeline");
  });

  it("counts every rejected row though only the first are listed, and says so", () => {
    const many = plan({ rejected: [{ at: { line: 3 }, field: "start", message: "bad" }], rejected_count: 1500 });
    expect(blockedReason(many)).toContain("1,500 rows have problems");
    expect(skipLabel(many)).toBe("Leave out the 1,500 rows with problems and import the rest");
    expect(unlistedNote(many)).toBe("The first 1 of 1,500 rows with problems are listed.");
    const all = plan({ rejected: [{ at: { line: 3 }, field: "start", message: "bad" }] });
    expect(unlistedNote(all)).toBeNull();
    expect(skipLabel(all)).toBe("Leave out the row listed below and import the rest");
  });

  it("labels the button with the number of events read", () => {
    expect(importButtonLabel(plan())).toBe("Import 6 events");
    expect(importButtonLabel(plan({ new: 1, updated: 0, unchanged: 0 }))).toBe("Import 1 event");
    expect(importButtonLabel(plan({ new: 20000, updated: 0, unchanged: 0 }))).toBe("Import 20,000 events");
  });

  it("lets a file that carries only periods (or unchanged events and periods) be imported, and says so", () => {
    expect(blockedReason(plan({ new: 0, updated: 0, unchanged: 0, periods: 2 }))).toBeNull();
    expect(blockedReason(plan({ new: 0, updated: 0, periods: 1 }))).toBeNull();
    expect(importButtonLabel(plan({ new: 0, updated: 0, unchanged: 0, periods: 2 }))).toBe("Import 2 periods");
    expect(importButtonLabel(plan({ periods: 1 }))).toBe("Import 6 events and 1 period");
    expect(importedMessage({ created: 0, updated: 0, unchanged: 3, ids: [], undoable: true, periods: 1, skipped: 0 })).toBe(
      "Imported: 0 new, 0 updated, 3 unchanged, 1 period · Undo takes it all back",
    );
  });

  it("turns progress into a whole percent, never past 100", () => {
    expect(progressPercent(null)).toBe(0);
    expect(progressPercent({ done: 0, total: 0 })).toBe(0);
    expect(progressPercent({ done: 1, total: 3 })).toBe(33);
    expect(progressPercent({ done: 199, total: 200 }), "99.5% is not done").toBe(99);
    expect(progressPercent({ done: 200, total: 200 })).toBe(100);
    expect(progressPercent({ done: 250, total: 200 })).toBe(100);
    expect(progressText({ done: 1200, total: 20000 }, 20000)).toBe("Importing… 1,200 of 20,000 events");
    expect(progressText(null, 5)).toBe("Importing… 0 of 5 events");
  });

  it("says the import is finishing once every event is written, not that it is stuck at 100%", () => {
    expect(isFinishing({ done: 19999, total: 20000 })).toBe(false);
    expect(isFinishing({ done: 20000, total: 20000 })).toBe(true);
    expect(isFinishing({ done: 0, total: 0 }), "an empty import has nothing to finish").toBe(false);
    expect(isFinishing(null)).toBe(false);
    expect(progressText({ done: 20000, total: 20000 }, 20000)).toBe("Finishing… indexing 20,000 events for search");
  });

  it("reports what an import did, and whether one Undo takes it back", () => {
    expect(importedMessage({ created: 3, updated: 1, unchanged: 0, ids: [], undoable: true, periods: 0, skipped: 0 })).toBe(
      "Imported: 3 new, 1 updated · Undo takes it all back",
    );
    expect(importedMessage({ created: 0, updated: 0, unchanged: 4, ids: [], undoable: true, periods: 0, skipped: 0 })).toBe(
      "Imported: 0 new, 0 updated, 4 unchanged",
    );
    expect(importedMessage({ created: 30000, updated: 0, unchanged: 0, ids: [], undoable: false, periods: 0, skipped: 0 })).toBe(
      "Imported: 30,000 new, 0 updated · too large to undo in one step",
    );
    expect(importedMessage({ created: 30, updated: 0, unchanged: 0, ids: [], undoable: true, periods: 0, skipped: 1200 })).toBe(
      "Imported: 30 new, 0 updated, 1,200 rows left out · Undo takes it all back",
    );
  });

  it("says what a lossy format will change and what it keeps", () => {
    expect(fieldsNote(plan())).toBeNull();
    const ics = plan({ format: "ics", fields: ["title", "summary", "dates", "kind", "location", "tags", "source_links"] });
    expect(fieldsNote(ics)).toBe(
      "iCalendar can set titles, summaries, dates, kinds, locations, tags and links (added as sources). " +
        "Events already in the timeline keep their Chinese titles, actors, source details and links between events.",
    );
    // A CSV written before the links column existed says nothing of links.
    const oldCsv = plan({ format: "csv", fields: ["title", "chinese_title", "summary", "dates", "kind", "actors", "location", "tags", "sources"] });
    expect(fieldsNote(oldCsv)).toBe(
      "CSV can set titles, Chinese titles, summaries, dates, kinds, actors, locations, tags and sources. Events already in the timeline keep their links between events.",
    );
  });

  it("says how far the reading of a chosen file, or of many, has got", () => {
    expect(readingText({ file: "e.json", unit: "events", items: 0, files_done: 0, files: 1 }, false)).toBe("Reading…");
    expect(readingText({ file: "e.json", unit: "events", items: 1, files_done: 0, files: 1 }, false)).toBe("Reading… 1 event so far");
    expect(readingText({ file: "e.json", unit: "events", items: 412000, files_done: 0, files: 1 }, false)).toBe("Reading… 412,000 events so far");
    expect(readingText({ file: "2,900 GDELT exports", unit: "rows", items: 0, files_done: 1200, files: 2900 }, false)).toBe("Reading… 1,200 of 2,900 files");
    expect(readingText({ file: "e.json", unit: "events", items: 9, files_done: 0, files: 1 }, true)).toBe("Cancelling… nothing will be written");
    expect(readingText({ file: "extract.export.CSV", unit: "rows", items: 1, files_done: 0, files: 1 }, false)).toBe("Reading… 1 row so far");
    expect(readingText({ file: "extract.export.CSV", unit: "rows", items: 2400000, files_done: 0, files: 1 }, false)).toBe(
      "Reading… 2,400,000 rows so far",
    );
  });

  it("says what became of the rows of GDELT exports, which the event counts cannot", () => {
    expect(gdeltNote(plan())).toBeNull();
    const one = plan({ format: "gdelt", gdelt: { files: 1, rows: 1532, kept: 1, elsewhere: 1531, sources_left_out: 0, from_backfile: 0, repeated: 0 } });
    expect(gdeltNote(one)).toBe("Read 1,532 rows: 1 row between the US and China kept and 1,531 rows between other actors left out.");
    const many = plan({ format: "gdelt", gdelt: { files: 3, rows: 4500, kept: 40, elsewhere: 4440, sources_left_out: 2, from_backfile: 0, repeated: 20 } });
    expect(gdeltNote(many)).toBe(
      "Read 4,500 rows from 3 files: 40 rows between the US and China kept, 4,440 rows between other actors left out, " +
        "2 kept without a source (not a web link) and 20 rows already read from another file, kept once.",
    );
    const history = plan({
      format: "gdelt",
      gdelt: { files: 2, rows: 90000, kept: 1200, elsewhere: 88800, sources_left_out: 0, from_backfile: 1200, repeated: 0 },
    });
    expect(gdeltNote(history)).toBe(
      "Read 90,000 rows from 2 files: 1,200 rows between the US and China kept, 88,800 rows between other actors left out " +
        "and 1,200 from GDELT 1.0 historical files kept without a source (those files name none).",
    );
  });

  it("lists new events that look like stored ones, with their place in the file", () => {
    const rows = duplicateRows(
      plan({ duplicates: [{ at: { line: 4 }, title: "Woodside summit", existing_id: "w", existing_title: "Biden–Xi summit at Woodside" }] }),
    );
    expect(rows).toEqual([{ place: "line 4", title: "Woodside summit", existing: "Biden–Xi summit at Woodside" }]);
  });
});

describe("the documents laid out whole", () => {
  it("hold at most so many events, and say what to do instead", () => {
    expect(tooManyFor("pdf", 25_000)).toBeNull();
    expect(tooManyFor("pdf", 1_000_448)).toBe(
      "A PDF holds at most 25,000 events, and these are 1,000,448. Narrow the view or the filters, or choose JSON or CSV.",
    );
    expect(tooManyFor("html", 100_000)).toBeNull();
    expect(tooManyFor("html", 100_001)).toContain("A web page holds at most 100,000 events");
    for (const format of ["json", "csv", "ics", "md", "timelinejs", "svg", "png"] as const) {
      expect(tooManyFor(format, 10_000_000), format).toBeNull();
    }
  });
});
