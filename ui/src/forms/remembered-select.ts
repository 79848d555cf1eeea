// A <select> whose choice applies at once and is remembered across restarts (Group by, Titles).
import type { KeyValueStore } from "../panels/filter-model";

export interface RememberedSelect<T extends string> {
  select: HTMLSelectElement;
  options: readonly { value: T; label: string }[];
  /** Reads a stored or chosen value, falling back to the default for anything unknown. */
  parse(text: string | null | undefined): T;
  store: KeyValueStore | null;
  key: string;
  apply(value: T): void;
}

export function rememberedSelect<T extends string>(props: RememberedSelect<T>): void {
  for (const option of props.options) {
    const element = document.createElement("option");
    element.value = option.value;
    element.textContent = option.label;
    props.select.append(element);
  }
  const apply = (value: T): void => {
    props.select.value = value;
    props.apply(value);
  };
  apply(props.parse(props.store?.getItem(props.key)));
  props.select.addEventListener("change", () => {
    const value = props.parse(props.select.value);
    try {
      props.store?.setItem(props.key, value);
    } catch {
      // Not remembered; still applied.
    }
    apply(value);
  });
}

/** Chooses `value` as if the user had: applied and remembered (a saved view switching it). */
export function chooseOption(select: HTMLSelectElement, value: string): void {
  if (select.value === value) return;
  select.value = value;
  select.dispatchEvent(new Event("change"));
}
