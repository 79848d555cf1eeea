// What the DOM tests of dialogs share: the real index.html as the page, lookups that fail
// loudly, waiting for promises to settle, and a toast that remembers what it showed.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { cwd } from "node:process";
import type { Toast } from "../src/panels/toast";

/** Puts index.html's body (without its script) into the test document. */
export function loadPage(): void {
  const page = readFileSync(join(cwd(), "index.html"), "utf8");
  const body = /<body>([\s\S]*)<\/body>/.exec(page)?.[1] ?? "";
  document.body.innerHTML = body.replace(/<script[\s\S]*?<\/script>/g, "");
}

export function find<T extends Element>(selector: string): T {
  const found = document.querySelector<T>(selector);
  if (!found) throw new Error(`no ${selector}`);
  return found;
}

export const settle = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0));

export function fakeToast(): Toast & { shown: string[] } {
  const shown: string[] = [];
  return { shown, show: (message) => shown.push(message), working: (message) => shown.push(message), hide() {} };
}
