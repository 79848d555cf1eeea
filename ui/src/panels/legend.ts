// The legend: what the colours (kinds) and shapes (date precision) mean.
import { KINDS, kindClass, kindLabel } from "../format/labels";
import { SHAPE_LABELS } from "../generated/vocabulary";

function entry(swatchClass: string, label: string): HTMLLIElement {
  const item = document.createElement("li");
  const swatch = document.createElement("span");
  swatch.className = swatchClass;
  swatch.setAttribute("aria-hidden", "true");
  const text = document.createElement("span");
  text.textContent = label;
  item.append(swatch, text);
  return item;
}

export function renderLegend(shapes: HTMLElement, kinds: HTMLElement): void {
  shapes.replaceChildren(
    entry("legend-shape point", SHAPE_LABELS.point),
    entry("legend-shape bar", SHAPE_LABELS.bar),
    entry("legend-shape span", SHAPE_LABELS.span),
    entry("legend-user-mark", "Added or edited by you"),
  );
  kinds.replaceChildren(...KINDS.map((kind) => entry(`swatch ${kindClass(kind)}`, kindLabel(kind))));
}
