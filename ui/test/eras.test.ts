// @vitest-environment happy-dom
// Era bands: which eras a view shows, how they are clipped to it, which label fits, the
// remembered settings, and that the shipped file draws as the user expects.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { cwd } from "node:process";
import { describe, expect, it } from "vitest";
import type { Era } from "../src/api/types";
import { renderEraControls } from "../src/panels/era-controls";
import { createMeasurer } from "../src/timeline/measure";
import {
  DEFAULT_ERA_SETTINGS,
  EraBands,
  eraSpans,
  fittingLabel,
  labelCandidates,
  layoutBands,
  LABEL_PAD,
  parseEraSettings,
  STRIP_HEIGHT,
  visibleSpans,
} from "../src/timeline/eras";
import type { Domain } from "../src/timeline/scale";

/** Every character 7 px wide: widths are easy to reason about. */
const measurer = createMeasurer((text) => text.length * 7);

function era(id: string, start: string, end: string | undefined, name: string, short?: string): Era {
  return {
    id,
    group: id.startsWith("prc") ? "prc_leader" : "us_administration",
    name,
    ...(short ? { short_name: short } : {}),
    name_zh: `${name}中文`,
    start,
    ...(end ? { end } : {}),
    sources: [{ url: "https://example.org", title: "t", publisher: "p" }],
  };
}

const ERAS: Era[] = [
  era("us-1981-reagan", "1981-01-20", "1989-01-20", "Ronald Reagan", "Reagan"),
  era("us-1969-nixon", "1969-01-20", "1974-08-09", "Richard Nixon", "Nixon"),
  era("us-1974-ford", "1974-08-09", "1977-01-20", "Gerald Ford", "Ford"),
  era("us-1977-carter", "1977-01-20", "1981-01-20", "Jimmy Carter", "Carter"),
  era("prc-2012-xi", "2012-11-15", undefined, "Xi Jinping", "Xi"),
];

const day = (text: string): number => Date.parse(`${text}T00:00:00Z`);

describe("era spans", () => {
  it("keeps one group, oldest first, numbering them for the alternating tones", () => {
    const spans = eraSpans(ERAS, "us_administration");
    expect(spans.map((s) => s.era.id)).toEqual(["us-1969-nixon", "us-1974-ford", "us-1977-carter", "us-1981-reagan"]);
    expect(spans.map((s) => s.order)).toEqual([0, 1, 2, 3]);
  });

  it("ends an era where the next one starts, so adjacent eras meet without a gap", () => {
    const [nixon, ford] = eraSpans(ERAS, "us_administration");
    expect(nixon?.end).toBe(day("1974-08-09"));
    expect(ford?.start).toBe(day("1974-08-09"));
  });

  it("runs the current era on without end", () => {
    const [xi] = eraSpans(ERAS, "prc_leader");
    expect(xi?.end).toBe(Number.POSITIVE_INFINITY);
    expect(visibleSpans(eraSpans(ERAS, "prc_leader"), [day("2090-01-01"), day("2091-01-01")])).toHaveLength(1);
  });

  it("leaves out an era whose dates cannot be read instead of drawing it anywhere", () => {
    const broken = era("us-bad", "not a date", undefined, "Broken");
    expect(eraSpans([broken, ...ERAS], "us_administration").map((s) => s.era.id)).not.toContain("us-bad");
  });
});

describe("which eras a view shows", () => {
  const spans = eraSpans(ERAS, "us_administration");

  it("shows the eras overlapping the range and no others", () => {
    const ids = visibleSpans(spans, [day("1975-01-01"), day("1978-01-01")]).map((s) => s.era.id);
    expect(ids).toEqual(["us-1974-ford", "us-1977-carter"]);
  });

  it("does not show an era that ends exactly where the view begins", () => {
    const ids = visibleSpans(spans, [day("1974-08-09"), day("1975-01-01")]).map((s) => s.era.id);
    expect(ids).toEqual(["us-1974-ford"]);
  });

  it("shows nothing before the first era", () => {
    expect(visibleSpans(spans, [day("1950-01-01"), day("1960-01-01")])).toEqual([]);
  });
});

describe("band layout", () => {
  const spans = eraSpans(ERAS, "us_administration");
  // 1000 px over 1970–1990: 50 px a year.
  const domain: Domain = [day("1970-01-01"), day("1990-01-01")];

  it("clips an era that began before the view to its left edge and keeps its label in view", () => {
    const [nixon] = layoutBands(spans, domain, 1000, measurer, "en");
    expect(nixon?.span.era.id).toBe("us-1969-nixon");
    expect(nixon?.x0).toBe(0);
    expect(nixon?.labelX).toBe(LABEL_PAD);
    expect(nixon?.x1).toBeCloseTo(230, 0);
  });

  it("clips an era that runs past the view to its right edge", () => {
    const bands = layoutBands(spans, [day("1985-01-01"), day("1995-01-01")], 500, measurer, "en");
    const reagan = bands.find((b) => b.span.era.id === "us-1981-reagan");
    expect(reagan?.x0).toBe(0);
    expect(reagan?.x1).toBeCloseTo(202.6, 0);
    const xi = layoutBands(eraSpans(ERAS, "prc_leader"), [day("2020-01-01"), day("2030-01-01")], 500, measurer, "en");
    expect(xi[0]?.x1).toBe(500);
  });

  it("gives adjacent eras the same edge", () => {
    const bands = layoutBands(spans, domain, 1000, measurer, "en");
    for (let i = 1; i < bands.length; i += 1) {
      expect(bands[i]?.x0).toBe(bands[i - 1]?.x1);
    }
  });

  it("writes the full name when it fits, the short one when only that fits, and nothing when neither does", () => {
    const labels = Object.fromEntries(layoutBands(spans, domain, 1000, measurer, "en").map((b) => [b.span.era.id, b.label]));
    // Reagan: 8 years = 400 px, "Ronald Reagan" = 91 px.
    expect(labels["us-1981-reagan"]).toBe("Ronald Reagan");
    // Ford: 2.45 years ≈ 122 px minus padding fits "Gerald Ford" (77 px).
    expect(labels["us-1974-ford"]).toBe("Gerald Ford");
    const narrow = Object.fromEntries(layoutBands(spans, domain, 250, measurer, "en").map((b) => [b.span.era.id, b.label]));
    // At 12.5 px a year Carter has 50 px, 40 after padding: even "Carter" (42 px) does not fit, and nothing is cut.
    expect(narrow["us-1977-carter"]).toBeNull();
    // Reagan has 100 px less padding: "Ronald Reagan" (91 px) does not fit, "Reagan" does.
    expect(narrow["us-1981-reagan"]).toBe("Reagan");
  });

  it("never returns a label wider than its room", () => {
    expect(fittingLabel(["Richard Nixon", "Nixon"], 34, measurer)).toBeNull();
    expect(fittingLabel(["Richard Nixon", "Nixon"], 35, measurer)).toBe("Nixon");
  });

  it("names eras in the language the titles use", () => {
    const nixon = ERAS[1] as Era;
    expect(labelCandidates(nixon, "en")).toEqual(["Richard Nixon", "Nixon"]);
    expect(labelCandidates(nixon, "zh")).toEqual(["Richard Nixon中文"]);
    expect(labelCandidates(nixon, "both")[0]).toBe("Richard Nixon · Richard Nixon中文");
  });
});

describe("remembered settings", () => {
  it("falls back to the default for nothing stored or a damaged value", () => {
    expect(parseEraSettings(null)).toEqual(DEFAULT_ERA_SETTINGS);
    expect(parseEraSettings("{not json")).toEqual(DEFAULT_ERA_SETTINGS);
    expect(parseEraSettings(JSON.stringify({ shade: "martian" })).shade).toBe(DEFAULT_ERA_SETTINGS.shade);
  });

  it("keeps what the user chose", () => {
    const chosen = { strips: { us_administration: false, prc_leader: true, user_periods: false }, shade: "prc_leader" };
    expect(parseEraSettings(JSON.stringify(chosen))).toEqual(chosen);
    expect(parseEraSettings(JSON.stringify({ ...chosen, shade: "none" })).shade).toBe("none");
  });
});

describe("drawing the shipped eras", () => {
  const shipped = JSON.parse(readFileSync(join(cwd(), "..", "data", "eras.json"), "utf8")) as Era[];

  function draw(settings = DEFAULT_ERA_SETTINGS, domain: Domain = [day("1969-01-01"), day("2026-01-01")]) {
    const strips = document.createElementNS("http://www.w3.org/2000/svg", "svg");
    const shade = document.createElementNS("http://www.w3.org/2000/svg", "svg");
    const bands = new EraBands(strips, shade, measurer, () => "en");
    bands.setEras(shipped);
    bands.setSettings(settings);
    bands.draw({ domain, width: 2800 });
    return { strips, shade };
  }

  it("draws one strip per group, each era once, with its name as text", () => {
    const { strips } = draw();
    expect(strips.getAttribute("height")).toBe(String(2 * STRIP_HEIGHT));
    const us = strips.querySelectorAll('g.era-strip[data-group="us_administration"] g.era');
    const prc = strips.querySelectorAll('g.era-strip[data-group="prc_leader"] g.era');
    expect(us).toHaveLength(11);
    expect(prc).toHaveLength(6);
    const texts = [...strips.querySelectorAll("g.era text")].map((t) => t.textContent);
    expect(texts).toContain("Jimmy Carter");
    expect(texts).toContain("Deng Xiaoping");
    expect(strips.getAttribute("aria-label")).toContain("Richard Nixon, 1969-01-20 to 1974-08-09");
  });

  it("drops a group's strip when it is switched off, and shades every other era of the chosen group", () => {
    const { strips, shade } = draw({ strips: { us_administration: false, prc_leader: true, user_periods: true }, shade: "us_administration" });
    expect(strips.getAttribute("height")).toBe(String(STRIP_HEIGHT));
    expect(strips.querySelectorAll('g.era-strip[data-group="us_administration"]')).toHaveLength(0);
    expect(shade.querySelectorAll("rect.era-shade")).toHaveLength(5);
    expect(shade.dataset.group).toBe("us_administration");
  });

  it("shades nothing when shading is off", () => {
    const { shade } = draw({ ...DEFAULT_ERA_SETTINGS, shade: "none" });
    expect(shade.querySelectorAll("rect.era-shade")).toHaveLength(0);
  });
});

describe("era controls in the legend", () => {
  function memoryStore() {
    const items = new Map<string, string>();
    return { getItem: (key: string) => items.get(key) ?? null, setItem: (key: string, value: string) => void items.set(key, value) };
  }

  it("applies a toggle at once and restores it after a restart", () => {
    const store = memoryStore();
    const applied: unknown[] = [];
    const first = document.createElement("div");
    renderEraControls(first, store, (settings) => applied.push(settings));
    const prc = first.querySelector<HTMLInputElement>('[data-testid="era-strip-prc_leader"]');
    expect(prc?.checked).toBe(true);
    prc!.checked = false;
    prc!.dispatchEvent(new Event("change"));
    const shade = first.querySelector<HTMLSelectElement>('[data-testid="era-shade"]')!;
    shade.value = "prc_leader";
    shade.dispatchEvent(new Event("change"));
    expect(applied.at(-1)).toEqual({ strips: { us_administration: true, prc_leader: false, user_periods: true }, shade: "prc_leader" });

    const restarted = document.createElement("div");
    let restored: unknown = null;
    renderEraControls(restarted, store, (settings) => (restored = settings));
    expect(restored).toEqual({ strips: { us_administration: true, prc_leader: false, user_periods: true }, shade: "prc_leader" });
    expect(restarted.querySelector<HTMLInputElement>('[data-testid="era-strip-prc_leader"]')?.checked).toBe(false);
    expect(restarted.querySelector<HTMLSelectElement>('[data-testid="era-shade"]')?.value).toBe("prc_leader");
  });
});
