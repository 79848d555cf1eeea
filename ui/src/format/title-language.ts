// Which title the app shows: English, Chinese, or both. One setting for the timeline, the
// panel and search; an event without a Chinese title shows its English one whatever is chosen.

export type TitleLanguage = "en" | "zh" | "both";

export const TITLE_LANGUAGES: readonly { value: TitleLanguage; label: string }[] = [
  { value: "en", label: "English" },
  { value: "zh", label: "中文" },
  { value: "both", label: "English · 中文" },
];

export const TITLE_LANGUAGE_STORAGE_KEY = "bilateral.titleLanguage";

let current: TitleLanguage = "en";

export function parseTitleLanguage(text: string | null | undefined): TitleLanguage {
  return text === "zh" || text === "both" ? text : "en";
}

export function setTitleLanguage(language: TitleLanguage): void {
  current = language;
}

export function titleLanguage(): TitleLanguage {
  return current;
}

interface Titled {
  title: string;
  title_zh?: string;
}

/** The title to show for an event in the chosen language. */
export function displayTitle(event: Titled, language: TitleLanguage = current): string {
  const zh = event.title_zh?.trim();
  if (!zh || language === "en") return event.title;
  return language === "zh" ? zh : `${event.title} · ${zh}`;
}

/** The main and the second title of the detail panel's heading. */
export function headingTitles(event: Titled, language: TitleLanguage = current): { main: string; second: string | null } {
  const zh = event.title_zh?.trim();
  if (!zh) return { main: event.title, second: null };
  if (language === "zh") return { main: zh, second: event.title };
  return { main: event.title, second: zh };
}
