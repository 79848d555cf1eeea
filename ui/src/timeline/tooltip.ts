// The hover / focus tooltip: title, date at its real precision, kind.

export interface TooltipContent {
  title: string;
  date: string;
  kind: string;
  kindClass: string;
}

export interface Tooltip {
  /** Shows the tooltip near a pointer position, or below an element (keyboard focus). */
  show(content: TooltipContent, at: { x: number; y: number } | DOMRect): void;
  hide(): void;
}

const OFFSET = 14;

export function createTooltip(element: HTMLElement): Tooltip {
  element.replaceChildren();
  const title = document.createElement("div");
  title.className = "tooltip-title";
  const meta = document.createElement("div");
  meta.className = "tooltip-meta";
  const swatch = document.createElement("span");
  swatch.className = "swatch";
  swatch.setAttribute("aria-hidden", "true");
  const kind = document.createElement("span");
  const date = document.createElement("div");
  date.className = "tooltip-date";
  meta.append(swatch, kind);
  element.append(title, date, meta);

  return {
    show(content, at) {
      title.textContent = content.title;
      date.textContent = content.date;
      kind.textContent = content.kind;
      swatch.className = `swatch ${content.kindClass}`;
      element.hidden = false;
      const box = element.getBoundingClientRect();
      const viewportW = document.documentElement.clientWidth;
      const viewportH = document.documentElement.clientHeight;
      let left: number;
      let top: number;
      if (at instanceof DOMRect) {
        left = at.left;
        top = at.bottom + 6;
        if (top + box.height > viewportH - 4) top = at.top - box.height - 6;
      } else {
        left = at.x + OFFSET;
        top = at.y + OFFSET;
        if (top + box.height > viewportH - 4) top = at.y - box.height - OFFSET;
      }
      left = Math.max(4, Math.min(left, viewportW - box.width - 4));
      top = Math.max(4, top);
      element.style.left = `${Math.round(left)}px`;
      element.style.top = `${Math.round(top)}px`;
    },
    hide() {
      element.hidden = true;
    },
  };
}
