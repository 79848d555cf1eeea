// Generated from the Rust core's vocabulary (bilateral-core, vocabulary.rs); do not edit.
// Regenerate with `BILATERAL_UPDATE_BINDINGS=1 cargo test -p bilateral-core --test integration vocabulary`.
import type { Colour, Kind, Side, Verification } from "../api/types";

/** The kinds in display order (legend, filters, grouping). */
export const KINDS: readonly Kind[] = [
  "summit",
  "meeting",
  "call",
  "visit",
  "statement",
  "agreement",
  "trade_measure",
  "legislation",
  "military_incident",
  "cyber_intelligence",
  "legal_action",
  "hearing",
  "election",
  "other",
];

export const KIND_LABELS: Readonly<Record<Kind, string>> = {
  summit: "Summit",
  meeting: "Meeting",
  call: "Call",
  visit: "Visit",
  statement: "Statement",
  agreement: "Agreement",
  trade_measure: "Trade measure",
  legislation: "Legislation",
  military_incident: "Military incident",
  cyber_intelligence: "Cyber / intelligence",
  legal_action: "Legal action",
  hearing: "Hearing",
  election: "Election",
  other: "Other",
};

/** Each kind's colour per theme; the app takes them from kind-colours.css. */
export const KIND_COLOURS: Readonly<Record<Kind, { light: string; dark: string }>> = {
  summit: {"light":"#b91c1c","dark":"#f87171"},
  meeting: {"light":"#1d4ed8","dark":"#60a5fa"},
  call: {"light":"#0369a1","dark":"#38bdf8"},
  visit: {"light":"#6d28d9","dark":"#a78bfa"},
  statement: {"light":"#4338ca","dark":"#818cf8"},
  agreement: {"light":"#15803d","dark":"#4ade80"},
  trade_measure: {"light":"#a16207","dark":"#facc15"},
  legislation: {"light":"#a21caf","dark":"#e879f9"},
  military_incident: {"light":"#c2410c","dark":"#fb923c"},
  cyber_intelligence: {"light":"#0f766e","dark":"#2dd4bf"},
  legal_action: {"light":"#7c2d12","dark":"#d6a77a"},
  hearing: {"light":"#be185d","dark":"#f472b6"},
  election: {"light":"#4d7c0f","dark":"#a3e635"},
  other: {"light":"#6b7280","dark":"#9ca3af"},
};

export const SIDES: readonly Side[] = [
  "us",
  "china",
  "taiwan",
  "third_party",
  "international",
];

export const SIDE_LABELS: Readonly<Record<Side, string>> = {
  us: "US",
  china: "China",
  taiwan: "Taiwan",
  third_party: "Third party",
  international: "International",
};

export const VERIFICATIONS: readonly Verification[] = [
  "corroborated",
  "single_source",
  "disputed",
  "unsourced",
];

export const VERIFICATION_LABELS: Readonly<Record<Verification, string>> = {
  corroborated: "Corroborated",
  single_source: "Single source",
  disputed: "Disputed",
  unsourced: "Unsourced",
};

export const VERIFICATION_NOTES: Readonly<Record<Verification, string>> = {
  corroborated: "Reported by two independent publishers, or by a government's or a court's own record.",
  single_source: "Reported by one publisher only.",
  disputed: "Its sources give different dates.",
  unsourced: "No source recorded.",
};

/** What each mark shape says about an event's dates (the legend). */
export const SHAPE_LABELS: Readonly<Record<"point" | "bar" | "span", string>> = {
  point: "Day",
  bar: "Several days",
  span: "Month or year",
};

export const MONTH_NAMES = [
  "January",
  "February",
  "March",
  "April",
  "May",
  "June",
  "July",
  "August",
  "September",
  "October",
  "November",
  "December",
] as const;

export const MONTH_SHORT = [
  "Jan",
  "Feb",
  "Mar",
  "Apr",
  "May",
  "Jun",
  "Jul",
  "Aug",
  "Sep",
  "Oct",
  "Nov",
  "Dec",
] as const;

/** How the core words dates and ranges, as [start, end, words]: the UI's formatter must agree. */
export const DATE_WORDING: readonly (readonly [string, string | null, string])[] = [
  ["2023-11-15",null,"15 November 2023"],
  ["2023-11",null,"November 2023"],
  ["2023",null,"2023"],
  ["2023-11-15","2023-11-15","15 November 2023"],
  ["2023-11-15","2023-11-16","15–16 November 2023"],
  ["2023-11-30","2023-12-02","30 November – 2 December 2023"],
  ["2023-12-30","2024-01-02","30 December 2023 – 2 January 2024"],
  ["2023-03","2023-05","March–May 2023"],
  ["2023-11","2024-02","November 2023 – February 2024"],
  ["1971","1972","1971–1972"],
  ["1971","1971","1971"],
  ["1971","1972-03","1971 – March 1972"],
  ["1971-07","1972","July 1971 – 1972"],
  ["1972-02-21","1972-03","21 February 1972 – March 1972"],
  ["1972-02","1972-03-01","February 1972 – 1 March 1972"],
];

/** The colours a period of the user's may have, in the order the picker offers them. */
export const PERIOD_COLOURS: readonly Colour[] = [
  "blue",
  "teal",
  "green",
  "amber",
  "red",
  "purple",
  "grey",
];

export const PERIOD_COLOUR_LABELS: Readonly<Record<Colour, string>> = {
  blue: "Blue",
  teal: "Teal",
  green: "Green",
  amber: "Amber",
  red: "Red",
  purple: "Purple",
  grey: "Grey",
};

/** What an export accepts: a picture's size in pixels, and the most events of the documents laid out whole. */
export const EXPORT_LIMITS = {
  minImageWidth: 320,
  minImageHeight: 200,
  maxImageSide: 8000,
  mostEvents: { pdf: 25000, html: 100000 },
} as const;

/** The most events one undo step keeps: an import, a bulk edit or a delete of more cannot be undone. */
export const UNDO_LIMIT = 20000;
