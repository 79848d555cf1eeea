// The timeline view: owns its DOM layers, the visible range, the events of the current
// window, and ties zoom, loading, layout and drawing together.
import { select, type Selection } from "d3-selection";
import { extent as filteredExtent, windowEvents } from "../api/backend";
import type { Bucket, Extent, Filter, TimelineEvent, Window } from "../api/types";
import { emptyFilter, isEmptyFilter } from "../panels/filter-model";
import { axisTicks } from "./axis";
import { renderBandHeaders } from "./band-headers";
import type { Kind } from "../api/types";
import { KINDS } from "../format/labels";
import { partialDateSpan } from "../format/partial-date";
import { drawMarks, type MarkColours } from "./canvas-marks";
import { bucketBars, bucketTotal, drawDensity, itemBars } from "./density";
import { heatCells, MarkIndex, toMark, type HeatCell, type Hit, type Mark } from "./marks";
import { groupItems, stackBands, type BandMetrics, type GroupBy, type StackedBand } from "./grouping";
import { GestureFrames, STILL, unmoveX, type Motion } from "./gesture-frames";
import { createViewport, type Viewport } from "./interaction";
import { toItem, toItems, type TimelineItem } from "./items";
import { createLatestLoader, type LatestLoader } from "./loader";
import { canvasMeasurer, type TextMeasurer } from "./measure";
import { DEFAULT_PLACEMENT, placeItems, placeMargins } from "./placement";
import {
  LANE_HEIGHT,
  LANE_TOP,
  renderAxis,
  renderBandStripes,
  renderGrid,
  setAttr,
  tooltipLines,
  type DrawnItem,
} from "./render";
import { EVENT_SELECTOR, listenToLabels, renderLabels, setStyle, type LabelLayer } from "./labels";
import {
  domainDays,
  FETCH_MARGIN,
  fitDomain,
  jumpDomain,
  panToShow,
  queryRange,
  revealDomain,
  span,
  zoomLimits,
  widen,
  type Domain,
} from "./scale";
import type { Tooltip } from "./tooltip";
import { labelBudget } from "./budget";
import { displayTitle } from "../format/title-language";

const BUCKET_PX = 4;
const ZOOM_STEP = 2;

/**
 * When a gesture settles while the window for its view is on its way, the layout waits for it
 * (one layout, not one now and one on arrival), for at most this long (ms).
 */
const DATA_WAIT_MS = 200;

/** How long after reveal() an event may still take focus when its window arrives. */
const PENDING_FOCUS_MS = 3000;

const FLAT: BandMetrics = { top: LANE_TOP, headerHeight: 0, laneHeight: LANE_HEIGHT, gap: 0 };
const GROUPED: BandMetrics = { top: 6, headerHeight: 28, laneHeight: LANE_HEIGHT, gap: 8 };

export interface TimelineStatus {
  /** Events overlapping the visible range (from the buckets when not all were sent). */
  visible: number;
  /** True when the backend sent only the most significant events of the window. */
  summarised: boolean;
  loaded: number;
}

export interface TimelineCallbacks {
  select(event: TimelineEvent, element: Element): void;
  error(error: unknown): void;
  status(status: TimelineStatus): void;
  /** The first window answer (or its failure) has been drawn. */
  firstDraw(): void;
}

export interface TimelineElements {
  root: HTMLElement;
  axis: SVGSVGElement;
  density: HTMLCanvasElement;
  grid: SVGSVGElement;
  lanesScroll: HTMLElement;
  lanes: SVGSVGElement;
  /** HTML layer over the lanes for the labelled events (labels.ts). */
  labels: HTMLElement;
  /** HTML layer over the lanes for the band headers (buttons). */
  bandHeaders: HTMLElement;
  empty: HTMLElement;
}

type Layer = Selection<SVGGElement, unknown, null, undefined>;

function layer(svg: SVGSVGElement, className: string): Layer {
  const g = document.createElementNS("http://www.w3.org/2000/svg", "g");
  g.setAttribute("class", className);
  svg.append(g);
  return select<SVGGElement, unknown>(g);
}

export class Timeline {
  private readonly el: TimelineElements;
  private readonly callbacks: TimelineCallbacks;
  private readonly tooltip: Tooltip;
  private readonly measurer: TextMeasurer;
  private readonly viewport: Viewport;
  private readonly loader: LatestLoader<Domain>;
  private readonly axisLayer: Layer;
  private readonly gridLayer: Layer;
  private readonly bandsLayer: Layer;
  private readonly labelsLayer: LabelLayer;
  /** Every mark of the view, drawn in one pass (labels.ts draws the labelled events' labels). */
  private readonly marksCanvas: HTMLCanvasElement;
  /** Every mark and heat cell of the last layout, the margins beyond the view included. */
  private marks: Mark[] = [];
  private cells: HeatCell[] = [];
  /** How far (px) the marks canvas reaches beyond each side of the view: the layout's margin. */
  private canvasMargin = 0;
  /** The canvas's CSS width and offset as last written (written only when they change). */
  private canvasBox = "";
  /** The time the events held were asked for (the view they were asked with, widened). */
  private loadedRange: Domain | undefined;
  private index = new MarkIndex([]);
  /** How the last layout is moved to the view during a gesture (STILL once laid out). */
  private motion: Motion = STILL;
  /** The part of a slide the marks canvas makes with a CSS transform instead of a redraw. */
  private canvasShift = 0;
  /** The zoom of the motion the canvas was last drawn with (1: as laid out, or slid). */
  private paintedScale = 1;
  private readonly gestures: GestureFrames;
  private dataWait: ReturnType<typeof setTimeout> | null = null;
  private hoverKey: string | null = null;
  private marksFrame: number | null = null;
  private colours: MarkColours = {
    kind: Object.fromEntries(KINDS.map((kind) => [kind, "#888"])) as Record<Kind, string>,
    background: "#fff",
    userMark: "#d97706",
    hover: "rgba(127,127,127,0.15)",
    accent: "#2563eb",
    heat: "#888",
  };
  /** Events of the window the backend held back, by time range (from its buckets). */
  private heldBack: { start: number; end: number; count: number }[] = [];

  private fit: Domain = [0, 1];
  /** The window limit of the last request, and how many bands the last layout stacked. */
  private askedBudget = 0;
  private bandCount = 1;
  /** Counts "Fit all" requests, so a late answer for an older filter is ignored. */
  private fitRequest = 0;
  private items: TimelineItem[] = [];
  private buckets: Bucket[] = [];
  private summarised = false;
  private loaded = false;
  private firstDrawDone = false;
  private axisHeight = 40;
  private gridHeight = 0;
  private densityColour = "";
  private densitySize = { width: 0, height: 0 };
  /**
   * The lanes' vertical scroll, kept from their scroll events: read from the element after the
   * frame's writes it would force a synchronous layout of the whole timeline.
   */
  private scrollTop = 0;
  private selectedId: string | null = null;
  private filter: Filter = emptyFilter();
  private groupBy: GroupBy = "none";
  private readonly collapsed = new Set<string>();
  private actorRank: ReadonlyMap<string, number> = new Map();
  /** The bands of the last layout (none when not grouped). */
  private stacked: StackedBand[] = [];
  /** An event to focus as soon as a window containing it is drawn (after a search), until when. */
  private pendingFocus: { id: string; until: number } | null = null;
  /** The lanes of the labelled events on screen, per band, and the scale they were laid out at. */
  private shownLanes: { msPerPx: number; bands: Map<string, Map<string, number>> } | null = null;
  /** Drawn with the axis at every view change, e.g. the era bands (eras.ts). */
  private readonly chromeListeners: ((view: { domain: Domain; width: number }) => void)[] = [];
  private readonly drawnListeners: ((marks: readonly Mark[]) => void)[] = [];

  constructor(elements: TimelineElements, tooltip: Tooltip, callbacks: TimelineCallbacks) {
    this.el = elements;
    this.callbacks = callbacks;
    this.tooltip = tooltip;
    const font = getComputedStyle(elements.labels).fontFamily || "sans-serif";
    this.measurer = canvasMeasurer(`12px ${font}`);
    listenToLabels(elements.labels, {
      activate: (item, element) => {
        this.tooltip.hide();
        this.callbacks.select(item.item.event, element);
      },
      hover: (item, element, event) => {
        const lines = tooltipLines(item);
        if (event) this.tooltip.show(lines, { x: event.clientX, y: event.clientY });
        else this.tooltip.show(lines, element.getBoundingClientRect());
      },
      unhover: () => this.tooltip.hide(),
    });
    this.axisLayer = layer(elements.axis, "axis");
    this.gridLayer = layer(elements.grid, "grid");
    this.bandsLayer = layer(elements.lanes, "bands");
    this.labelsLayer = select<HTMLElement, unknown>(elements.labels);
    this.marksCanvas = document.createElement("canvas");
    this.marksCanvas.className = "marks";
    this.marksCanvas.setAttribute("aria-hidden", "true");
    this.marksCanvas.dataset.testid = "marks";
    // The canvas reaches a margin beyond each side of the view, which this box hides until a slide brings it in.
    const marksClip = document.createElement("div");
    marksClip.className = "marks-clip";
    marksClip.append(this.marksCanvas);
    elements.root.insertBefore(marksClip, elements.lanesScroll);
    this.listenToMarks();

    this.loader = createLatestLoader<Domain, Window>(
      (domain) =>
        windowEvents({
          ...queryRange(domain),
          limit: (this.askedBudget = this.budget()),
          buckets: Math.max(1, Math.min(2000, Math.round(this.viewport.width() / BUCKET_PX))),
          ...(isEmptyFilter(this.filter) ? {} : { filter: this.filter }),
        }),
      {
        onResult: (window, domain) => this.receive(window, domain),
        onError: (error) => {
          this.callbacks.error(error);
          this.markFirstDraw();
        },
      },
    );

    this.gestures = new GestureFrames({
      view: () => ({ domain: this.viewport.domain(), width: this.viewport.width() }),
      layout: () => this.render(),
      move: (motion, labels) => this.moveLayout(motion, labels),
      settled: () => {
        if (!this.loader.waiting()) {
          this.render();
          return;
        }
        this.dataWait = setTimeout(() => this.render(), DATA_WAIT_MS);
      },
    });
    this.viewport = createViewport({
      surface: elements.root,
      scrollArea: elements.lanesScroll,
      width: elements.lanesScroll.clientWidth,
      height: elements.lanesScroll.clientHeight,
      onChange: (domain, gesture) => {
        this.tooltip.hide();
        this.publishDomain(domain);
        // Gestures send many changes per frame: draw once per frame. Buttons, keys and
        // jumps draw at once, so what they change is in the DOM when they return.
        if (gesture) this.scheduleRender();
        else this.render();
        this.loader.request(domain);
      },
      onGesture: () => this.tooltip.hide(),
    });

    this.readStyle();
    const resized = new ResizeObserver(() => this.syncSize());
    resized.observe(elements.lanesScroll);
    resized.observe(elements.density);
  }

  /** Shows the whole dataset (or a recent decade when the store is empty) and loads it. */
  start(extent: Extent | null): void {
    const now = Date.now();
    this.fit = extent ? fitDomain(extent.first, extent.last) : fitDomain(String(new Date(now).getUTCFullYear() - 10), String(new Date(now).getUTCFullYear()));
    this.viewport.reset(this.fit, zoomLimits(this.fit, now));
    this.loader.requestNow(this.viewport.domain());
  }

  /**
   * The dataset's span changed (an import): "Fit all" and the pan bounds follow it, and the
   * visible range stays where the user left it.
   */
  setExtent(extent: Extent | null): void {
    if (!extent) return;
    const keep = this.viewport.domain();
    this.fit = fitDomain(extent.first, extent.last);
    this.viewport.reset(this.fit, zoomLimits(this.fit, Date.now()));
    this.viewport.show(keep);
  }

  /** The visible time range (what an export of "the current view" covers). */
  visibleDomain(): Domain {
    return this.viewport.domain();
  }

  /**
   * Shows every event the filter leaves (the whole dataset without a filter). With no match
   * it shows the whole dataset, where the empty view says that nothing matches.
   */
  fitAll(): void {
    const asked = ++this.fitRequest;
    if (isEmptyFilter(this.filter)) {
      this.viewport.show(this.fit);
      return;
    }
    filteredExtent(this.filter)
      .then((span) => {
        if (asked !== this.fitRequest) return;
        this.viewport.show(span ? fitDomain(span.first, span.last) : this.fit);
      })
      .catch((error: unknown) => this.callbacks.error(error));
  }

  zoomIn(): void {
    this.viewport.zoomBy(ZOOM_STEP);
  }

  zoomOut(): void {
    this.viewport.zoomBy(1 / ZOOM_STEP);
  }

  /** Pans by a fraction of the view's width (negative: earlier). */
  pan(fraction: number): void {
    this.viewport.panBy(fraction * this.viewport.width());
  }

  /** Centres a time, showing `width` of time around it (default: about a year). */
  jumpTo(time: number, width?: number): void {
    this.viewport.show(jumpDomain(time, this.viewport.limits(), width));
  }

  setSelected(id: string | null): void {
    this.selectedId = id;
    this.render();
  }

  /** Shows only events matching the filter (reloads at once unless told not to, before start()). */
  setFilter(filter: Filter, reload = true): void {
    this.filter = filter;
    this.el.root.dataset.filtered = isEmptyFilter(filter) ? "false" : "true";
    if (reload) this.reload();
  }

  /** The timeline's own element (focus lands here when no event can take it). */
  root(): HTMLElement {
    return this.el.root;
  }

  /** Asks again for the visible window: after an edit, a delete, an undo. */
  reload(): void {
    this.loader.requestNow(this.viewport.domain());
  }

  setGroupBy(groupBy: GroupBy): void {
    if (groupBy === this.groupBy) return;
    this.groupBy = groupBy;
    this.el.root.dataset.groupBy = groupBy;
    this.el.lanesScroll.scrollTop = 0;
    this.scrollTop = 0;
    this.render();
    this.reloadIfBudgetChanged();
  }

  /** How many events the view can label at its size and grouping (budget.ts). */
  private budget(): number {
    return labelBudget(this.viewport.width(), this.viewport.height(), LANE_HEIGHT, this.groupBy === "none" ? 1 : this.bandCount);
  }

  /**
   * A larger window or more bands hold more labels than the last answer brought (or a smaller
   * one fewer): ask again, or the new room stays empty until the next zoom.
   */
  private reloadIfBudgetChanged(): void {
    // Also while the first answer is on its way: the window often settles its size after start.
    if (this.askedBudget > 0 && this.budget() !== this.askedBudget) this.loader.request(this.viewport.domain());
  }

  /** The order of actor bands: rank by name, lower first (the facets' most frequent first). */
  setActorRank(rank: ReadonlyMap<string, number>): void {
    this.actorRank = rank;
    if (this.groupBy === "actor") this.render();
  }

  toggleBand(key: string): void {
    if (this.collapsed.has(key)) this.collapsed.delete(key);
    else this.collapsed.add(key);
    this.render();
    this.el.bandHeaders.querySelector<HTMLButtonElement>(`button[data-band="${CSS.escape(key)}"]`)?.focus();
  }

  /**
   * Centres an event and zooms so that it is comfortably visible, then (once its window is
   * drawn) moves keyboard focus to it when `focus` is set.
   */
  reveal(event: TimelineEvent, focus: boolean): void {
    const item = toItem(event);
    if (!item) return;
    // Given up after a while: a filter may hide the event, and focus must not jump later.
    this.pendingFocus = focus ? { id: event.id, until: performance.now() + PENDING_FOCUS_MS } : null;
    this.viewport.show(revealDomain(item.start, item.end, this.viewport.limits()));
    if (focus) this.focusPending();
  }

  /** The event before (-1) or after (+1) `id` in time order among those loaded, or null at either end. */
  neighbour(id: string, direction: -1 | 1): string | null {
    const order = [...this.items].sort((a, b) => a.start - b.start || a.end - b.end || a.id.localeCompare(b.id));
    const index = order.findIndex((item) => item.id === id);
    if (index === -1) return null;
    return order[index + direction]?.id ?? null;
  }

  /** The loaded event with this id (to act on the focused item). */
  eventById(id: string): TimelineEvent | null {
    return this.items.find((item) => item.id === id)?.event ?? null;
  }

  /**
   * Brings an event into view if it is loaded but off screen or at the very edge, panning as
   * little as needed and keeping the zoom; false if it is not loaded.
   */
  ensureVisible(id: string): boolean {
    const item = this.items.find((candidate) => candidate.id === id);
    if (!item) return false;
    const domain = this.viewport.domain();
    const width = this.viewport.width();
    const x = (time: number): number => ((time - domain[0]) / span(domain)) * width;
    const shift = panToShow(
      item.shape === "point" ? x((item.start + item.end) / 2) : x(item.start),
      item.shape === "point" ? x((item.start + item.end) / 2) : x(item.end),
      width,
    );
    if (shift !== 0) this.viewport.panBy(shift);
    else this.render();
    const element = this.eventElement(id);
    if (element) {
      const top = Number(element.dataset.y ?? 0);
      const scroller = this.el.lanesScroll;
      if (top < scroller.scrollTop || top > scroller.scrollTop + scroller.clientHeight - 30) {
        scroller.scrollTop = Math.max(0, top - scroller.clientHeight / 3);
        this.scrollTop = scroller.scrollTop;
      }
    }
    return true;
  }

  /** Moves keyboard focus to an event's item, bringing it into view first. */
  focusEvent(id: string): void {
    this.ensureVisible(id);
    const element = this.eventElement(id);
    if (element) element.focus();
    else this.el.root.focus();
  }

  /**
   * Reads the lanes area's size and adapts the view to it, keeping the visible range: a
   * resized window or the detail panel opening or closing never changes what the view covers
   * (nor so what "current view" exports).
   */
  syncSize(): void {
    const width = this.el.lanesScroll.clientWidth;
    const height = this.el.lanesScroll.clientHeight;
    if (width <= 0 || height <= 0) return;
    if (width !== this.viewport.width() || height !== this.viewport.height()) {
      this.readStyle();
      this.viewport.resize(width, height);
      this.reloadIfBudgetChanged();
    } else if (this.el.density.clientWidth !== this.densitySize.width || this.el.density.clientHeight !== this.densitySize.height) {
      this.readStyle();
      this.renderChrome(this.viewport.domain());
    }
  }

  /** Calls `listener` with the visible range and width each time the axis is drawn. */
  onChrome(listener: (view: { domain: Domain; width: number }) => void): void {
    this.chromeListeners.push(listener);
  }

  /** Redraws without reloading (theme change). */
  /** Called with every mark after each full draw (the link arrows join them). */
  onItemsDrawn(listener: (marks: readonly Mark[]) => void): void {
    this.drawnListeners.push(listener);
  }

  redraw(): void {
    this.readStyle();
    this.render();
  }

  /** Hover, click and scroll over the canvas marks (labelled events handle their own). */
  private listenToMarks(): void {
    const scroller = this.el.lanesScroll;
    scroller.addEventListener(
      "scroll",
      () => {
        this.scrollTop = scroller.scrollTop;
        this.scheduleMarks();
      },
      { passive: true },
    );
    const hitAt = (event: MouseEvent): Hit | null => {
      if (event.target instanceof Element && event.target.closest(`${EVENT_SELECTOR}, button`)) return null;
      const box = scroller.getBoundingClientRect();
      return this.index.hit(unmoveX(this.motion, event.clientX - box.left), event.clientY - box.top + this.scrollTop);
    };
    scroller.addEventListener("pointermove", (event) => {
      const hit = hitAt(event);
      const key = hit === null ? null : hit.type === "mark" ? hit.mark.key : `heat:${hit.cell.y}:${hit.cell.x0}`;
      if (key === this.hoverKey) return;
      this.hoverKey = key;
      scroller.classList.toggle("over-mark", hit !== null);
      if (hit === null) this.tooltip.hide();
      else if (hit.type === "mark") this.tooltip.show(tooltipLines({ item: hit.mark.item }), { x: event.clientX, y: event.clientY });
      else this.tooltip.show(this.heatLines(hit.cell), { x: event.clientX, y: event.clientY });
      this.scheduleMarks();
    });
    scroller.addEventListener("pointerleave", () => {
      if (this.hoverKey === null) return;
      this.hoverKey = null;
      scroller.classList.remove("over-mark");
      this.tooltip.hide();
      this.scheduleMarks();
    });
    scroller.addEventListener("click", (event) => {
      const hit = hitAt(event);
      if (hit === null) return;
      event.stopPropagation();
      this.tooltip.hide();
      if (hit.type === "mark") {
        this.callbacks.select(hit.mark.item.event, this.el.lanes);
      } else {
        // A heat cell: zoom in around it until its events can be told apart.
        const domain = this.viewport.domain();
        const perPx = span(domain) / this.viewport.width();
        const centre = domain[0] + ((hit.cell.x0 + hit.cell.x1) / 2) * perPx;
        const half = span(domain) / 8;
        this.viewport.show([centre - half, centre + half]);
      }
    });
  }

  private heatLines(cell: HeatCell): { title: string; date: string; kind: string; kindClass: string } {
    const count = Math.round(cell.count);
    const first = cell.items[0];
    return {
      title: `${count} event${count === 1 ? "" : "s"} too close to tell apart`,
      date: first ? `${displayTitle(first.event)}${cell.items.length > 1 ? ` and ${count - 1} more` : ""}` : "",
      kind: "Click or zoom in to see them",
      kindClass: "",
    };
  }

  private scheduleMarks(): void {
    if (this.marksFrame !== null) return;
    this.marksFrame = requestAnimationFrame(() => {
      this.marksFrame = null;
      this.paintMarks();
    });
  }

  private paintMarks(): void {
    if (this.marksFrame !== null) {
      cancelAnimationFrame(this.marksFrame);
      this.marksFrame = null;
    }
    this.paintedScale = this.motion.scale;
    const margin = this.canvasMargin;
    const width = this.viewport.width() + 2 * margin;
    const box = `${-margin}px/${width}px`;
    if (box !== this.canvasBox) {
      this.canvasBox = box;
      this.marksCanvas.style.left = `${-margin}px`;
      this.marksCanvas.style.width = `${width}px`;
    }
    drawMarks(this.marksCanvas, {
      width,
      height: this.viewport.height(),
      scrollTop: this.scrollTop,
      // The canvas's x = 0 is the margin's left edge.
      motion: { scale: this.motion.scale, shift: this.motion.shift - this.canvasShift + margin },
      marks: this.marks,
      cells: this.cells,
      selectedId: this.selectedId,
      hoverKey: this.hoverKey,
      colours: this.colours,
    });
  }

  private eventElement(id: string): HTMLElement | null {
    return this.el.labels.querySelector<HTMLElement>(`${EVENT_SELECTOR}[data-event-id="${CSS.escape(id)}"]`);
  }

  private receive(window: Window, asked: Domain): void {
    const { items, unreadable } = toItems(window.events);
    const first = window.damaged[0];
    if (first) {
      const more = window.damaged.length > 1 ? ` (and ${window.damaged.length - 1} more)` : "";
      this.callbacks.error({
        code: "damaged_rows",
        message: `${window.damaged.length} stored event(s) are damaged and not shown: ${first.id}: ${first.message}${more}`,
        field: null,
      });
    }
    if (unreadable.length > 0) {
      this.callbacks.error({
        code: "ui_unreadable_date",
        message: `${unreadable.length} event(s) have dates the timeline cannot read and are not drawn: ${unreadable.slice(0, 3).join(", ")}`,
        field: "start",
      });
    }
    this.items = items;
    this.loadedRange = widen(asked, FETCH_MARGIN);
    this.buckets = window.buckets;
    this.heldBack = heldBackRanges(window.buckets, items);
    this.summarised = window.buckets.length > 0 || window.total > window.events.length;
    this.loaded = true;
    this.render();
    this.focusPending();
    this.markFirstDraw();
  }

  private focusPending(): void {
    if (this.pendingFocus === null) return;
    const { id, until } = this.pendingFocus;
    if (performance.now() > until) {
      this.pendingFocus = null;
      return;
    }
    const element = this.eventElement(id);
    if (!element) return;
    this.pendingFocus = null;
    this.ensureVisible(id);
    element.focus();
  }

  private markFirstDraw(): void {
    if (this.firstDrawDone) return;
    this.firstDrawDone = true;
    this.callbacks.firstDraw();
  }

  /** The visible range as ISO days on the timeline element (data-from / data-to). */
  private publishDomain(domain: Domain): void {
    const days = domainDays(domain);
    this.el.root.dataset.from = days.from;
    this.el.root.dataset.to = days.to;
  }

  private scheduleRender(): void {
    this.gestures.changed();
  }

  /** Sizes and colours read from layout and CSS, kept so that drawing never forces a layout. */
  private readStyle(): void {
    this.axisHeight = this.el.axis.clientHeight || 40;
    this.gridHeight = this.el.grid.clientHeight;
    this.densitySize = { width: this.el.density.clientWidth, height: this.el.density.clientHeight };
    this.densityColour = getComputedStyle(this.el.density).getPropertyValue("--density").trim();
    const style = getComputedStyle(this.el.root);
    const read = (name: string, fallback: string): string => style.getPropertyValue(name).trim() || fallback;
    this.colours = {
      kind: Object.fromEntries(KINDS.map((kind) => [kind, read(`--k-${kind}`, "#888")])) as Record<Kind, string>,
      background: read("--timeline-bg", "#fff"),
      userMark: read("--user-mark", "#d97706"),
      hover: read("--hover", "rgba(127,127,127,0.15)"),
      accent: read("--accent", "#2563eb"),
      heat: this.densityColour || "#888",
    };
  }

  /** Draws everything for the current view: items (with a fresh lane layout) and chrome. */
  private render(): void {
    if (this.dataWait !== null) {
      clearTimeout(this.dataWait);
      this.dataWait = null;
    }
    // What the tooltip described may be redrawn elsewhere or gone (no pointerleave follows).
    this.tooltip.hide();
    this.hoverKey = null;
    const domain = this.viewport.domain();
    const width = this.viewport.width();
    const viewHeight = this.viewport.height();
    const x = this.xScale(domain, width);

    const grouped = this.groupBy !== "none";
    // Labels get the lanes the view shows (less one, for the heat row); the rest are marks.
    const maxLabelLanes = Math.max(2, Math.floor((viewHeight - 2 * LANE_TOP) / LANE_HEIGHT) - 1);
    const options = { ...DEFAULT_PLACEMENT, width, maxLabelLanes };
    // Beyond each side, as far as the events were asked for: marks a gesture reveals (gesture-frames.ts).
    const margin = FETCH_MARGIN * width;
    const heldBack = grouped
      ? []
      : this.heldBack.map((range) => ({ x0: x(range.start), x1: x(range.end), count: range.count }));
    // At the scale on screen (events arrived, a pan ended) labels keep their lanes where they
    // can; at any scale the event being shown or selected is placed first, so it keeps a label.
    const msPerPx = span(domain) / width;
    const sameScale = this.shownLanes !== null && Math.abs(this.shownLanes.msPerPx - msPerPx) <= msPerPx * 1e-9;
    const first = this.pendingFocus?.id ?? this.selectedId;
    const laidOut = groupItems(this.items, this.groupBy, this.actorRank)
      .map((band) => {
        const lanes = sameScale ? this.shownLanes?.bands.get(band.key) : undefined;
        const shown = lanes || first !== null ? { lanes: lanes ?? new Map<string, number>(), first } : undefined;
        const view = placeItems(band.items, x, this.measurer, shown ? { ...options, shown } : options);
        return { band, ...view, margins: placeMargins(band.items, x, view, { ...options, margin }) };
      })
      .filter((entry) => !grouped || entry.placed.length > 0 || entry.crowded.length > 0);
    const hasHeat = (entry: (typeof laidOut)[number]): boolean => entry.crowded.length > 0 || heldBack.length > 0;
    const { bands: stacked, height } = stackBands(
      laidOut.map((entry) => ({
        key: entry.band.key,
        label: entry.band.label,
        count: entry.placed.length + entry.crowded.length,
        laneCount: entry.laneCount + (hasHeat(entry) ? 1 : 0),
      })),
      this.collapsed,
      grouped ? GROUPED : FLAT,
    );
    const drawn: DrawnItem[] = [];
    // The view's marks and cells (what it says it shows), then those of the margins.
    const marks: Mark[] = [];
    const cells: HeatCell[] = [];
    const marginMarks: Mark[] = [];
    const marginCells: HeatCell[] = [];
    // The right margin's bins start after the view's last bin, so no two cells overlap.
    const rightFrom = Math.ceil(width / BUCKET_PX) * BUCKET_PX;
    const shown = new Map<string, Map<string, number>>();
    for (const entry of laidOut) {
      shown.set(entry.band.key, new Map(entry.placed.filter((p) => p.label !== "").map((p) => [p.item.id, p.lane])));
    }
    this.shownLanes = { msPerPx, bands: shown };
    laidOut.forEach((entry, index) => {
      const band = stacked[index];
      if (!band || band.collapsed) return;
      const keyOf = (placed: { item: TimelineItem }): string => `${band.key}\u241f${placed.item.id}`;
      for (const placed of entry.placed) {
        const key = keyOf(placed);
        const y = band.lanesTop + placed.lane * LANE_HEIGHT;
        marks.push(toMark(placed, key, y));
        if (placed.label !== "") drawn.push({ ...placed, key, y, band: band.key });
      }
      for (const placed of entry.margins.placed) marginMarks.push(toMark(placed, keyOf(placed), band.lanesTop + placed.lane * LANE_HEIGHT));
      if (hasHeat(entry)) {
        const rowTop = band.lanesTop + entry.laneCount * LANE_HEIGHT;
        cells.push(...heatCells(entry.crowded, heldBack, rowTop, [0, width], BUCKET_PX));
        marginCells.push(
          ...heatCells(entry.margins.crowded, heldBack, rowTop, [-margin, 0], BUCKET_PX),
          ...heatCells(entry.margins.crowded, heldBack, rowTop, [rightFrom, width + margin], BUCKET_PX),
        );
      }
    });
    this.marks = marginMarks.length > 0 ? [...marks, ...marginMarks] : marks;
    this.cells = marginCells.length > 0 ? [...cells, ...marginCells] : cells;
    this.canvasMargin = margin;
    this.index = new MarkIndex(this.marks, this.cells);
    this.motion = STILL;
    this.canvasShift = 0;
    this.marksCanvas.style.transform = "";
    this.stacked = grouped ? stacked : [];
    this.bandCount = Math.max(1, laidOut.length);

    const contentHeight = Math.max(viewHeight, height);
    setAttr(this.el.lanes, "width", String(width));
    setAttr(this.el.lanes, "height", String(contentHeight));
    setStyle(this.el.labels, "width", `${width}px`);
    setStyle(this.el.labels, "height", `${contentHeight}px`);
    this.moveLayers("", false);
    renderBandStripes(
      this.bandsLayer,
      this.stacked.map((band) => ({ key: band.key, top: band.top, height: band.height, headerHeight: GROUPED.headerHeight })),
      width,
    );
    renderLabels(this.labelsLayer, drawn, this.selectedId);
    for (const listener of this.drawnListeners) listener(marks);
    this.paintMarks();
    const unlabelled = marks.length - drawn.length + Math.round(cells.reduce((sum, c) => sum + c.count, 0));
    setAttr(
      this.el.labels,
      "aria-label",
      unlabelled > 0 ? `Events: ${drawn.length} labelled; ${unlabelled} more drawn as marks, zoom in to read them` : "Events",
    );
    renderBandHeaders(this.el.bandHeaders, this.stacked, (key) => this.toggleBand(key));
    const covers = widen(domain, FETCH_MARGIN);
    this.gestures.laidOut(domain, this.loadedRange ? { covers, loaded: this.loadedRange } : { covers });

    this.renderChrome(domain);
    this.el.empty.hidden = !this.loaded || marks.length > 0 || cells.length > 0 || this.stacked.length > 0;
    this.el.empty.textContent = isEmptyFilter(this.filter)
      ? "No events in this period. Zoom out or press “Fit all”."
      : "No events match the filters in this period. Zoom out, or remove a filter.";
  }

  /** The labels and the SVG under them (link arrows, band stripes) move together, or wait together. */
  private moveLayers(transform: string, waiting: boolean): void {
    for (const element of [this.el.lanes, this.el.labels]) {
      element.style.transform = transform;
      element.classList.toggle("labels-waiting", waiting);
    }
  }

  /**
   * A gesture frame that moves the last layout (gesture-frames.ts): the labels' layer follows
   * with a CSS transform (a layout is too slow for every frame); the marks canvas (which
   * reaches the layout's margins) slides as it is or, mid-zoom, is redrawn with every mark at
   * its moved place and its own size; the axis and the strips above are drawn exactly.
   */
  private moveLayout(motion: Motion, labels: boolean): void {
    const round = (n: number): number => Math.round(n * 1000) / 1000;
    this.moveLayers(
      motion.scale === 1
        ? `translate3d(${round(motion.shift)}px, 0, 0)`
        : `translate3d(${round(motion.shift)}px, 0, 0) scale(${round(motion.scale)}, 1)`,
      !labels,
    );
    this.motion = motion;
    // A slide keeps every mark's size: the canvas, margins included, moves as it is, as the labels do.
    // Whole pixels, so the canvas is not resampled (blurred) while it slides.
    this.canvasShift = motion.scale === 1 ? Math.round(motion.shift) : 0;
    this.marksCanvas.style.transform = this.canvasShift === 0 ? "" : `translate3d(${this.canvasShift}px, 0, 0)`;
    if (motion.scale !== 1 || this.paintedScale !== 1) this.paintMarks();
    this.renderChrome(this.viewport.domain());
  }

  /** Axis, grid, today marker, density strip, visible range and status. */
  private renderChrome(domain: Domain): void {
    const width = this.viewport.width();
    const x = this.xScale(domain, width);
    const now = Date.now();
    const ticks = axisTicks(domain, width);
    renderAxis(this.axisLayer, ticks, x, { width, height: this.axisHeight, today: now, measurer: this.measurer });
    renderGrid(this.gridLayer, ticks, x, width, this.gridHeight || this.viewport.height(), now);
    for (const listener of this.chromeListeners) listener({ domain, width });

    const bars = this.buckets.length > 0 ? bucketBars(this.buckets, x) : itemBars(this.items, x, width, BUCKET_PX);
    drawDensity(this.el.density, bars, this.densityColour || "#888", this.densitySize);

    this.publishDomain(domain);
    const [d0, d1] = domain;
    const visible =
      this.buckets.length > 0
        ? bucketTotal(this.buckets, d0, d1)
        : this.items.filter((item) => item.end > d0 && item.start < d1).length;
    this.callbacks.status({ visible, summarised: this.summarised, loaded: this.items.length });
  }

  private xScale(domain: Domain, width: number): (time: number) => number {
    const [d0, d1] = domain;
    const pxPerMs = width / (d1 - d0);
    return (time: number): number => (time - d0) * pxPerMs;
  }
}

/** Per bucket, the events it counts that the window did not send (it counts where events start). */
export function heldBackRanges(
  buckets: readonly Bucket[],
  items: readonly TimelineItem[],
): { start: number; end: number; count: number }[] {
  if (buckets.length === 0) return [];
  const starts = items.map((item) => item.start).sort((a, b) => a - b);
  const below = (time: number): number => {
    let lo = 0;
    let hi = starts.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((starts[mid] as number) < time) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
  const ranges: { start: number; end: number; count: number }[] = [];
  for (const bucket of buckets) {
    const start = partialDateSpan(bucket.start);
    const end = partialDateSpan(bucket.end);
    if (!start || !end) continue;
    const sent = below(end.end) - below(start.start);
    const count = bucket.count - sent;
    if (count > 0) ranges.push({ start: start.start, end: end.end, count });
  }
  return ranges;
}
