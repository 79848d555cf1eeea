// Which source links the app will open (web addresses only; the backend checks again), and
// what to offer when no browser could open one: the link itself, copied to the clipboard.
import { toErrorPayload } from "../api/errors";

/** The backend's code when the system had no browser to hand the link to. */
export const OPEN_FAILED = "open_failed";

export function isWebUrl(url: string): boolean {
  try {
    const parsed = new URL(url);
    return (parsed.protocol === "http:" || parsed.protocol === "https:") && parsed.hostname !== "";
  } catch {
    return false;
  }
}

/** True when opening a link failed for want of a browser (not because the link was refused). */
export function isOpenFailure(error: unknown): boolean {
  return toErrorPayload(error).code === OPEN_FAILED;
}

/** Where copied text goes; `navigator.clipboard` in the app. */
export interface ClipboardWriter {
  writeText(text: string): Promise<void>;
}

/**
 * Copies a link; false when the clipboard refused (none, or no permission). The webview's own
 * clipboard is enough: the copy follows a click, so no Tauri clipboard permission is needed.
 */
export async function copyLink(url: string, clipboard: ClipboardWriter | undefined): Promise<boolean> {
  if (!clipboard) return false;
  try {
    await clipboard.writeText(url);
    return true;
  } catch {
    return false;
  }
}
