// Human names for the closed lists of the data model. The names, orders and colours are the
// core's, generated into ../generated/vocabulary.ts; this adds the fallbacks for codes an older
// or newer backend may send.
import type { Kind, Side, Verification } from "../api/types";
import { KIND_LABELS, SIDE_LABELS, VERIFICATION_LABELS, VERIFICATION_NOTES } from "../generated/vocabulary";

export { KINDS, SIDES, VERIFICATIONS } from "../generated/vocabulary";

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

export function verificationLabel(state: Verification): string {
  return VERIFICATION_LABELS[state] ?? humanise(state);
}

export function verificationNote(state: Verification): string {
  return VERIFICATION_NOTES[state] ?? "";
}
