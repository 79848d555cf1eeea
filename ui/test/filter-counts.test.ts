// @vitest-environment happy-dom
// The filter popover shows, beside each side, how many events have an actor of that side,
// counted without the sides already chosen (so the other sides stay readable).
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { cwd } from "node:process";
import { beforeEach, expect, it } from "vitest";
import type { Facets, Filter } from "../src/api/types";
import { emptyFilter } from "../src/panels/filter-model";
import { createFilters } from "../src/panels/filters";

beforeEach(() => {
  const page = readFileSync(join(cwd(), "index.html"), "utf8");
  const body = /<body>([\s\S]*)<\/body>/.exec(page)?.[1] ?? "";
  document.body.innerHTML = body.replace(/<script[\s\S]*?<\/script>/g, "");
});

it("counts events per side in the filter popover, ignoring the sides already chosen", async () => {
  const bar = document.querySelector<HTMLElement>("[data-testid=filter-bar]");
  const dialog = document.querySelector<HTMLDialogElement>("[data-testid=filter-dialog]");
  if (!bar || !dialog) throw new Error("filter markup");
  const asked: Filter[] = [];
  const facets = async (filter: Filter): Promise<Facets> => {
    asked.push(filter);
    const us = filter.sides.length === 0 ? 40 : 7;
    return {
      total: 50,
      kinds: [],
      actors: [],
      tags: [],
      verifications: [],
      sides: [
        { side: "us", count: us },
        { side: "china", count: 35 },
      ],
    };
  };
  const filters = createFilters(bar, dialog, { ...emptyFilter(), sides: ["china"] }, { facets, change() {}, error() {} });
  filters.openPopover();
  await new Promise((resolve) => setTimeout(resolve, 0));
  const count = (side: string): string | null | undefined =>
    dialog.querySelector(`[data-testid=filter-side-${side}] .count`)?.textContent;
  expect(count("us"), "counted as if no side were chosen").toBe("40");
  expect(count("china")).toBe("35");
  expect(count("taiwan"), "a side no event has reads 0").toBe("0");
  expect(asked.some((filter) => filter.sides.length === 0)).toBe(true);
});
