// The hover / focus tooltip: title, date at its real precision, kind. It goes away with what
// it points at: when the pointer leaves the timeline, the view scrolls or zooms, a dialog
// opens or the window loses focus (the timeline also hides it whenever it redraws, since the
// element under the pointer may be replaced without a pointerleave).

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
      // Only an event has a kind colour to show.
      swatch.hidden = content.kindClass === "";
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

/** Hides the tooltip whenever what it describes may no longer be under the pointer. */
export function hideTooltipWhenLeft(tooltip: Tooltip, surface: HTMLElement, doc: Document = document): () => void {
  const hide = (): void => tooltip.hide();
  const win = doc.defaultView;
  surface.addEventListener("pointerleave", hide);
  surface.addEventListener("wheel", hide, { passive: true });
  // Scroll events do not bubble: catch the lanes' own scrolling on the way down.
  surface.addEventListener("scroll", hide, { capture: true, passive: true });
  win?.addEventListener("blur", hide);
  doc.addEventListener("visibilitychange", hide);
  // A dialog opening (showModal sets `open`) puts the page behind it out of reach.
  const dialogs = new MutationObserver((changes) => {
    if (changes.some((change) => change.target instanceof HTMLDialogElement && change.target.open)) hide();
  });
  dialogs.observe(doc.body, { subtree: true, attributes: true, attributeFilter: ["open"] });
  return () => {
    surface.removeEventListener("pointerleave", hide);
    surface.removeEventListener("wheel", hide);
    surface.removeEventListener("scroll", hide, { capture: true });
    win?.removeEventListener("blur", hide);
    doc.removeEventListener("visibilitychange", hide);
    dialogs.disconnect();
  };
}
