// Draws the timeline's SVG layers with d3-selection: the time axis, grid lines, the "Today"
// marker and the band stripes; and what the labelled events (labels.ts) and the tooltip say of
// an event. All text goes in through .text(), never as HTML.
import type { Selection } from "d3-selection";
import { kindClass, kindLabel } from "../format/labels";
import type { AxisTicks } from "./axis";
import type { TimelineItem } from "./items";
import type { TextMeasurer } from "./measure";
import { LANE_HEIGHT } from "./marks";
import type { PlacedItem } from "./placement";
import { displayTitle } from "../format/title-language";

/** A placed item at its final height: in its band's lanes. One event may be drawn in several bands. */
export interface DrawnItem extends PlacedItem {
  /** Unique per drawing: band key and event id. */
  key: string;
  /** Top of its lane row, in the lanes SVG. */
  y: number;
  band: string;
}

/** True for events the user created or changed; they carry a small marker. */
export function isUserTouched(event: { origin: string; edited: boolean }): boolean {
  return event.origin === "user" || event.edited;
}

/** "Added by you", "Edited by you", or null for a shipped event as shipped. */
export function provenanceLabel(event: { origin: string; edited: boolean }): string | null {
  if (event.origin === "user") return "Added by you";
  if (event.edited) return "Edited by you";
  return null;
}

export const LANE_TOP = 10;
export { LANE_HEIGHT };

type GSelection = Selection<SVGGElement, unknown, null, undefined>;

export function laneY(lane: number): number {
  return LANE_TOP + lane * LANE_HEIGHT;
}

export function lanesHeight(laneCount: number): number {
  return LANE_TOP * 2 + laneCount * LANE_HEIGHT;
}

export function ariaLabelFor(item: PlacedItem): string {
  const provenance = provenanceLabel(item.item.event);
  const base = `${displayTitle(item.item.event)}, ${item.item.dateText}`;
  return provenance ? `${base}, ${provenance.toLowerCase()}` : base;
}

/**
 * Sets an attribute only when its value changes. WebKit lays out an <svg>'s text again on every
 * write into it, even of the same value, and that dominates the cost of a frame.
 */
export function setAttr(element: Element, name: string, value: string | null): void {
  if (value === null) {
    if (element.hasAttribute(name)) element.removeAttribute(name);
  } else if (element.getAttribute(name) !== value) {
    element.setAttribute(name, value);
  }
}

function setText(element: Element, text: string): void {
  if (element.textContent !== text) element.textContent = text;
}

/** Pixel positions rounded to a tenth: steadier text, fewer needless writes. */
export function px(value: number): string {
  return String(Math.round(value * 10) / 10);
}

export interface AxisOptions {
  width: number;
  height: number;
  today: number | null;
  measurer: TextMeasurer;
}

const TICK_LABEL_GAP = 4;
const TODAY_LABEL = "Today";

/**
 * The axis row: a tick line at each major and minor time, labels right of the major ticks,
 * and the "Today" pill. A label that would run out of the view or into the pill is left out.
 */
export function renderAxis(
  layer: GSelection,
  ticks: AxisTicks,
  x: (time: number) => number,
  options: AxisOptions,
): void {
  const { width, height, measurer } = options;
  const todayX = options.today === null ? null : x(options.today);
  const todayVisible = todayX !== null && todayX >= 0 && todayX <= width;
  const pillWidth = measurer.width(TODAY_LABEL) + 14;
  const pill = todayVisible ? { left: todayX - pillWidth / 2, right: todayX + pillWidth / 2 } : null;

  const majors = ticks.major
    .map((tick) => ({ ...tick, x: x(tick.time), width: measurer.width(tick.label) }))
    .filter((tick) => tick.x >= 0 && tick.x <= width)
    .map((tick) => {
      const left = tick.x + TICK_LABEL_GAP;
      const right = left + tick.width;
      const hidden = right > width - 2 || (pill !== null && right > pill.left - 4 && left < pill.right + 4);
      return { ...tick, hidden };
    });

  // The period at the left edge, until the first labelled tick comes close enough to name it.
  const contextWidth = measurer.width(ticks.context);
  const firstLabel = majors.find((tick) => !tick.hidden);
  const contextFits =
    (firstLabel === undefined || firstLabel.x > TICK_LABEL_GAP + contextWidth + 16) &&
    (pill === null || pill.left > TICK_LABEL_GAP + contextWidth + 8);
  layer
    .selectAll<SVGTextElement, string>("text.context-label")
    .data(contextFits ? [ticks.context] : [])
    .join("text")
    .attr("class", "context-label")
    .attr("x", TICK_LABEL_GAP)
    .attr("y", height - 18)
    .attr("dy", "0.35em")
    .each(function (label) {
      setText(this, label);
    });

  // Written only where a value changed: WebKit measures an SVG text again at every write.
  layer
    .selectAll<SVGGElement, (typeof majors)[number]>("g.tick")
    .data(majors, (d) => String(d.time))
    .join((enter) => {
      const g = enter.append("g").attr("class", "tick");
      g.append("line");
      g.append("text").attr("dy", "0.35em").attr("x", TICK_LABEL_GAP);
      return g;
    })
    .each(function (d) {
      setAttr(this, "transform", `translate(${px(d.x)},0)`);
      const line = this.firstElementChild;
      if (line) {
        setAttr(line, "y1", String(height - 12));
        setAttr(line, "y2", String(height));
      }
      const text = this.lastElementChild;
      if (text) {
        setAttr(text, "y", String(height - 18));
        setAttr(text, "visibility", d.hidden ? "hidden" : null);
        setText(text, d.label);
      }
    });

  // Every minor tick in one path: one write a frame instead of one per tick.
  const minor = ticks.minor
    .map((time) => x(time))
    .filter((tx) => tx >= 0 && tx <= width)
    .map((tx) => `M${px(tx)},${height - 6}V${height}`)
    .join("");
  layer
    .selectAll<SVGPathElement, string>("path.minor-tick")
    .data(minor === "" ? [] : [minor])
    .join((enter) => enter.append("path").attr("class", "minor-tick"))
    .each(function (d) {
      setAttr(this, "d", d);
    });

  const todayGroup = layer
    .selectAll<SVGGElement, number>("g.today-label")
    .data(todayVisible && todayX !== null ? [todayX] : [])
    .join((enter) => {
      const g = enter.append("g").attr("class", "today-label");
      g.append("rect");
      g.append("text").attr("dy", "0.35em").attr("text-anchor", "middle").text(TODAY_LABEL);
      return g;
    })
    .attr("transform", (tx) => `translate(${Math.min(Math.max(tx, pillWidth / 2 + 1), width - pillWidth / 2 - 1)},0)`);
  todayGroup
    .select("rect")
    .attr("x", -pillWidth / 2)
    .attr("y", height - 18 - 9)
    .attr("width", pillWidth)
    .attr("height", 18)
    .attr("rx", 9);
  todayGroup.select("text").attr("y", height - 18);
}

/** Faint vertical lines at the major ticks, and the today line, behind the items. */
export function renderGrid(
  layer: GSelection,
  ticks: AxisTicks,
  x: (time: number) => number,
  width: number,
  height: number,
  today: number | null,
): void {
  // Every grid line in one path: one write a frame instead of one per line.
  const lines = ticks.major
    .map((tick) => x(tick.time))
    .filter((gx) => gx >= 0 && gx <= width)
    .map((gx) => `M${px(gx)},0V${height}`)
    .join("");
  layer
    .selectAll<SVGPathElement, string>("path.grid-line")
    .data(lines === "" ? [] : [lines])
    .join((enter) => enter.append("path").attr("class", "grid-line"))
    .each(function (d) {
      setAttr(this, "d", d);
    });

  const todayX = today === null ? null : x(today);
  layer
    .selectAll<SVGLineElement, number>("line.today-line")
    .data(todayX !== null && todayX >= 0 && todayX <= width ? [todayX] : [])
    .join("line")
    .attr("class", "today-line")
    .attr("x1", (px) => px)
    .attr("x2", (px) => px)
    .attr("y1", 0)
    .attr("y2", height);
}

/** Tooltip lines for an item: title, date at its real precision, kind. */
export function tooltipLines(item: { item: TimelineItem }): { title: string; date: string; kind: string; kindClass: string } {
  return {
    title: displayTitle(item.item.event),
    date: item.item.dateText,
    kind: kindLabel(item.item.event.kind),
    kindClass: kindClass(item.item.event.kind),
  };
}

export interface BandStripe {
  key: string;
  top: number;
  height: number;
  headerHeight: number;
}

/**
 * Behind the items: each band's header row, and a rule under the band. Drawn three widths
 * wide so a sideways slide (CSS transform) never shows an edge.
 */
export function renderBandStripes(layer: GSelection, bands: readonly BandStripe[], width: number): void {
  const groups = layer
    .selectAll<SVGGElement, BandStripe>("g.band")
    .data(bands, (d) => d.key)
    .join((enter) => {
      const g = enter.append("g").attr("class", "band");
      g.append("rect").attr("class", "band-header-bg");
      g.append("line").attr("class", "band-rule");
      return g;
    });
  groups.each(function (d) {
    const rect = this.querySelector("rect.band-header-bg");
    const line = this.querySelector("line.band-rule");
    if (rect) {
      setAttr(rect, "x", String(-width));
      setAttr(rect, "width", String(width * 3));
      setAttr(rect, "y", String(d.top));
      setAttr(rect, "height", String(d.headerHeight));
    }
    if (line) {
      const y = String(Math.round(d.top + d.height) - 0.5);
      setAttr(line, "x1", String(-width));
      setAttr(line, "x2", String(width * 2));
      setAttr(line, "y1", y);
      setAttr(line, "y2", y);
    }
  });
}
