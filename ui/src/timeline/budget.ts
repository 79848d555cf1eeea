// How many labelled events a view can show without turning into a wall of stacked lanes: about
// as many as fit in the visible lanes. Beyond it the backend sends the most significant events
// and the density strip counts the rest, so a wide zoom stays legible and zooming in reveals
// everything. Placement keeps labels within the lanes the view shows (the rest are drawn as
// marks), so asking a little more than fits costs nothing below the fold, while asking too
// little leaves the lower half of a tall window empty: the backend's fair share per stretch
// of time answers with fewer events than asked wherever a stretch is quiet.

/** Width of a drawn label with its marker and gap, in px, as lanes pack them at a wide zoom. */
const LABEL_PX = 200;
/** Never fewer than this, so a small window still shows the main events. */
export const MIN_BUDGET = 40;
/** The backend's own cap per answer. */
export const MAX_BUDGET = 2000;
/** Grouped views stack one block of lanes per band; past this many bands the user scrolls. */
const MAX_BAND_FACTOR = 4;

/**
 * The window limit for a view of `width` × `height` px. `bands` is how many bands a grouped
 * view stacks: each gets the view's lanes, so the budget grows with them (up to a few).
 */
export function labelBudget(width: number, height: number, laneHeight: number, bands = 1): number {
  if (!(width > 0 && height > 0 && laneHeight > 0)) return MIN_BUDGET;
  const lanes = Math.max(1, Math.floor(height / laneHeight));
  const perLane = Math.max(1, Math.floor(width / LABEL_PX));
  const factor = Math.min(MAX_BAND_FACTOR, Math.max(1, Math.floor(bands)));
  return Math.min(MAX_BUDGET, Math.max(MIN_BUDGET, lanes * perLane * factor));
}
