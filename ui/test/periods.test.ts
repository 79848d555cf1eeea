// @vitest-environment happy-dom
// The user's periods: drawn as their own band group in their colours, stacked when they
// overlap, toggled and remembered like the shipped eras, opened by a click or a key; and the
// editor's form, which reads dates as people type them.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { cwd } from "node:process";
import { describe, expect, it } from "vitest";
import type { Era, Period } from "../src/api/types";
import { renderEraControls } from "../src/panels/era-controls";
import { formFromPeriod, newPeriodForm, periodFieldOfError, periodFromForm } from "../src/editor/period-form";
import { createMeasurer } from "../src/timeline/measure";
import { DEFAULT_ERA_SETTINGS, EraBands, periodSpans, rowCount, STRIP_HEIGHT, type EraSettings } from "../src/timeline/eras";
import type { Domain } from "../src/timeline/scale";
import type { Tooltip, TooltipContent } from "../src/timeline/tooltip";

const measurer = createMeasurer((text) => text.length * 7);
const day = (iso: string): number => Date.parse(`${iso}T00:00:00Z`);
const shipped = JSON.parse(readFileSync(join(cwd(), "..", "data", "eras.json"), "utf8")) as Era[];

const PERIODS: Period[] = [
  { id: "p-trade", name: "Trade war", start: "2018-07", end: "2020-01", colour: "amber" },
  { id: "p-post", name: "My Beijing posting", start: "2019", colour: "teal", note: "Embassy" },
  { id: "p-old", name: "Détente", start: "1972", end: "1979", colour: "blue" },
];

function draw(periods: Period[], settings: EraSettings = DEFAULT_ERA_SETTINGS, domain: Domain = [day("1969-01-01"), day("2026-01-01")]) {
  const strips = document.createElementNS("http://www.w3.org/2000/svg", "svg");
  const shade = document.createElementNS("http://www.w3.org/2000/svg", "svg");
  const opened: string[] = [];
  const tips: (TooltipContent | null)[] = [];
  const tooltip: Tooltip = { show: (content) => void tips.push(content), hide: () => void tips.push(null) };
  const bands = new EraBands(strips, shade, measurer, () => "en", (period) => opened.push(period.id), tooltip);
  bands.setEras(shipped);
  bands.setPeriods(periods);
  bands.setSettings(settings);
  bands.draw({ domain, width: 2800 });
  return { strips, opened, tips };
}

describe("user periods as spans", () => {
  it("runs a period to the end of its last year or month, and an open one on without end", () => {
    const spans = periodSpans(PERIODS);
    expect(spans.map((s) => s.era.id)).toEqual(["p-old", "p-trade", "p-post"]);
    const detente = spans[0]!;
    expect(detente.end).toBe(day("1980-01-01"));
    expect(spans[1]!.end).toBe(day("2020-02-01"));
    expect(spans[2]!.end).toBe(Number.POSITIVE_INFINITY);
  });

  it("stacks overlapping periods in separate rows and reuses a row once it is free", () => {
    const spans = periodSpans(PERIODS);
    const rows = Object.fromEntries(spans.map((s) => [s.era.id, s.row]));
    expect(rows).toEqual({ "p-old": 0, "p-trade": 0, "p-post": 1 });
    expect(rowCount(spans)).toBe(2);
  });
});

describe("drawing the user's periods", () => {
  it("draws a group of its own under the shipped eras, each period in its colour with its name", () => {
    const { strips } = draw(PERIODS);
    const groups = [...strips.querySelectorAll("g.era-strip")].map((g) => g.getAttribute("data-group"));
    expect(groups).toEqual(["us_administration", "prc_leader", "user_periods"]);
    expect(strips.getAttribute("height")).toBe(String(4 * STRIP_HEIGHT));
    const trade = strips.querySelector<SVGGElement>('g.era[data-period-id="p-trade"]');
    expect(trade?.getAttribute("data-colour")).toBe("amber");
    expect(trade?.querySelector("text")?.textContent).toBe("Trade war");
    expect(trade?.getAttribute("role")).toBe("button");
    expect(trade?.getAttribute("tabindex")).toBe("0");
    const shippedEra = strips.querySelector('g.era-strip[data-group="us_administration"] g.era');
    expect(shippedEra?.hasAttribute("tabindex")).toBe(false);
    // A native tooltip would stay over the dialog the period opens; the shipped era keeps its tip.
    expect(trade?.querySelector("title")?.textContent).toBe("");
    expect(shippedEra?.querySelector("title")?.textContent).not.toBe("");
  });

  it("names a period under the pointer with its dates as the app words them, and goes when the pointer leaves", () => {
    const { strips, tips } = draw(PERIODS);
    const trade = strips.querySelector<SVGGElement>('g.era[data-period-id="p-trade"] rect')!;
    trade.dispatchEvent(new PointerEvent("pointermove", { bubbles: true, clientX: 10, clientY: 10 }));
    expect(tips.at(-1)).toMatchObject({ title: "Trade war", date: "July 2018 – January 2020" });
    const posting = strips.querySelector<SVGGElement>('g.era[data-period-id="p-post"] rect')!;
    posting.dispatchEvent(new PointerEvent("pointermove", { bubbles: true }));
    expect(tips.at(-1)).toMatchObject({ title: "My Beijing posting", date: "From 2019, ongoing", kind: "Embassy" });
    const shippedEra = strips.querySelector('g.era-strip[data-group="us_administration"] g.era rect')!;
    shippedEra.dispatchEvent(new PointerEvent("pointermove", { bubbles: true }));
    expect(tips.at(-1), "a shipped era keeps its own tip").toBeNull();
    strips.dispatchEvent(new PointerEvent("pointerleave"));
    expect(tips.at(-1)).toBeNull();
  });

  it("hides the band when switched off, and draws nothing when there are no periods", () => {
    const off = draw(PERIODS, { ...DEFAULT_ERA_SETTINGS, strips: { ...DEFAULT_ERA_SETTINGS.strips, user_periods: false } });
    expect(off.strips.querySelectorAll('g.era-strip[data-group="user_periods"]')).toHaveLength(0);
    expect(off.strips.getAttribute("height")).toBe(String(2 * STRIP_HEIGHT));
    const none = draw([]);
    expect(none.strips.querySelectorAll('g.era-strip[data-group="user_periods"]')).toHaveLength(0);
  });

  it("opens the period's editor on a click or on Enter", () => {
    const { strips, opened } = draw(PERIODS);
    const trade = strips.querySelector<SVGGElement>('g.era[data-period-id="p-trade"]')!;
    trade.querySelector("rect")!.dispatchEvent(new MouseEvent("click", { bubbles: true }));
    trade.dispatchEvent(new KeyboardEvent("keydown", { key: "Enter", bubbles: true }));
    strips.querySelector('g.era-strip[data-group="us_administration"] g.era rect')!.dispatchEvent(new MouseEvent("click", { bubbles: true }));
    expect(opened).toEqual(["p-trade", "p-trade"]);
  });
});

describe("the period toggle and Add period in the legend", () => {
  it("remembers the toggle across a restart and offers Add period", () => {
    const items = new Map<string, string>();
    const store = { getItem: (key: string) => items.get(key) ?? null, setItem: (key: string, value: string) => void items.set(key, value) };
    const applied: EraSettings[] = [];
    let added = 0;
    const root = document.createElement("div");
    renderEraControls(root, store, (s) => applied.push(s), () => (added += 1));
    const box = root.querySelector<HTMLInputElement>('[data-testid="era-strip-user_periods"]')!;
    expect(box.checked).toBe(true);
    box.checked = false;
    box.dispatchEvent(new Event("change"));
    expect(applied.at(-1)?.strips.user_periods).toBe(false);
    root.querySelector<HTMLButtonElement>('[data-testid="add-period"]')!.click();
    expect(added).toBe(1);

    const restarted = document.createElement("div");
    renderEraControls(restarted, store, () => {});
    expect(restarted.querySelector<HTMLInputElement>('[data-testid="era-strip-user_periods"]')?.checked).toBe(false);
    expect(restarted.querySelector('[data-testid="add-period"]'), "no button without an editor").toBeNull();
  });
});

describe("the period form", () => {
  it("keeps the precision typed and leaves an empty end open", () => {
    const result = periodFromForm({ ...newPeriodForm(), name: " Détente ", start: "1972", end: "Feb 1979", note: "  " });
    expect(result.period).toEqual({ id: "", name: "Détente", start: "1972", end: "1979-02", colour: "teal" });
    const open = periodFromForm({ ...newPeriodForm(), name: "Now", start: "21 Feb 1972" });
    expect(open.period?.start).toBe("1972-02-21");
    expect(open.period && "end" in open.period).toBe(false);
  });

  it("names each field at fault: no name, an unreadable date, an end before the start", () => {
    expect(periodFromForm({ ...newPeriodForm(), name: "", start: "1972" }).errors?.name).toBeTruthy();
    expect(periodFromForm({ ...newPeriodForm(), name: "x", start: "30 Feb 1972" }).errors?.start).toContain("29 days");
    expect(periodFromForm({ ...newPeriodForm(), name: "x", start: "1975", end: "1974" }).errors?.end).toContain("before the start");
    expect(periodFromForm({ ...newPeriodForm(), name: "x", start: "1974", end: "1974" }).errors).toBeNull();
  });

  it("shows a stored period's dates in words that read back the same", () => {
    const form = formFromPeriod(PERIODS[0]!);
    expect(form.start).toBe("July 2018");
    expect(periodFromForm(form).period).toEqual({ ...PERIODS[0] });
  });

  it("maps the backend's field names, in a file's too, to the form's fields", () => {
    expect(periodFieldOfError("end")).toBe("end");
    expect(periodFieldOfError("periods[2].colour")).toBe("colour");
    expect(periodFieldOfError("id")).toBeNull();
  });
});
