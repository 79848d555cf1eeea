// The legend's era controls: a checkbox per group (its strip above the lanes, the user's own
// periods included), which group shades the plot, and "Add period…". Applied at once and
// remembered across restarts, like Group by and Titles.
import type { EraGroup } from "../api/types";
import {
  BAND_GROUPS,
  ERA_GROUPS,
  ERA_SETTINGS_STORAGE_KEY,
  parseEraSettings,
  type EraSettings,
} from "../timeline/eras";
import type { KeyValueStore } from "./filter-model";

export function renderEraControls(
  root: HTMLElement,
  store: KeyValueStore | null,
  apply: (settings: EraSettings) => void,
  /** Opens the period editor for a new period; no button without it. */
  addPeriod?: () => void,
): void {
  let settings = parseEraSettings(store?.getItem(ERA_SETTINGS_STORAGE_KEY));
  const title = document.createElement("span");
  title.className = "legend-eras-title";
  title.id = "legend-eras-title";
  title.textContent = "Eras";
  root.setAttribute("role", "group");
  root.setAttribute("aria-labelledby", title.id);

  const changed = (next: EraSettings): void => {
    settings = next;
    try {
      store?.setItem(ERA_SETTINGS_STORAGE_KEY, JSON.stringify(settings));
    } catch {
      // Not remembered; still applied.
    }
    apply(settings);
  };

  const boxes = BAND_GROUPS.map(({ group, label }) => {
    const wrapper = document.createElement("label");
    wrapper.className = "legend-era-toggle";
    const box = document.createElement("input");
    box.type = "checkbox";
    box.checked = settings.strips[group];
    box.dataset.testid = `era-strip-${group}`;
    const swatch = document.createElement("span");
    swatch.className = "legend-era-swatch";
    swatch.setAttribute("aria-hidden", "true");
    const text = document.createElement("span");
    text.textContent = label;
    wrapper.append(box, swatch, text);
    box.addEventListener("change", () =>
      changed({ ...settings, strips: { ...settings.strips, [group]: box.checked } }),
    );
    return wrapper;
  });

  const shadeLabel = document.createElement("label");
  shadeLabel.className = "legend-era-shade";
  shadeLabel.htmlFor = "era-shade";
  shadeLabel.textContent = "Shade";
  const shade = document.createElement("select");
  shade.id = "era-shade";
  shade.className = "field select compact";
  shade.dataset.testid = "era-shade";
  const options: { value: EraGroup | "none"; label: string }[] = [
    { value: "none", label: "None" },
    ...ERA_GROUPS.map(({ group, label }) => ({ value: group, label })),
  ];
  for (const option of options) {
    const element = document.createElement("option");
    element.value = option.value;
    element.textContent = option.label;
    shade.append(element);
  }
  shade.value = settings.shade;
  shade.addEventListener("change", () =>
    changed({ ...settings, shade: parseEraSettings(JSON.stringify({ ...settings, shade: shade.value })).shade }),
  );

  const extra: HTMLElement[] = [];
  if (addPeriod) {
    const add = document.createElement("button");
    add.type = "button";
    add.className = "button compact";
    add.dataset.testid = "add-period";
    add.setAttribute("aria-haspopup", "dialog");
    add.textContent = "Add period…";
    add.addEventListener("click", () => addPeriod());
    extra.push(add);
  }
  root.replaceChildren(title, ...boxes, shadeLabel, shade, ...extra);
  apply(settings);
}
