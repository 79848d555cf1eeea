import { describe, expect, it } from "vitest";
import type { StoredEvent } from "../src/api/types";
import { fieldKeyForError } from "../src/editor/error-fields";
import {
  emptyActor,
  dateText,
  emptySource,
  eventFromForm,
  formFromEvent,
  formTags,
  isDirty,
  newEventForm,
  type EventForm,
} from "../src/editor/event-form";

function filled(): EventForm {
  const form = newEventForm();
  form.title = "  Biden and Xi meet in Woodside ";
  form.start = { precision: "day", year: "2023", month: "11", day: "15" };
  form.kind = "summit";
  form.actors = [{ ...emptyActor(), name: " Joe Biden ", side: "us" }];
  form.sources = [{ ...emptySource(), url: "https://www.reuters.com/x", title: "Summit", publisher: "reuters.com" }];
  return form;
}

const stored: StoredEvent = {
  id: "2023-11-15-woodside-summit",
  title: "Woodside summit",
  summary: "They met.",
  start: "2023-11-15",
  end: "2023-11-16",
  kind: "summit",
  actors: [
    { name: "Joe Biden", side: "us" },
    { name: "Xi Jinping", side: "china" },
  ],
  location: "Woodside",
  tags: ["summit", "apec"],
  sources: [{ url: "https://a.example/x", title: "A", publisher: "a.example", published: "2023-11-15", quote: "They met." }],
  origin: "dataset",
  edited: false,
  created_at: "2024-01-01T00:00:00Z",
  updated_at: "2024-01-01T00:00:00Z",
};

describe("dates in the form", () => {
  it("writes each precision as the backend reads it", () => {
    expect(dateText({ precision: "day", year: "2023", month: "11", day: "5" }).text).toBe("2023-11-05");
    expect(dateText({ precision: "month", year: "2023", month: "3", day: "5" }).text, "the day is dropped").toBe("2023-03");
    expect(dateText({ precision: "year", year: "1979", month: "1", day: "1" }).text, "month and day are dropped").toBe("1979");
    expect(dateText({ precision: "none", year: "2023", month: "", day: "" }).text).toBeNull();
  });
  it("names the part that is wrong", () => {
    expect(dateText({ precision: "day", year: "", month: "", day: "" })).toMatchObject({ part: "year", text: null });
    expect(dateText({ precision: "day", year: "23", month: "1", day: "1" })).toMatchObject({ part: "year" });
    expect(dateText({ precision: "month", year: "2023", month: "", day: "" })).toMatchObject({ part: "month" });
    expect(dateText({ precision: "day", year: "2023", month: "2", day: "" })).toMatchObject({ part: "day" });
    const feb = dateText({ precision: "day", year: "2023", month: "2", day: "30" });
    expect(feb).toMatchObject({ part: "day", text: null });
    expect(feb.error).toBe("February 2023 has 28 days.");
    expect(dateText({ precision: "day", year: "2024", month: "2", day: "29" }).text, "a leap day").toBe("2024-02-29");
  });
  it("sends a stored date back unchanged when its parts were not touched (a time of day survives)", () => {
    const form = formFromEvent({ ...stored, start: "2023-11-15T10:00:00Z" });
    expect(form.start).toMatchObject({ precision: "day", year: "2023", month: "11", day: "15" });
    expect(dateText(form.start).text).toBe("2023-11-15T10:00:00Z");
    form.start.day = "16";
    expect(dateText(form.start).text).toBe("2023-11-16");
  });
});

describe("form → Event", () => {
  it("builds exactly the backend's keys, trimmed, and omits empty optional fields", () => {
    const { event, errors } = eventFromForm(filled());
    expect(errors.size).toBe(0);
    expect(event).toEqual({
      id: "",
      title: "Biden and Xi meet in Woodside",
      summary: "",
      start: "2023-11-15",
      kind: "summit",
      actors: [{ name: "Joe Biden", side: "us" }],
      tags: [],
      sources: [{ url: "https://www.reuters.com/x", title: "Summit", publisher: "reuters.com" }],
    });
    expect(Object.keys(event ?? {}).sort()).toEqual(["actors", "id", "kind", "sources", "start", "summary", "tags", "title"]);
    expect(event && "end" in event, "no end key for a one-day event").toBe(false);
    expect(event && "location" in event, "no empty location").toBe(false);
  });
  it("keeps end, location, published and quote when given", () => {
    const form = filled();
    form.end = { precision: "month", year: "2023", month: "12", day: "" };
    form.location = " Woodside ";
    const source = form.sources[0];
    if (!source) throw new Error("a source row");
    source.published = "2023-11";
    source.quote = " They met. ";
    const { event } = eventFromForm(form);
    expect(event?.end).toBe("2023-12");
    expect(event?.location).toBe("Woodside");
    expect(event?.sources[0]).toEqual({
      url: "https://www.reuters.com/x",
      title: "Summit",
      publisher: "reuters.com",
      published: "2023-11",
      quote: "They met.",
    });
  });
  it("skips blank actor and source rows and remembers which form row each item came from", () => {
    const form = filled();
    form.actors = [{ ...emptyActor(), name: "", side: "us" }, { ...emptyActor(), name: "Wang Yi", side: "china" }, { ...emptyActor(), name: "  ", side: "us" }];
    form.sources = [emptySource(), ...form.sources];
    const { event, rows } = eventFromForm(form);
    expect(event?.actors).toEqual([{ name: "Wang Yi", side: "china" }]);
    expect(event?.sources).toHaveLength(1);
    expect(rows).toEqual({ actors: [1], sources: [1] });
  });
  it("reports what the form alone can tell, under the right field, and sends nothing", () => {
    const form = newEventForm();
    form.sources = [{ ...emptySource(), url: "https://x.example", title: "t", published: "Nov 2023" }];
    const { event, errors } = eventFromForm(form);
    expect(event).toBeNull();
    expect([...errors.keys()].sort()).toEqual(["kind", "sources.0.published", "start", "title"]);
  });
  it("adds a tag still being typed, without repeats", () => {
    expect(formTags({ tags: ["apec", "summit"], tagDraft: " apec " })).toEqual(["apec", "summit"]);
    expect(formTags({ tags: ["apec"], tagDraft: "trade" })).toEqual(["apec", "trade"]);
    const form = filled();
    form.tagDraft = "apec";
    expect(eventFromForm(form).event?.tags).toEqual(["apec"]);
  });
});

describe("Event → form → Event", () => {
  it("round-trips a stored event (store-only fields dropped)", () => {
    const { event } = eventFromForm(formFromEvent(stored));
    const { origin, edited, created_at, updated_at, ...plain } = stored;
    void origin;
    void edited;
    void created_at;
    void updated_at;
    expect(event).toEqual(plain);
  });
  it("reads each precision back", () => {
    expect(formFromEvent({ ...stored, start: "2023-11", end: undefined }).start).toMatchObject({ precision: "month", month: "11", day: "" });
    const yearOnly = formFromEvent({ ...stored, start: "1979", end: undefined });
    expect(yearOnly.start).toMatchObject({ precision: "year", year: "1979", month: "" });
    expect(yearOnly.end.precision).toBe("none");
  });
  it("is dirty only once something was typed", () => {
    const form = formFromEvent(stored);
    const initial = structuredClone(form);
    expect(isDirty(initial, form)).toBe(false);
    form.title = "Changed";
    expect(isDirty(initial, form)).toBe(true);
    expect(isDirty(newEventForm(), newEventForm())).toBe(false);
  });
});

describe("backend error field → form input", () => {
  const rows = { actors: [0, 2], sources: [1, 3] };
  it("maps plain fields", () => {
    for (const field of ["title", "start", "end", "kind", "summary", "location"]) {
      expect(fieldKeyForError(field, rows)).toBe(field);
    }
    expect(fieldKeyForError("tags[2]", rows)).toBe("tags");
  });
  it("maps list items through the rows the conversion kept", () => {
    expect(fieldKeyForError("sources[1].url", rows), "the second source sent is form row 3").toBe("sources.3.url");
    expect(fieldKeyForError("sources[0].title", rows)).toBe("sources.1.title");
    expect(fieldKeyForError("sources[0].published", rows)).toBe("sources.1.published");
    expect(fieldKeyForError("actors[1].name", rows)).toBe("actors.2.name");
    expect(fieldKeyForError("sources[1]", rows), "a whole source").toBe("sources.3");
    expect(fieldKeyForError("sources[0].unknown", rows)).toBe("sources.1");
  });
  it("keeps an index it cannot map, and gives null when no input is to blame", () => {
    expect(fieldKeyForError("sources[7].url", rows)).toBe("sources.7.url");
    expect(fieldKeyForError(null, rows)).toBeNull();
    expect(fieldKeyForError("", rows)).toBeNull();
    expect(fieldKeyForError("id", rows)).toBeNull();
    expect(fieldKeyForError("event", rows)).toBeNull();
  });
});

describe("fields the form shows beside the basics", () => {
  it("keeps the Chinese title, actors' Chinese names and each source's reported date and archived copy", () => {
    const rich = {
      ...stored,
      title_zh: "习近平同拜登会晤",
      actors: [
        { name: "Joe Biden", side: "us" as const, name_zh: "拜登", pinyin: "Bàidēng" },
        { name: "Xi Jinping", side: "china" as const, name_zh: "习近平", pinyin: "Xí Jìnpíng" },
      ],
      sources: [
        {
          url: "https://www.reuters.com/x",
          title: "Summit",
          publisher: "Reuters",
          reported_date: "2023-11-15",
          reported_place: "Woodside",
          archived_url: "https://web.archive.org/web/2023/https://www.reuters.com/x",
          archived_at: "2023-11-16",
        },
      ],
    };
    const { event } = eventFromForm(formFromEvent(rich));
    expect(event?.title_zh).toBe("习近平同拜登会晤");
    expect(event?.actors).toEqual(rich.actors);
    expect(event?.sources).toEqual(rich.sources);
  });

  it("names a reported date it cannot read", () => {
    const form = filled();
    (form.sources[0] as (typeof form.sources)[0]).reportedDate = "last Tuesday";
    const { event, errors } = eventFromForm(form);
    expect(event).toBeNull();
    expect([...errors.keys()]).toEqual(["sources.0.reportedDate"]);
  });

  it("puts a backend error about a source's archived copy on its input", () => {
    expect(fieldKeyForError("sources[0].archived_url", { actors: [], sources: [2] })).toBe("sources.2.archivedUrl");
    expect(fieldKeyForError("actors[1].name_zh", { actors: [0, 3], sources: [] })).toBe("actors.3.name_zh");
    expect(fieldKeyForError("title_zh", { actors: [], sources: [] })).toBe("title_zh");
  });
});
