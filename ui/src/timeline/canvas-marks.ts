// Draws every mark of the view on one canvas, in one pass: dots, bars, month / year spans,
// the "added or edited by you" diamond, a hover and selection ring for marks without a label,
// and the heat row. Sized for devicePixelRatio; only the rows on screen are drawn.
import type { Kind } from "../api/types";
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
  /** Sideways slide (px) while a gesture pans at a fixed zoom. */
  shiftX: number;
  marks: readonly Mark[];
  cells: readonly HeatCell[];
  selectedId: string | null;
  hoverKey: string | null;
  colours: MarkColours;
}

function roundRect(context: CanvasRenderingContext2D, x: number, y: number, w: number, h: number, r: number): void {
  const radius = Math.max(0, Math.min(r, w / 2, h / 2));
  context.beginPath();
  context.moveTo(x + radius, y);
  context.arcTo(x + w, y, x + w, y + h, radius);
  context.arcTo(x + w, y + h, x, y + h, radius);
  context.arcTo(x, y + h, x, y, radius);
  context.arcTo(x, y, x + w, y, radius);
  context.closePath();
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

export function drawMarks(canvas: HTMLCanvasElement, frame: MarkFrame): void {
  const context = sizeCanvas(canvas, frame.width, frame.height);
  if (!context) return;
  const { width, height, scrollTop, shiftX, colours } = frame;
  context.clearRect(0, 0, width, height);
  const visibleRow = (y: number): boolean => y + LANE_HEIGHT > scrollTop && y < scrollTop + height;
  context.save();
  context.translate(shiftX, -scrollTop);

  // Heat: one alpha per cell, square root so a single event still shows beside hundreds.
  const max = frame.cells.reduce((m, c) => Math.max(m, c.count), 0);
  if (max > 0) {
    context.fillStyle = colours.heat;
    for (const c of frame.cells) {
      if (!visibleRow(c.y) || c.x1 + shiftX < 0 || c.x0 + shiftX > width) continue;
      context.globalAlpha = 0.18 + 0.82 * Math.sqrt(c.count / max);
      context.fillRect(c.x0, c.y + 5, Math.max(1, c.x1 - c.x0 - 0.5), LANE_HEIGHT - 10);
    }
    context.globalAlpha = 1;
  }

  for (const mark of frame.marks) {
    if (!visibleRow(mark.y) || mark.x1 + shiftX < -8 || mark.x0 + shiftX > width + 8) continue;
    const { item } = mark;
    const colour = colours.kind[item.event.kind] ?? colours.accent;
    const box = shapeBox(item.shape, mark.x0, mark.x1, mark.y);
    if (!mark.labelled && (mark.key === frame.hoverKey || item.id === frame.selectedId)) {
      context.fillStyle = colours.hover;
      roundRect(context, box.x - 4, mark.y + 1, box.width + 8, LANE_HEIGHT - 2, 6);
      context.fill();
      if (item.id === frame.selectedId) {
        context.strokeStyle = colours.accent;
        context.lineWidth = 1;
        context.stroke();
      }
    }
    if (item.shape === "point") {
      context.beginPath();
      context.arc(box.x + box.width / 2, box.y + box.height / 2, box.width / 2, 0, Math.PI * 2);
      context.fillStyle = colour;
      context.fill();
      context.strokeStyle = colours.background;
      context.lineWidth = 1.5;
      context.stroke();
    } else if (item.shape === "bar") {
      roundRect(context, box.x, box.y, box.width, box.height, 3);
      context.globalAlpha = 0.32;
      context.fillStyle = colour;
      context.fill();
      context.globalAlpha = 1;
      context.strokeStyle = colour;
      context.lineWidth = 1.5;
      context.stroke();
    } else {
      roundRect(context, box.x, box.y, box.width, box.height, 4);
      context.globalAlpha = 0.14;
      context.fillStyle = colour;
      context.fill();
      context.globalAlpha = 0.6;
      context.strokeStyle = colour;
      context.lineWidth = 1;
      context.setLineDash([3, 2]);
      context.stroke();
      context.setLineDash([]);
      context.globalAlpha = 1;
    }
    if (item.event.origin === "user" || item.event.edited) {
      const at = userMarkAt(item.shape, mark.x0, mark.x1, mark.y);
      context.beginPath();
      context.moveTo(at.x, at.y - 4);
      context.lineTo(at.x + 4, at.y);
      context.lineTo(at.x, at.y + 4);
      context.lineTo(at.x - 4, at.y);
      context.closePath();
      context.fillStyle = colours.userMark;
      context.fill();
      context.strokeStyle = colours.background;
      context.lineWidth = 1.25;
      context.stroke();
    }
  }
  context.restore();
}
