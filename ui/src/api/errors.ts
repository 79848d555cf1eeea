import type { ErrorPayload } from "./types";

/** An error the backend (or the bridge to it) reported, carrying the payload the UI shows. */
export class BackendError extends Error {
  readonly payload: ErrorPayload;

  constructor(payload: ErrorPayload) {
    super(payload.message);
    this.name = "BackendError";
    this.payload = payload;
  }
}

function isPayload(value: unknown): value is ErrorPayload {
  if (typeof value !== "object" || value === null) return false;
  const v = value as Record<string, unknown>;
  return typeof v.code === "string" && typeof v.message === "string";
}

/**
 * Whatever a command rejected with, as an ErrorPayload the error banner can show.
 * The backend rejects with `{ code, message, field }`; the bridge itself may throw a plain
 * string or Error (for example when the command does not exist).
 */
export function toErrorPayload(error: unknown, context?: string): ErrorPayload {
  if (error instanceof BackendError) return error.payload;
  if (isPayload(error)) {
    const field = (error as { field?: unknown }).field;
    return {
      code: error.code,
      message: error.message,
      field: typeof field === "string" ? field : null,
    };
  }
  const text =
    typeof error === "string"
      ? error
      : error instanceof Error
        ? error.message
        : "Unknown error";
  return {
    code: "ui",
    message: context ? `${context}: ${text}` : text,
    field: null,
  };
}
