// Labels use the room they have: lanes are assigned with each label at most its reserved
// width (so a lane holds a fair number of events), then every label grows, up to its full
// text, into the free space before the next mark or label in its row, or the view's edge.
// An ellipsis is left only where the full title truly collides.
import type { TextMeasurer } from "./measure";
import type { PlacedItem } from "./placement";
import { displayTitle } from "../format/title-language";

const EDGE = 2;

/**
 * Widens the labels of `placed` (in place) into their row's free room. Items are compared
 * only with others in the same lane; `padding` stays free between neighbours, as in the
 * lane assignment, so the result never overlaps where the input did not.
 */
export function growLabels(placed: PlacedItem[], measurer: TextMeasurer, width: number, padding: number): void {
  // Every mark blocks the room in its lane, labelled or not.
  const lanes = new Map<number, PlacedItem[]>();
  for (const p of placed) {
    const row = lanes.get(p.lane);
    if (row) row.push(p);
    else lanes.set(p.lane, [p]);
  }
  for (const row of lanes.values()) {
    // Left to right, so a label that grows leftwards sees its neighbour's final extent.
    const all = row.sort((a, b) => a.left - b.left);
    all.forEach((p, index) => {
      if (p.label === "") return;
      const title = displayTitle(p.item.event);
      if (p.label === title) return;
      if (p.labelAnchor === "start") {
        const next = all[index + 1];
        const limit = Math.min(width - EDGE, next ? next.left - padding : Number.POSITIVE_INFINITY);
        const room = limit - p.labelX;
        if (room <= p.labelWidth) return;
        const fitted = measurer.fit(title, room);
        if (fitted.width <= p.labelWidth) return;
        p.label = fitted.text;
        p.labelWidth = fitted.width;
        p.right = Math.max(p.x1, p.labelX + fitted.width);
      } else {
        const previous = all[index - 1];
        const limit = Math.max(EDGE, previous ? previous.right + padding : Number.NEGATIVE_INFINITY);
        const room = p.labelX - limit;
        if (room <= p.labelWidth) return;
        const fitted = measurer.fit(title, room);
        if (fitted.width <= p.labelWidth) return;
        p.label = fitted.text;
        p.labelWidth = fitted.width;
        p.left = Math.min(p.x0, p.labelX - fitted.width);
      }
    });
  }
}
