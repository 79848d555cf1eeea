// @vitest-environment happy-dom
// A link no browser could open: the banner says so plainly, shows the link and offers to copy it.
import { beforeEach, describe, expect, it } from "vitest";
import { BackendError } from "../src/api/errors";
import { createErrorBanner } from "../src/panels/error-banner";
import { copyLink, isOpenFailure, OPEN_FAILED } from "../src/panels/links";
import { find, loadPage } from "./page";

const URL = "https://www.reuters.com/world/china/some-story-2023-11-15/";
const NO_BROWSER = { code: OPEN_FAILED, message: "No web browser could be opened to show this link.", field: null };

beforeEach(() => loadPage());

describe("a link that could not be opened", () => {
  it("is told apart from a refused link and from other failures", () => {
    expect(isOpenFailure(new BackendError(NO_BROWSER))).toBe(true);
    expect(isOpenFailure(NO_BROWSER)).toBe(true);
    expect(isOpenFailure({ code: "invalid_url", message: "only http(s)", field: "url" })).toBe(false);
    expect(isOpenFailure(new Error("boom"))).toBe(false);
  });

  it("is copied to the clipboard, or says it could not be", async () => {
    const copied: string[] = [];
    expect(await copyLink(URL, { writeText: async (text) => void copied.push(text) })).toBe(true);
    expect(copied).toEqual([URL]);
    expect(await copyLink(URL, { writeText: () => Promise.reject(new Error("NotAllowedError")) })).toBe(false);
    expect(await copyLink(URL, undefined), "a webview without a clipboard").toBe(false);
  });

  it("is shown in the banner with the link and a Copy link button", () => {
    const banner = createErrorBanner(find("[data-testid=error-banner]"));
    const clicks: string[] = [];
    banner.show(new BackendError(NO_BROWSER), { detail: URL, action: { label: "Copy link", run: () => clicks.push("copy") } });
    expect(find<HTMLElement>("[data-testid=error-banner]").hidden).toBe(false);
    expect(find(".error-message").textContent).toBe("No web browser could be opened to show this link.");
    expect(find(".error-detail").textContent, "the link, not a code").toBe(URL);
    const button = find<HTMLButtonElement>("[data-testid=error-action]");
    expect(button.hidden).toBe(false);
    expect(button.textContent).toBe("Copy link");
    button.click();
    expect(clicks).toEqual(["copy"]);
  });

  it("leaves no stale button on the next, unrelated error", () => {
    const banner = createErrorBanner(find("[data-testid=error-banner]"));
    banner.show(NO_BROWSER, { detail: URL, action: { label: "Copy link", run: () => {} } });
    banner.show({ code: "not_found", message: "No event x", field: "id" });
    expect(find<HTMLButtonElement>("[data-testid=error-action]").hidden).toBe(true);
    expect(find(".error-detail").textContent).toBe("not_found · field: id");
  });
});
