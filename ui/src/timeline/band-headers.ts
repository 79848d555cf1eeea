// The band headers of a grouped timeline: one button per band at its left edge, which
// collapses or expands the band. HTML over the lanes (not SVG) so that they are real buttons
// for the keyboard, screen readers and WebDriver, and stay put while the items slide.
import { html, render } from "lit-html";
import { repeat } from "lit-html/directives/repeat.js";
import { styleProps } from "../forms/style-props";
import type { StackedBand } from "./grouping";

export function renderBandHeaders(
  container: HTMLElement,
  bands: readonly StackedBand[],
  onToggle: (key: string) => void,
): void {
  render(
    html`${repeat(
      bands,
      (band) => band.key,
      (band) => html`<button
        type="button"
        class="band-header"
        data-band=${band.key}
        aria-expanded=${band.collapsed ? "false" : "true"}
        title=${band.collapsed ? "Show this group's events" : "Hide this group's events"}
        ${styleProps({ top: `${band.top}px` })}
        @click=${() => onToggle(band.key)}
      >
        <span class="band-chevron" aria-hidden="true">${band.collapsed ? "▸" : "▾"}</span>
        <span class="band-label">${band.label}</span>
        <span class="band-count">${band.count}</span>
      </button>`,
    )}`,
    container,
  );
}
