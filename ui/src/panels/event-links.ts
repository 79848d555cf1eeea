// The "Links" section of the detail panel: what the event responds to, follows up or is part
// of, and the events that link to it ("Responded to by …"). Each linked event opens on a
// click; a link whose event was deleted says so. Text is set with textContent only.
import type { EventLinks, LinkedEvent, Relation } from "../api/types";
import { formatPartialDate } from "../format/date";

export const RELATIONS: readonly Relation[] = ["responds_to", "follows_up", "part_of"];

const OUTGOING: Record<Relation, string> = {
  responds_to: "Responds to",
  follows_up: "Follows up",
  part_of: "Part of",
};

const INCOMING: Record<Relation, string> = {
  responds_to: "Responded to by",
  follows_up: "Followed up by",
  part_of: "Includes",
};

/** What a link stated by the event is called: "Responds to". */
export function relationLabel(relation: Relation): string {
  return OUTGOING[relation];
}

/** What a link to the event is called, seen from its target: "Responded to by". */
export function incomingLabel(relation: Relation): string {
  return INCOMING[relation];
}

export const MISSING_EVENT = "linked event no longer exists";

export interface LinkLine {
  /** "Responds to", "Responded to by" … */
  label: string;
  id: string;
  /** The other event's title, or null when it no longer exists. */
  title: string | null;
  /** Its date as the panel writes it, or null. */
  date: string | null;
}

function line(label: string, linked: LinkedEvent): LinkLine {
  return {
    label,
    id: linked.id,
    title: linked.title,
    date: linked.start === null ? null : formatPartialDate(linked.start),
  };
}

/** The lines of the section: the event's own links in its order, then the links to it. */
export function linkLines(links: EventLinks): LinkLine[] {
  return [
    ...links.outgoing.map((linked) => line(relationLabel(linked.relation), linked)),
    ...links.incoming.map((linked) => line(incomingLabel(linked.relation), linked)),
  ];
}

/** Whether the event belongs to a thread of more than itself. */
export function hasLinks(links: EventLinks): boolean {
  return links.outgoing.length > 0 || links.incoming.length > 0;
}

/** The list of links, or null when there are none. `open` shows a linked event. */
export function linksList(links: EventLinks, open: (id: string) => void): HTMLElement | null {
  const lines = linkLines(links);
  if (lines.length === 0) return null;
  const list = document.createElement("ul");
  list.className = "event-links";
  list.dataset.testid = "event-links";
  for (const entry of lines) {
    const item = document.createElement("li");
    item.className = "event-link";
    const label = document.createElement("span");
    label.className = "event-link-relation";
    label.textContent = `${entry.label}: `;
    item.append(label);
    if (entry.title === null) {
      const missing = document.createElement("span");
      missing.className = "event-link-missing";
      missing.textContent = MISSING_EVENT;
      missing.title = entry.id;
      item.append(missing);
    } else {
      const target = document.createElement("button");
      target.type = "button";
      target.className = "event-link-target";
      target.dataset.eventId = entry.id;
      target.textContent = entry.title;
      target.addEventListener("click", () => open(entry.id));
      // Inside the button, so a wrapped title keeps its date beside it.
      if (entry.date !== null) {
        const date = document.createElement("span");
        date.className = "event-link-date";
        date.textContent = ` · ${entry.date}`;
        target.append(date);
      }
      item.append(target);
    }
    list.append(item);
  }
  return list;
}
