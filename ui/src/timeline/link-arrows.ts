// Arrows between linked events that the timeline shows both ends of: from what was answered
// (the link's target) to the event that states the link, arched over the lanes. Drawn in
// their own layer under the labels; the pairs come from the backend for the ids on screen,
// asked again only when those ids change, and an older answer never replaces a newer one.
import type { LinkPair, Relation } from "../api/types";
import { LANE_HEIGHT, type Mark } from "./marks";

const SVG = "http://www.w3.org/2000/svg";
const HEAD_ID = "link-arrowhead";

export interface ArrowPath {
  from: string;
  to: string;
  relation: Relation;
  /** The SVG path, in the lanes' coordinates. */
  d: string;
}

/** Where an arrow meets a mark: the middle of a dot, a little inside the start of a bar. */
function anchor(mark: Mark): { x: number; y: number } {
  return { x: mark.x0 + Math.min((mark.x1 - mark.x0) / 2, 4), y: mark.y + LANE_HEIGHT / 2 };
}

const round = (n: number): number => Math.round(n * 10) / 10;

/** A path per link whose two ends both have a mark, arched above the higher end. */
export function arrowPaths(pairs: readonly LinkPair[], marks: readonly Mark[]): ArrowPath[] {
  const at = new Map<string, Mark>();
  for (const mark of marks) if (!at.has(mark.item.id)) at.set(mark.item.id, mark);
  const paths: ArrowPath[] = [];
  for (const pair of pairs) {
    const target = at.get(pair.to);
    const stater = at.get(pair.from);
    if (!target || !stater) continue;
    const start = anchor(target);
    const end = anchor(stater);
    const dx = end.x - start.x;
    const bulge = Math.max(10, Math.min(60, Math.abs(dx) / 4));
    const top = Math.min(start.y, end.y) - bulge;
    const d =
      `M${round(start.x)},${round(start.y)} ` +
      `C${round(start.x + dx / 3)},${round(top)} ${round(start.x + (2 * dx) / 3)},${round(top)} ${round(end.x)},${round(end.y)}`;
    paths.push({ from: pair.from, to: pair.to, relation: pair.relation, d });
  }
  return paths;
}

export class LinkArrows {
  private readonly layer: SVGGElement;
  private pairs: LinkPair[] = [];
  private marks: readonly Mark[] = [];
  private askedFor = "";
  private asked = 0;

  constructor(
    lanes: SVGSVGElement,
    private readonly ask: (ids: string[]) => Promise<LinkPair[]>,
    private readonly error: (error: unknown) => void,
  ) {
    this.layer = document.createElementNS(SVG, "g");
    this.layer.setAttribute("class", "link-arrows");
    this.layer.setAttribute("aria-hidden", "true");
    const defs = document.createElementNS(SVG, "defs");
    const marker = document.createElementNS(SVG, "marker");
    for (const [name, value] of [
      ["id", HEAD_ID],
      ["viewBox", "0 0 10 10"],
      ["refX", "9"],
      ["refY", "5"],
      ["markerWidth", "7"],
      ["markerHeight", "7"],
      ["orient", "auto-start-reverse"],
    ]) {
      marker.setAttribute(name as string, value as string);
    }
    const head = document.createElementNS(SVG, "path");
    head.setAttribute("d", "M0,0 L10,5 L0,10 z");
    head.setAttribute("class", "link-arrowhead");
    marker.append(head);
    defs.append(marker);
    // Under the labels, so an arrow never hides a title.
    lanes.insertBefore(defs, lanes.firstChild);
    lanes.insertBefore(this.layer, lanes.querySelector("g.items"));
  }

  /** The timeline drew these marks: draw the arrows among them, asking for links if the events changed. */
  drawn(marks: readonly Mark[]): void {
    this.marks = marks;
    const ids = [...new Set(marks.map((mark) => mark.item.id))].sort();
    const key = ids.join("\u241f");
    if (key !== this.askedFor) {
      this.askedFor = key;
      const mine = ++this.asked;
      this.pairs = [];
      if (ids.length > 0) {
        this.ask(ids)
          .then((pairs) => {
            if (mine !== this.asked) return;
            this.pairs = pairs;
            this.paint();
          })
          .catch((error: unknown) => {
            if (mine === this.asked) this.error(error);
          });
      }
    }
    this.paint();
  }

  /** Links may have changed (an edit, an import): ask again at the next draw. */
  forget(): void {
    this.askedFor = "";
  }

  private paint(): void {
    const paths = arrowPaths(this.pairs, this.marks).map((arrow) => {
      const path = document.createElementNS(SVG, "path");
      path.setAttribute("d", arrow.d);
      path.setAttribute("class", `link-arrow link-${arrow.relation}`);
      path.setAttribute("marker-end", `url(#${HEAD_ID})`);
      path.dataset.from = arrow.from;
      path.dataset.to = arrow.to;
      return path;
    });
    this.layer.replaceChildren(...paths);
  }
}
