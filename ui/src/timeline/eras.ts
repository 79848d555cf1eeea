// Eras behind the lanes: a thin labelled strip per shown group (US administrations, PRC
// leaders) under the density strip, and faint alternating shading of the plot for one group.
// The layout maths are pure (tested in test/eras.test.ts); drawing writes two SVGs with
// d3-selection, text through .text() only.
import { select } from "d3-selection";
import type { Era, EraGroup } from "../api/types";
import { partialDateSpan } from "../format/partial-date";
import type { TitleLanguage } from "../format/title-language";
import type { Domain } from "./scale";
import type { TextMeasurer } from "./measure";

export const ERA_GROUPS: readonly { group: EraGroup; label: string }[] = [
  { group: "us_administration", label: "US administrations" },
  { group: "prc_leader", label: "PRC leaders" },
];

/** Height of one group's strip, in pixels. */
export const STRIP_HEIGHT = 18;
/** Room left on either side of a label inside its era. */
export const LABEL_PAD = 5;

/** An era on the time axis: from the start of its first day to the start of its end day. */
export interface EraSpan {
  era: Era;
  start: number;
  /** Infinity while the era lasts. */
  end: number;
  /** Its place within its group, oldest first: alternation follows it, so panning never swaps tones. */
  order: number;
}

/** An era as drawn: clipped to the view, with the label that fits (or none). */
export interface EraBand {
  span: EraSpan;
  /** Left and right edges in the view, clipped to [0, width]. */
  x0: number;
  x1: number;
  label: string | null;
  /** Left of the label: inside the visible part, so a clipped era keeps its name in view. */
  labelX: number;
}

/** The eras of a group as time spans, oldest first; eras with unreadable dates are left out. */
export function eraSpans(eras: readonly Era[], group: EraGroup): EraSpan[] {
  const spans: Omit<EraSpan, "order">[] = [];
  for (const era of eras) {
    if (era.group !== group) continue;
    const start = partialDateSpan(era.start);
    const end = era.end === undefined ? null : partialDateSpan(era.end);
    if (!start || (era.end !== undefined && !end)) continue;
    spans.push({ era, start: start.start, end: end ? end.start : Number.POSITIVE_INFINITY });
  }
  spans.sort((a, b) => a.start - b.start);
  return spans.map((span, order) => ({ ...span, order }));
}

/** The spans that overlap the visible range. */
export function visibleSpans(spans: readonly EraSpan[], domain: Domain): EraSpan[] {
  const [d0, d1] = domain;
  return spans.filter((span) => span.end > d0 && span.start < d1);
}

/** The names to try, longest first, in the language the titles use. */
export function labelCandidates(era: Era, language: TitleLanguage): string[] {
  const short = era.short_name?.trim();
  if (language === "zh") return [era.name_zh];
  const english = short && short !== era.name ? [era.name, short] : [era.name];
  return language === "both" ? [`${era.name} · ${era.name_zh}`, ...english] : english;
}

/** The first candidate that fits in `room` pixels, or null: a name is never cut. */
export function fittingLabel(candidates: readonly string[], room: number, measurer: TextMeasurer): string | null {
  for (const text of candidates) {
    if (measurer.width(text) <= room) return text;
  }
  return null;
}

/** Lays out a group's eras for the view: clipped edges, and the label each one has room for. */
export function layoutBands(
  spans: readonly EraSpan[],
  domain: Domain,
  width: number,
  measurer: TextMeasurer,
  language: TitleLanguage,
): EraBand[] {
  const [d0, d1] = domain;
  const perMs = width / (d1 - d0);
  const x = (time: number): number => (time - d0) * perMs;
  return visibleSpans(spans, domain).map((span) => {
    const x0 = Math.max(0, x(span.start));
    const x1 = Math.min(width, x(span.end));
    const label = fittingLabel(labelCandidates(span.era, language), x1 - x0 - 2 * LABEL_PAD, measurer);
    return { span, x0, x1, label, labelX: x0 + LABEL_PAD };
  });
}

/** Which groups show a strip, and which one shades the plot. */
export interface EraSettings {
  strips: Record<EraGroup, boolean>;
  shade: EraGroup | "none";
}

export const DEFAULT_ERA_SETTINGS: EraSettings = {
  strips: { us_administration: true, prc_leader: true },
  shade: "us_administration",
};

export const ERA_SETTINGS_STORAGE_KEY = "bilateral.eras.v1";

/** Reads stored settings; anything missing or unknown falls back to the default. */
export function parseEraSettings(text: string | null | undefined): EraSettings {
  let raw: unknown = null;
  try {
    raw = text ? JSON.parse(text) : null;
  } catch {
    raw = null;
  }
  const stored = (typeof raw === "object" && raw !== null ? raw : {}) as Partial<Record<string, unknown>>;
  const strips = (typeof stored.strips === "object" && stored.strips !== null ? stored.strips : {}) as Record<string, unknown>;
  const flag = (group: EraGroup): boolean =>
    typeof strips[group] === "boolean" ? (strips[group] as boolean) : DEFAULT_ERA_SETTINGS.strips[group];
  const shade = ERA_GROUPS.some((g) => g.group === stored.shade) || stored.shade === "none"
    ? (stored.shade as EraGroup | "none")
    : DEFAULT_ERA_SETTINGS.shade;
  return { strips: { us_administration: flag("us_administration"), prc_leader: flag("prc_leader") }, shade };
}

/** The view the bands are drawn for: what the timeline's chrome was just drawn with. */
export interface EraView {
  domain: Domain;
  width: number;
}

function dayRange(span: EraSpan): string {
  const end = span.era.end ?? "";
  return end === "" ? `from ${span.era.start}` : `${span.era.start} to ${end}`;
}

/**
 * Draws the strips (into `strips`, sized to the groups shown) and the shading (into `shade`,
 * behind the lanes). Keeps the eras and settings; draw() is called with each new view.
 */
export class EraBands {
  private spans = new Map<EraGroup, EraSpan[]>();
  private settings: EraSettings = DEFAULT_ERA_SETTINGS;
  private view: EraView | null = null;

  constructor(
    private readonly strips: SVGSVGElement,
    private readonly shade: SVGSVGElement,
    private readonly measurer: TextMeasurer,
    private readonly language: () => TitleLanguage,
  ) {}

  setEras(eras: readonly Era[]): void {
    this.spans = new Map(ERA_GROUPS.map(({ group }) => [group, eraSpans(eras, group)]));
    this.redraw();
  }

  setSettings(settings: EraSettings): void {
    this.settings = settings;
    this.redraw();
  }

  draw(view: EraView): void {
    this.view = view;
    this.redraw();
  }

  private redraw(): void {
    const view = this.view;
    if (!view || view.width <= 0) return;
    const shown = ERA_GROUPS.filter(({ group }) => this.settings.strips[group] && (this.spans.get(group)?.length ?? 0) > 0);
    const height = shown.length * STRIP_HEIGHT;
    this.strips.setAttribute("width", String(view.width));
    this.strips.setAttribute("height", String(height));
    this.strips.style.height = `${height}px`;
    const labels: string[] = [];
    const rows = select(this.strips)
      .selectAll<SVGGElement, (typeof shown)[number]>("g.era-strip")
      .data(shown, (d) => d.group)
      .join((enter) => {
        const g = enter.append("g").attr("class", "era-strip");
        g.append("rect").attr("class", "era-strip-bg");
        return g;
      })
      .attr("data-group", (d) => d.group)
      .attr("transform", (_, i) => `translate(0,${i * STRIP_HEIGHT})`);
    rows.select("rect.era-strip-bg").attr("width", view.width).attr("height", STRIP_HEIGHT);
    rows.each((row, index, nodes) => {
      const bands = layoutBands(this.spans.get(row.group) ?? [], view.domain, view.width, this.measurer, this.language());
      const g = select(nodes[index] as SVGGElement);
      const era = g
        .selectAll<SVGGElement, EraBand>("g.era")
        .data(bands, (d) => d.span.era.id)
        .join((enter) => {
          const e = enter.append("g").attr("class", "era");
          e.append("title");
          e.append("rect");
          e.append("text");
          return e;
        })
        .attr("data-era-id", (d) => d.span.era.id)
        .attr("data-tone", (d) => String(d.span.order % 2));
      era.select("title").text((d) => `${d.span.era.name} (${d.span.era.name_zh}), ${dayRange(d.span)}`);
      era
        .select("rect")
        .attr("x", (d) => d.x0)
        .attr("width", (d) => Math.max(0, d.x1 - d.x0))
        .attr("height", STRIP_HEIGHT);
      era
        .select("text")
        .attr("x", (d) => d.labelX)
        .attr("y", STRIP_HEIGHT / 2)
        .text((d) => d.label ?? "");
      for (const band of bands) labels.push(`${band.span.era.name}, ${dayRange(band.span)}`);
    });
    this.strips.setAttribute("aria-label", labels.length > 0 ? `Eras in view: ${labels.join("; ")}` : "Eras");

    const shaded = this.settings.shade === "none" ? [] : layoutBands(this.spans.get(this.settings.shade) ?? [], view.domain, view.width, this.measurer, "en");
    this.shade.setAttribute("width", String(view.width));
    this.shade.dataset.group = this.settings.shade;
    select(this.shade)
      .selectAll<SVGRectElement, EraBand>("rect.era-shade")
      .data(shaded.filter((band) => band.span.order % 2 === 1), (d) => d.span.era.id)
      .join("rect")
      .attr("class", "era-shade")
      .attr("x", (d) => d.x0)
      .attr("y", 0)
      .attr("width", (d) => Math.max(0, d.x1 - d.x0))
      .attr("height", "100%");
  }
}
