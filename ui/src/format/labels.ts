// Human names for the closed lists of the data model.
import type { Kind, Side, Verification } from "../api/types";

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

export const SIDES: readonly Side[] = ["us", "china", "taiwan", "third_party", "international"];

const KIND_LABELS: Record<Kind, string> = {
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

const SIDE_LABELS: Record<Side, string> = {
  us: "US",
  china: "China",
  taiwan: "Taiwan",
  third_party: "Third party",
  international: "International",
};

function isKind(kind: string): kind is Kind {
  return Object.prototype.hasOwnProperty.call(KIND_LABELS, kind);
}

function humanise(code: string): string {
  const words = code.replace(/_/g, " ").trim();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

export function kindLabel(kind: string): string {
  return isKind(kind) ? KIND_LABELS[kind] : humanise(kind);
}

/** The CSS class that carries a kind's colour; unknown kinds are drawn as "other". */
export function kindClass(kind: string): string {
  return `kind-${isKind(kind) ? kind : "other"}`;
}

export function sideLabel(side: string): string {
  return Object.prototype.hasOwnProperty.call(SIDE_LABELS, side)
    ? SIDE_LABELS[side as Side]
    : humanise(side);
}

export const VERIFICATIONS: readonly Verification[] = ["corroborated", "single_source", "disputed", "unsourced"];

const VERIFICATION_LABELS: Record<Verification, string> = {
  corroborated: "Corroborated",
  single_source: "Single source",
  disputed: "Disputed",
  unsourced: "Unsourced",
};

const VERIFICATION_NOTES: Record<Verification, string> = {
  corroborated: "Reported by two independent publishers, or by a government's or a court's own record.",
  single_source: "Reported by one publisher only.",
  disputed: "Its sources give different dates.",
  unsourced: "No source recorded.",
};

export function verificationLabel(state: Verification): string {
  return VERIFICATION_LABELS[state] ?? humanise(state);
}

export function verificationNote(state: Verification): string {
  return VERIFICATION_NOTES[state] ?? "";
}
