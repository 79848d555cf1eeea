// The progress bar of a long import or export: a filled bar with its share, and a line
// saying what is being done, both readable by a screen reader.
import { html, type TemplateResult } from "lit-html";
import type { TransferProgress } from "../api/types";
import { styleProps } from "./style-props";

export interface ProgressBar {
  /** 0 to 100. */
  percent: number;
  /** What is being done, e.g. "Exporting… 1,200 of 3,000 events". */
  text: string;
  /** The bar's accessible name, e.g. "Export progress". */
  label: string;
  testid: string;
}

export function progressBar(bar: ProgressBar): TemplateResult {
  return html`<div class="transfer-progress">
    <div
      class="progress"
      role="progressbar"
      data-testid=${bar.testid}
      aria-label=${bar.label}
      aria-valuemin="0"
      aria-valuemax="100"
      aria-valuenow=${bar.percent}
      aria-valuetext=${`${bar.percent}%, ${bar.text}`}
    >
      <div class="progress-fill" ${styleProps({ width: `${bar.percent}%` })}></div>
    </div>
    <p class="progress-text">
      <span>${bar.text}</span>
      <span class="progress-percent" aria-hidden="true">${bar.percent}%</span>
    </p>
  </div>`;
}

/** Whole percent done, 0–100; 0 before the first report. */
export function progressPercent(progress: TransferProgress | null): number {
  if (!progress || progress.total <= 0) return 0;
  const share = Math.floor((progress.done / progress.total) * 100);
  return Math.max(0, Math.min(100, share));
}
