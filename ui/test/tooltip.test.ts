// @vitest-environment happy-dom
// The timeline tooltip never outstays what it describes: it goes when the pointer leaves the
// timeline, the view scrolls or zooms, a dialog opens or the window loses focus.
import { beforeEach, describe, expect, it } from "vitest";
import { createTooltip, hideTooltipWhenLeft } from "../src/timeline/tooltip";
import { find, loadPage, settle } from "./page";

const CONTENT = { title: "<b>Woodside</b> summit", date: "15 November 2023", kind: "Summit", kindClass: "kind-summit" };

let tip: HTMLElement;
let timeline: HTMLElement;
let stop: () => void;

beforeEach(() => {
  loadPage();
  tip = find<HTMLElement>(".tooltip");
  timeline = find<HTMLElement>("[data-testid=timeline]");
  const tooltip = createTooltip(tip);
  stop = hideTooltipWhenLeft(tooltip, timeline);
  tooltip.show(CONTENT, { x: 100, y: 100 });
});

describe("the timeline tooltip", () => {
  it("shows the event's title as text", () => {
    expect(tip.hidden).toBe(false);
    expect(tip.querySelector(".tooltip-title")?.textContent).toBe("<b>Woodside</b> summit");
    expect(tip.querySelector("b")).toBeNull();
  });

  it("goes when the pointer leaves the timeline", () => {
    timeline.dispatchEvent(new Event("pointerleave"));
    expect(tip.hidden).toBe(true);
  });

  it("goes on a wheel zoom", () => {
    timeline.dispatchEvent(new Event("wheel", { bubbles: true }));
    expect(tip.hidden).toBe(true);
  });

  it("goes when the lanes scroll", () => {
    find(".lanes-scroll").dispatchEvent(new Event("scroll"));
    expect(tip.hidden).toBe(true);
  });

  it("goes when the window loses focus", () => {
    window.dispatchEvent(new Event("blur"));
    expect(tip.hidden).toBe(true);
  });

  it("goes when a dialog opens", async () => {
    find<HTMLDialogElement>("[data-testid=confirm-dialog]").showModal();
    await settle();
    expect(tip.hidden).toBe(true);
  });

  it("stays while nothing happens, and stops listening when asked", async () => {
    await settle();
    expect(tip.hidden).toBe(false);
    stop();
    timeline.dispatchEvent(new Event("pointerleave"));
    expect(tip.hidden, "detached: no longer hidden by the timeline's events").toBe(false);
  });
});

describe("buttons that open a dialog", () => {
  it("carry no native title, which would stay over the dialog; their name says it", () => {
    for (const testid of ["new-event", "filter-button", "show-shortcuts", "edit-event", "delete-event"]) {
      const button = find<HTMLButtonElement>(`[data-testid=${testid}]`);
      expect(button.hasAttribute("title"), `${testid} has a title`).toBe(false);
      const name = (button.getAttribute("aria-label") ?? button.textContent ?? "").trim();
      expect(name, `${testid} still has a name`).not.toBe("");
    }
  });
});
