// Eras behind the lanes: a thin labelled strip per shown group (US administrations, PRC
// leaders, and the user's own periods in their colours) under the density strip, and faint
// alternating shading of the plot for one shipped group.
// The layout maths are pure (tested in test/eras.test.ts); drawing writes two SVGs with
// d3-selection, text through .text() only.
import { select } from "d3-selection";
import type { Colour, Era, EraGroup, Period } from "../api/types";
import { formatDateRange, formatPartialDate } from "../format/date";
import { partialDateSpan } from "../format/partial-date";
import type { TitleLanguage } from "../format/title-language";
import type { Domain } from "./scale";
import type { TextMeasurer } from "./measure";
import type { Tooltip, TooltipContent } from "./tooltip";

export const ERA_GROUPS: readonly { group: EraGroup; label: string }[] = [
  { group: "us_administration", label: "US administrations" },
  { group: "prc_leader", label: "PRC leaders" },
];

/** The user's periods: a band group of their own, drawn under the shipped ones. */
export const USER_PERIODS = "user_periods";
/** Every group that can have a strip: the shipped ones, then the user's. */
export type BandGroup = EraGroup | typeof USER_PERIODS;
export const BAND_GROUPS: readonly { group: BandGroup; label: string }[] = [
  ...ERA_GROUPS,
  { group: USER_PERIODS, label: "Your periods" },
];

/** What a band draws: a shipped era, or a user period seen through the same fields. */
export type BandEra = Pick<Era, "id" | "name" | "short_name" | "name_zh" | "start" | "end"> & {
  /** Set for a user period: its colour, and what the editor opens. */
  period?: Period;
};

/** Height of one group's strip, in pixels. */
export const STRIP_HEIGHT = 18;
/** Room left on either side of a label inside its era. */
export const LABEL_PAD = 5;

/** An era on the time axis: from the start of its first day to the start of its end day. */
export interface EraSpan {
  era: BandEra;
  start: number;
  /** Infinity while the era lasts. */
  end: number;
  /** Its place within its group, oldest first: alternation follows it, so panning never swaps tones. */
  order: number;
  /** The row within its group's strip: user periods may overlap, and overlapping ones stack. */
  row?: number;
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

/**
 * The user's periods as spans, oldest first. A period's end is inclusive at its precision
 * ("1974" runs to the end of 1974), unlike an era's. Overlapping periods get separate rows,
 * each in the first row free at its start.
 */
export function periodSpans(periods: readonly Period[]): EraSpan[] {
  const spans: Omit<EraSpan, "order" | "row">[] = [];
  for (const period of periods) {
    const start = partialDateSpan(period.start);
    const end = period.end === undefined ? null : partialDateSpan(period.end);
    if (!start || (period.end !== undefined && !end)) continue;
    const era: BandEra = { id: period.id, name: period.name, name_zh: period.name, start: period.start, period };
    if (period.end !== undefined) era.end = period.end;
    spans.push({ era, start: start.start, end: end ? end.end : Number.POSITIVE_INFINITY });
  }
  spans.sort((a, b) => a.start - b.start || a.end - b.end);
  const rowEnds: number[] = [];
  return spans.map((span, order) => {
    let row = rowEnds.findIndex((end) => end <= span.start);
    if (row < 0) row = rowEnds.length;
    rowEnds[row] = span.end;
    return { ...span, order, row };
  });
}

/** How many rows a group's spans need (one for the shipped eras, which never overlap). */
export function rowCount(spans: readonly EraSpan[]): number {
  return spans.reduce((rows, span) => Math.max(rows, (span.row ?? 0) + 1), spans.length > 0 ? 1 : 0);
}

/** The spans that overlap the visible range. */
export function visibleSpans(spans: readonly EraSpan[], domain: Domain): EraSpan[] {
  const [d0, d1] = domain;
  return spans.filter((span) => span.end > d0 && span.start < d1);
}

/** The names to try, longest first, in the language the titles use. */
export function labelCandidates(era: BandEra, language: TitleLanguage): string[] {
  const short = era.short_name?.trim();
  // A user period has one name, whatever the titles' language.
  if (era.period) return [era.name];
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
  strips: Record<BandGroup, boolean>;
  shade: EraGroup | "none";
}

export const DEFAULT_ERA_SETTINGS: EraSettings = {
  strips: { us_administration: true, prc_leader: true, user_periods: true },
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
  const flag = (group: BandGroup): boolean =>
    typeof strips[group] === "boolean" ? (strips[group] as boolean) : DEFAULT_ERA_SETTINGS.strips[group];
  const shade = ERA_GROUPS.some((g) => g.group === stored.shade) || stored.shade === "none"
    ? (stored.shade as EraGroup | "none")
    : DEFAULT_ERA_SETTINGS.shade;
  return {
    strips: { us_administration: flag("us_administration"), prc_leader: flag("prc_leader"), user_periods: flag(USER_PERIODS) },
    shade,
  };
}

/** The view the bands are drawn for: what the timeline's chrome was just drawn with. */
export interface EraView {
  domain: Domain;
  width: number;
}

function dayRange(span: EraSpan): string {
  const end = span.era.end ?? "";
  if (span.era.period) return end === "" ? `from ${span.era.start}, ongoing` : `${span.era.start} to ${end}`;
  return end === "" ? `from ${span.era.start}` : `${span.era.start} to ${end}`;
}

/** What the tooltip says of a user period: its name, its dates as the app words them, its note. */
export function periodTip(period: Period): TooltipContent {
  const dates = period.end ? formatDateRange(period.start, period.end) : `From ${formatPartialDate(period.start)}, ongoing`;
  return {
    title: period.name,
    date: dates,
    kind: period.note ? period.note : "Your period · click to edit",
    kindClass: "",
  };
}

/** The tooltip of a band: a shipped era with its Chinese name, a user period with its note. */
function bandTitle(span: EraSpan): string {
  const period = span.era.period;
  if (!period) return `${span.era.name} (${span.era.name_zh}), ${dayRange(span)}`;
  const note = period.note ? `\n${period.note}` : "";
  return `${period.name}, ${dayRange(span)}${note}\nClick to edit.`;
}

/** The palette name a user period is drawn in (styles map it to a light and a dark shade). */
export function bandColour(span: EraSpan): Colour | null {
  return span.era.period?.colour ?? null;
}

/**
 * Draws the strips (into `strips`, sized to the groups shown) and the shading (into `shade`,
 * behind the lanes). Keeps the eras and settings; draw() is called with each new view.
 */
export class EraBands {
  private spans = new Map<BandGroup, EraSpan[]>();
  private settings: EraSettings = DEFAULT_ERA_SETTINGS;
  private view: EraView | null = null;

  constructor(
    private readonly strips: SVGSVGElement,
    private readonly shade: SVGSVGElement,
    private readonly measurer: TextMeasurer,
    private readonly language: () => TitleLanguage,
    /** A user period's band was clicked or activated with Enter or Space. */
    private readonly activate: (period: Period) => void = () => {},
    /**
     * Names a user period under the pointer. Its band opens a dialog, and WebKitGTK's native
     * tooltip (an SVG `<title>`) would stay over that dialog; this one goes when it opens.
     */
    tooltip: Tooltip | null = null,
  ) {
    const periodAt = (event: Event): EraSpan | undefined => {
      const target = event.target instanceof Element ? event.target.closest<SVGGElement>("g.era[data-period-id]") : null;
      const id = target?.dataset.periodId;
      return id ? this.spans.get(USER_PERIODS)?.find((s) => s.era.id === id) : undefined;
    };
    if (tooltip) {
      strips.addEventListener("pointermove", (event) => {
        const span = periodAt(event);
        if (!span?.era.period) {
          tooltip.hide();
          return;
        }
        tooltip.show(periodTip(span.era.period), { x: event.clientX, y: event.clientY });
      });
      strips.addEventListener("pointerleave", () => tooltip.hide());
      strips.addEventListener("pointerdown", () => tooltip.hide());
    }
    const open = (event: Event): void => {
      const span = periodAt(event);
      if (!span?.era.period) return;
      event.preventDefault();
      this.activate(span.era.period);
    };
    strips.addEventListener("click", open);
    // Under WebKitGTK a real click on a band never arrives as "click" (the timeline's pan
    // gesture takes the press), so a press and release on the same band without a drag opens
    // it too; a second open while the dialog is up is ignored.
    let pressed: { id: string; x: number } | null = null;
    strips.addEventListener("pointerdown", (event) => {
      const target = event.target instanceof Element ? event.target.closest<SVGGElement>("g.era[data-period-id]") : null;
      pressed = target?.dataset.periodId && event.button === 0 ? { id: target.dataset.periodId, x: event.clientX } : null;
    });
    strips.addEventListener("pointerup", (event) => {
      const target = event.target instanceof Element ? event.target.closest<SVGGElement>("g.era[data-period-id]") : null;
      const press = pressed;
      pressed = null;
      if (press && target?.dataset.periodId === press.id && Math.abs(event.clientX - press.x) < 4) open(event);
    });
    strips.addEventListener("keydown", (event) => {
      if (event.key === "Enter" || event.key === " ") open(event);
    });
  }

  setEras(eras: readonly Era[]): void {
    const periods = this.spans.get(USER_PERIODS) ?? [];
    this.spans = new Map<BandGroup, EraSpan[]>(ERA_GROUPS.map(({ group }) => [group, eraSpans(eras, group)]));
    this.spans.set(USER_PERIODS, periods);
    this.redraw();
  }

  setPeriods(periods: readonly Period[]): void {
    this.spans.set(USER_PERIODS, periodSpans(periods));
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
    const shown = BAND_GROUPS.filter(({ group }) => this.settings.strips[group] && (this.spans.get(group)?.length ?? 0) > 0).map(
      (entry) => ({ ...entry, rows: rowCount(this.spans.get(entry.group) ?? []) }),
    );
    const tops: number[] = [];
    let height = 0;
    for (const group of shown) {
      tops.push(height);
      height += group.rows * STRIP_HEIGHT;
    }
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
      .attr("transform", (_, i) => `translate(0,${tops[i] ?? 0})`);
    rows
      .select("rect.era-strip-bg")
      .attr("width", view.width)
      .attr("height", (d) => d.rows * STRIP_HEIGHT);
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
        .attr("data-tone", (d) => String(d.span.order % 2))
        .attr("data-period-id", (d) => (d.span.era.period ? d.span.era.id : null))
        .attr("data-colour", (d) => bandColour(d.span))
        // A user period opens its editor: reachable by Tab, named for what it does.
        .attr("tabindex", (d) => (d.span.era.period ? "0" : null))
        .attr("role", (d) => (d.span.era.period ? "button" : null))
        .attr("aria-label", (d) => (d.span.era.period ? `Edit period ${d.span.era.name}, ${dayRange(d.span)}` : null))
        .attr("transform", (d) => `translate(0,${(d.span.row ?? 0) * STRIP_HEIGHT})`);
      // A user period's strip opens a dialog, and WebKitGTK's native tooltip would stay over it:
      // its aria-label names it instead.
      era.select("title").text((d) => (d.span.era.period ? "" : bandTitle(d.span)));
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
