// How many labelled events a view can show without turning into a wall of stacked lanes: about
// as many as fit in the visible lanes at a typical label width. Beyond it the backend sends the
// most significant events and the density strip counts the rest, so a wide zoom stays legible
// and zooming in reveals everything.

/** Typical width of a drawn label with its marker and gap, in px. */
const LABEL_PX = 300;
/** Never fewer than this, so a small window still shows the main events. */
export const MIN_BUDGET = 40;
/** The backend's own cap per answer. */
export const MAX_BUDGET = 2000;

export function labelBudget(width: number, height: number, laneHeight: number): number {
  if (!(width > 0 && height > 0 && laneHeight > 0)) return MIN_BUDGET;
  const lanes = Math.max(1, Math.floor(height / laneHeight));
  const perLane = Math.max(1, Math.floor(width / LABEL_PX));
  return Math.min(MAX_BUDGET, Math.max(MIN_BUDGET, lanes * perLane));
}
