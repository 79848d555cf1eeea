// Start-up: finds the page's parts, wires the header, the panels and the timeline, and asks
// the backend for the span of all events to open on.
import "./styles/app.css";
import { extent, getEvent, openSource } from "./api/backend";
import type { StoredEvent } from "./api/types";
import { formatEventCount } from "./format/date";
import { createDetailPanel } from "./panels/detail";
import { createErrorBanner } from "./panels/error-banner";
import { renderLegend } from "./panels/legend";
import { isWebUrl } from "./panels/links";
import { attachKeyboard } from "./timeline/interaction";
import { jumpTime } from "./timeline/scale";
import { Timeline } from "./timeline/timeline";
import { createTooltip } from "./timeline/tooltip";

function find<T extends Element>(selector: string): T {
  const found = document.querySelector<T>(selector);
  if (!found) throw new Error(`index.html lacks ${selector}`);
  return found;
}

function main(): void {
  const banner = createErrorBanner(find("[data-testid=error-banner]"));
  // A failure in the UI itself is shown like a backend one, never only logged.
  window.addEventListener("error", (event) => banner.show({ code: "ui_error", message: event.message, field: null }));
  window.addEventListener("unhandledrejection", (event) => banner.show(event.reason));
  const count = find<HTMLElement>("[data-testid=event-count]");
  const countNote = find<HTMLElement>(".status-note");
  const panelRoot = find<HTMLElement>("[data-testid=detail-panel]");
  renderLegend(find(".legend-shapes"), find(".legend-kinds"));

  let selected: StoredEvent | null = null;

  const closeDetail = (): boolean => {
    if (!selected) return false;
    const id = selected.id;
    selected = null;
    detail.hide();
    timeline.syncSize();
    timeline.setSelected(null);
    timeline.focusEvent(id);
    return true;
  };

  const detail = createDetailPanel(panelRoot, {
    close: () => {
      closeDetail();
    },
    openSource: (url) => {
      if (!isWebUrl(url)) return;
      openSource(url).catch((error: unknown) => banner.show(error));
    },
  });

  const timeline = new Timeline(
    {
      root: find("[data-testid=timeline]"),
      axis: find(".axis-layer"),
      density: find("canvas.density"),
      grid: find(".grid-layer"),
      lanesScroll: find(".lanes-scroll"),
      lanes: find("svg.lanes"),
      empty: find(".empty-state"),
    },
    createTooltip(find(".tooltip")),
    {
      select: (event) => {
        selected = event;
        detail.show(event);
        timeline.setSelected(event.id);
        // The panel narrows the timeline: adapt now, and keep the chosen event in sight.
        timeline.syncSize();
        timeline.ensureVisible(event.id);
        getEvent(event.id)
          .then((fresh) => {
            if (selected?.id === fresh.id && fresh.updated_at !== event.updated_at) {
              selected = fresh;
              detail.show(fresh);
            }
          })
          .catch((error: unknown) => banner.show(error));
      },
      error: (error) => banner.show(error),
      status: (status) => {
        count.textContent = formatEventCount(status.visible);
        countNote.textContent = status.summarised
          ? `· the ${status.loaded} most significant are drawn`
          : "";
      },
      firstDraw: () => {
        document.body.dataset.ready = "true";
      },
    },
  );

  find("[data-testid=zoom-in]").addEventListener("click", () => timeline.zoomIn());
  find("[data-testid=zoom-out]").addEventListener("click", () => timeline.zoomOut());
  find("[data-testid=fit-all]").addEventListener("click", () => timeline.fitAll());

  const jumpInput = find<HTMLInputElement>("[data-testid=jump-date]");
  jumpInput.addEventListener("input", () => jumpInput.setCustomValidity(""));
  find<HTMLFormElement>("form.jump").addEventListener("submit", (event) => {
    event.preventDefault();
    const time = jumpTime(jumpInput.value);
    if (time === null) {
      jumpInput.setCustomValidity("Enter a date such as 2023-11-15.");
      jumpInput.reportValidity();
      return;
    }
    jumpInput.setCustomValidity("");
    timeline.jumpTo(time);
  });

  attachKeyboard(
    document,
    {
      zoomIn: () => timeline.zoomIn(),
      zoomOut: () => timeline.zoomOut(),
      pan: (direction, large) => timeline.pan(direction * (large ? 0.5 : 0.125)),
      fitAll: () => timeline.fitAll(),
      escape: closeDetail,
    },
    panelRoot,
  );

  window
    .matchMedia("(prefers-color-scheme: dark)")
    .addEventListener("change", () => timeline.redraw());

  extent()
    .then((span) => timeline.start(span))
    .catch((error: unknown) => {
      banner.show(error);
      timeline.start(null);
    });
}

main();
