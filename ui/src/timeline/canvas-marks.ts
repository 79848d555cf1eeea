// Draws every mark of the view on one canvas, in one pass: dots, bars, month / year spans,
// the "added or edited by you" diamond, a hover and selection ring for marks without a label,
// and the heat row. Sized for devicePixelRatio; only the rows on screen are drawn.
import type { Kind } from "../api/types";
import { moveX, type Motion } from "./gesture-frames";
import { DEFAULT_PLACEMENT } from "./placement";
import { LANE_HEIGHT, shapeBox, userMarkAt, type HeatCell, type Mark } from "./marks";

export interface MarkColours {
  kind: Readonly<Record<Kind, string>>;
  background: string;
  userMark: string;
  hover: string;
  accent: string;
  heat: string;
}

export interface MarkFrame {
  width: number;
  height: number;
  /** Vertical scroll of the lanes: content y minus this is canvas y. */
  scrollTop: number;
  /**
   * How the layout's x positions map to the view while a gesture moves it (gesture-frames.ts):
   * marks keep their size, only their places move.
   */
  motion: Motion;
  marks: readonly Mark[];
  cells: readonly HeatCell[];
  selectedId: string | null;
  hoverKey: string | null;
  colours: MarkColours;
}

function roundRect(path: Path2D, x: number, y: number, w: number, h: number, r: number): void {
  const radius = Math.max(0, Math.min(r, w / 2, h / 2));
  path.moveTo(x + radius, y);
  path.arcTo(x + w, y, x + w, y + h, radius);
  path.arcTo(x + w, y + h, x, y + h, radius);
  path.arcTo(x, y + h, x, y, radius);
  path.arcTo(x, y, x + w, y, radius);
  path.closePath();
}

export function sizeCanvas(canvas: HTMLCanvasElement, width: number, height: number): CanvasRenderingContext2D | null {
  const ratio = window.devicePixelRatio || 1;
  const w = Math.max(1, Math.round(width * ratio));
  const h = Math.max(1, Math.round(height * ratio));
  if (canvas.width !== w || canvas.height !== h) {
    canvas.width = w;
    canvas.height = h;
  }
  const context = canvas.getContext("2d");
  if (!context) return null;
  context.setTransform(ratio, 0, 0, ratio, 0, 0);
  return context;
}

/**
 * A mark's extent under a motion: a dot keeps its radius around its moved centre, a bar or span
 * moves both ends (never narrower than the layout draws one).
 */
export function movedMark(mark: Pick<Mark, "x0" | "x1" | "item">, motion: Motion): { x0: number; x1: number } {
  if (motion.scale === 1) return { x0: mark.x0 + motion.shift, x1: mark.x1 + motion.shift };
  if (mark.item.shape === "point") {
    const r = (mark.x1 - mark.x0) / 2;
    const centre = moveX(motion, mark.x0 + r);
    return { x0: centre - r, x1: centre + r };
  }
  let x0 = moveX(motion, mark.x0);
  let x1 = moveX(motion, mark.x1);
  const min = DEFAULT_PLACEMENT.minShapeWidth;
  if (x1 - x0 < min) {
    const centre = (x0 + x1) / 2;
    x0 = centre - min / 2;
    x1 = centre + min / 2;
  }
  return { x0, x1 };
}

/** How far beyond the canvas a mark may still show a part (a dot's ring, a corner). */
const OFF_CANVAS = 8;
/** The month / year spans' dash and gap (px). */
const DASH = [3, 2];
const DASH_PERIOD = 5;

/**
 * A bar's or span's extent cut to the canvas (and a little beyond): a month span at a week's
 * zoom is many views wide, and stroking its dashes all along took milliseconds a frame. The
 * cut moves each end by whole dash periods, so the dashes stay where they were on the part shown.
 */
export function onCanvas(x0: number, x1: number, width: number): { x0: number; x1: number } {
  const left = x0 < -OFF_CANVAS ? x0 + Math.floor((-OFF_CANVAS - x0) / DASH_PERIOD) * DASH_PERIOD : x0;
  const right = x1 > width + OFF_CANVAS ? x1 - Math.floor((x1 - width - OFF_CANVAS) / DASH_PERIOD) * DASH_PERIOD : x1;
  return { x0: left, x1: right };
}

export function drawMarks(canvas: HTMLCanvasElement, frame: MarkFrame): void {
  const context = sizeCanvas(canvas, frame.width, frame.height);
  if (!context) return;
  const { width, height, scrollTop, motion, colours } = frame;
  context.clearRect(0, 0, width, height);
  const visibleRow = (y: number): boolean => y + LANE_HEIGHT > scrollTop && y < scrollTop + height;
  context.save();
  context.translate(0, -scrollTop);

  // Heat: one alpha per cell, square root so a single event still shows beside hundreds.
  const max = frame.cells.reduce((m, c) => Math.max(m, c.count), 0);
  if (max > 0) {
    context.fillStyle = colours.heat;
    for (const c of frame.cells) {
      const x0 = moveX(motion, c.x0);
      const x1 = moveX(motion, c.x1);
      if (!visibleRow(c.y) || x1 < 0 || x0 > width) continue;
      context.globalAlpha = 0.18 + 0.82 * Math.sqrt(c.count / max);
      context.fillRect(x0, c.y + 5, Math.max(1, x1 - x0 - 0.5), LANE_HEIGHT - 10);
    }
    context.globalAlpha = 1;
  }

  // Marks are gathered into one path per kind and shape and each path filled and stroked
  // once: a fill style, alpha or dash set per mark costs more than drawing it.
  const rings = new Path2D();
  const selected = new Path2D();
  const paths = new Map<string, { colour: string; shape: Mark["item"]["shape"]; path: Path2D }>();
  const diamonds = new Path2D();
  for (const mark of frame.marks) {
    const { x0, x1 } = movedMark(mark, motion);
    if (!visibleRow(mark.y) || x1 < -OFF_CANVAS || x0 > width + OFF_CANVAS) continue;
    const { item } = mark;
    const colour = colours.kind[item.event.kind] ?? colours.accent;
    const shown = item.shape === "point" ? { x0, x1 } : onCanvas(x0, x1, width);
    const box = shapeBox(item.shape, shown.x0, shown.x1, mark.y);
    if (!mark.labelled && (mark.key === frame.hoverKey || item.id === frame.selectedId)) {
      roundRect(rings, box.x - 4, mark.y + 1, box.width + 8, LANE_HEIGHT - 2, 6);
      if (item.id === frame.selectedId) roundRect(selected, box.x - 4, mark.y + 1, box.width + 8, LANE_HEIGHT - 2, 6);
    }
    const key = `${item.shape}\u241f${colour}`;
    let entry = paths.get(key);
    if (!entry) {
      entry = { colour, shape: item.shape, path: new Path2D() };
      paths.set(key, entry);
    }
    if (item.shape === "point") {
      const r = box.width / 2;
      entry.path.moveTo(box.x + box.width, box.y + r);
      entry.path.arc(box.x + r, box.y + r, r, 0, Math.PI * 2);
    } else {
      roundRect(entry.path, box.x, box.y, box.width, box.height, item.shape === "bar" ? 3 : 4);
    }
    if (item.event.origin === "user" || item.event.edited) {
      const at = userMarkAt(item.shape, x0, x1, mark.y);
      diamonds.moveTo(at.x, at.y - 4);
      diamonds.lineTo(at.x + 4, at.y);
      diamonds.lineTo(at.x, at.y + 4);
      diamonds.lineTo(at.x - 4, at.y);
      diamonds.closePath();
    }
  }
  context.fillStyle = colours.hover;
  context.fill(rings);
  context.strokeStyle = colours.accent;
  context.lineWidth = 1;
  context.stroke(selected);
  for (const { colour, shape, path } of paths.values()) {
    context.fillStyle = colour;
    context.strokeStyle = colour;
    if (shape === "point") {
      context.fill(path);
      context.strokeStyle = colours.background;
      context.lineWidth = 1.5;
      context.stroke(path);
    } else if (shape === "bar") {
      context.globalAlpha = 0.32;
      context.fill(path);
      context.globalAlpha = 1;
      context.lineWidth = 1.5;
      context.stroke(path);
    } else {
      context.globalAlpha = 0.14;
      context.fill(path);
      context.globalAlpha = 0.6;
      context.lineWidth = 1;
      context.setLineDash(DASH);
      context.stroke(path);
      context.setLineDash([]);
      context.globalAlpha = 1;
    }
  }
  context.fillStyle = colours.userMark;
  context.fill(diamonds);
  context.strokeStyle = colours.background;
  context.lineWidth = 1.25;
  context.stroke(diamonds);
  context.restore();
}
