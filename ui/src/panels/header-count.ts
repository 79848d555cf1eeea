// The header's count. With a filter it gives two numbers, because one misleads: how many
// events match the filter at all, and how many of those are in the visible window ("19 match ·
// 0 in view"), so an empty view never reads as an empty filter.

export interface CountState {
  /** Events (matching the filter) overlapping the visible range. */
  visible: number;
  /** Events matching the filter over all time; null until the backend has answered. */
  matching: number | null;
  filtered: boolean;
  /** The backend sent only the most significant events of the window. */
  summarised: boolean;
  loaded: number;
}

export interface CountText {
  count: string;
  note: string;
}

/** A count as people read it at any size: "1,000,448", not "1000448". */
function number(count: number): string {
  return count.toLocaleString("en-US");
}

function events(count: number): string {
  return `${number(count)} ${count === 1 ? "event" : "events"}`;
}

export function headerCount(state: CountState): CountText {
  const notes: string[] = [];
  let count: string;
  if (!state.filtered) count = `${events(state.visible)} in view`;
  else if (state.matching === null) {
    count = `${events(state.visible)} in view`;
    notes.push("filtered");
  } else count = `${number(state.matching)} match · ${number(state.visible)} in view`;
  if (state.summarised) notes.push(`the ${number(state.loaded)} most significant are drawn`);
  return { count, note: notes.length > 0 ? `· ${notes.join(" · ")}` : "" };
}
