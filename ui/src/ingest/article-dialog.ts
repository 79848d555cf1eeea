// File → New from article…: step 1 takes the article (pasted, or a file opened through the
// backend's native dialog) and an optional address; step 2 shows the date every relative
// expression is resolved against (changeable: the text is read again), the text with its
// dates marked, and the candidate events to accept, edit or reject. One call adds every
// accepted one; one undo takes them all back.
import { html, nothing, render, type TemplateResult } from "lit-html";
import { live } from "lit-html/directives/live.js";
import { toErrorPayload } from "../api/errors";
import type {
  ArticleAdded,
  ArticleFile,
  ArticleItem,
  ArticleRequest,
  Event as EventData,
  Extraction,
  PageFormat,
  Published,
  StoredEvent,
} from "../api/types";
import type { DraftOptions } from "../editor/editor-dialog";
import { parsePartialDate } from "../format/partial-date";
import { openModal, requestClose, saveOnCtrlEnter } from "../forms/modal";
import type { ConfirmOptions } from "../panels/confirm";
import { anchorDay, anchorSource, reportsNote } from "./anchor-words";
import { initialMeta, withUrl, type MetaFields } from "./article-meta";
import { articleText, createTip, scrollWithin, TIP_ID } from "./article-text";
import { candidateCard } from "./candidate-card";
import {
  addLabel,
  addedWords,
  articleUrlProblem,
  buildRequest,
  candidateKeys,
  editedDecision,
  fieldLabel,
  finalEvent,
  itemOfError,
  newDecision,
  pastedFormat,
  type Decision,
} from "./decisions";
import { scalarIndex, sliceScalars } from "./offsets";
import { segmentText, type Segment } from "./segments";

export interface ArticleDeps {
  extract(request: ArticleRequest): Promise<Extraction>;
  openFile(): Promise<ArticleFile | null>;
  add(items: ArticleItem[]): Promise<ArticleAdded>;
  getEvent(id: string): Promise<StoredEvent>;
  /** Opens the event editor on a candidate; it hands the checked event back instead of saving. */
  editDraft(event: EventData, options: DraftOptions): void;
  confirm(options: ConfirmOptions): Promise<boolean>;
  error(error: unknown): void;
  /** Everything accepted was written: refresh, say so ("2 events and 1 source"), show it. */
  added(result: ArticleAdded, words: string): void;
}

export interface ArticleDialog {
  open(): void;
  isOpen(): boolean;
}

interface InputStep {
  step: "input";
  text: string;
  /** How an opened file is written; null for pasted text (then guessed). */
  fileFormat: PageFormat | null;
  fileName: string | null;
  url: string;
  urlError: string | null;
  busy: boolean;
  error: string | null;
}

interface ReviewStep {
  step: "review";
  input: { text: string; format: PageFormat; fileName: string | null };
  extraction: Extraction;
  segments: Segment[];
  /** The date the page gives itself, from the first reading (null when none was found). */
  detected: Published | null;
  anchor: string;
  anchorError: string | null;
  rereading: boolean;
  decisions: Decision[];
  keys: string[];
  /** Stored events candidates may be (null: no longer in the store). */
  stored: Map<string, StoredEvent | null>;
  meta: MetaFields;
  urlError: string | null;
  titleError: string | null;
  cardErrors: Map<number, string>;
  general: string | null;
  active: number | null;
  current: number;
  adding: boolean;
}

type State = InputStep | ReviewStep;

const P = "art";
/** At most this many stored events are offered per candidate (the best matches). */
const MATCHES_SHOWN = 3;
const REREAD_DELAY_MS = 600;

function emptyInput(): InputStep {
  return { step: "input", text: "", fileFormat: null, fileName: null, url: "", urlError: null, busy: false, error: null };
}

function isDay(text: string): boolean {
  return /^\d{4}-\d{2}-\d{2}$/.test(text) && parsePartialDate(text) !== null;
}

/** The decision for each candidate of a reading, keeping earlier choices for the same sentences. */
function decide(extraction: Extraction, earlier: ReadonlyMap<string, Decision>): { decisions: Decision[]; keys: string[] } {
  const index = scalarIndex(extraction.text);
  const keys = candidateKeys(extraction.candidates);
  const decisions = extraction.candidates.map((candidate, i) => {
    const sentence = sliceScalars(extraction.text, index, candidate.quote_start, candidate.quote_end);
    const decision = newDecision(candidate, extraction.url ?? null, sentence);
    const before = earlier.get(keys[i] ?? "");
    if (before) {
      decision.choice = before.choice;
      // A target the user chose stays while the new reading still offers it.
      if (before.targetChosen && (before.target === null || candidate.matches.includes(before.target))) {
        decision.target = before.target;
        decision.targetChosen = true;
      }
    }
    return decision;
  });
  return { decisions, keys };
}

function segmentsOf(extraction: Extraction): Segment[] {
  return segmentText(
    extraction.text,
    extraction.timexes,
    extraction.candidates.map((candidate) => ({ start: candidate.quote_start, end: candidate.quote_end })),
  );
}

/** Which of the dialog's source fields an item's error is about, when it is the article's own. */
function articleField(field: string, decision: Decision | undefined): "url" | "title" | null {
  const match = /^(?:source|event\.sources\[(\d+)\])\.(url|title)$/.exec(field);
  if (!match || !decision) return null;
  const own = match[1] === undefined ? decision.article !== null || decision.target !== null : Number(match[1]) === decision.article;
  return own ? (match[2] as "url" | "title") : null;
}

export function createArticleDialog(dialog: HTMLDialogElement, deps: ArticleDeps): ArticleDialog {
  let state: State = emptyInput();
  /** Readings started; only the latest one's answer is shown. */
  let readings = 0;
  let rereadTimer: ReturnType<typeof setTimeout> | undefined;
  const tip = createTip(() => dialog.querySelector<HTMLElement>(`#${TIP_ID}`));

  const draw = (): void => {
    dialog.classList.toggle("reviewing", state.step === "review");
    render(template(state), dialog);
  };

  const focus = (selector: string): void => {
    dialog.querySelector<HTMLElement>(selector)?.focus();
  };

  const review = (): ReviewStep | null => (state.step === "review" ? state : null);

  // ---------- Step 1: the article ----------

  const openFile = async (): Promise<void> => {
    if (state.step !== "input" || state.busy) return;
    const s = state;
    s.busy = true;
    s.error = null;
    draw();
    try {
      const file = await deps.openFile();
      s.busy = false;
      if (file) {
        s.text = file.input;
        s.fileFormat = file.format;
        s.fileName = file.name;
        if (file.url && s.url.trim() === "") s.url = file.url;
      }
    } catch (error) {
      s.busy = false;
      s.error = toErrorPayload(error).message;
    }
    if (state === s) {
      draw();
      focus(s.error ? "[data-testid=article-input-error]" : "[data-testid=article-find]");
    }
  };

  const find = async (): Promise<void> => {
    if (state.step !== "input" || state.busy) return;
    const s = state;
    s.error = null;
    s.urlError = null;
    if (s.text.trim() === "") {
      s.error = "Paste the article’s text, or open a saved page, first.";
      draw();
      focus("[data-field=text]");
      return;
    }
    const url = s.url.trim();
    if (url !== "") s.urlError = articleUrlProblem(url);
    if (s.urlError) {
      draw();
      focus("[data-field=url]");
      return;
    }
    const format = s.fileFormat ?? pastedFormat(s.text);
    s.busy = true;
    draw();
    const ticket = ++readings;
    try {
      const extraction = await deps.extract({ input: s.text, format, ...(url ? { url } : {}) });
      if (ticket !== readings || state !== s || !dialog.open) return;
      toReview(extraction, { text: s.text, format, fileName: s.fileName }, url);
    } catch (error) {
      if (state !== s) return;
      s.busy = false;
      s.error = toErrorPayload(error).message;
      draw();
      focus("[data-testid=article-input-error]");
    }
  };

  const toReview = (extraction: Extraction, input: ReviewStep["input"], typedUrl: string): void => {
    const detected = extraction.published.from === "argument" ? null : extraction.published;
    const { decisions, keys } = decide(extraction, new Map());
    state = {
      step: "review",
      input,
      extraction,
      segments: segmentsOf(extraction),
      detected,
      anchor: extraction.published.date.slice(0, 10),
      anchorError: null,
      rereading: false,
      decisions,
      keys,
      stored: new Map(),
      meta: initialMeta(extraction, typedUrl, detected),
      urlError: null,
      titleError: null,
      cardErrors: new Map(),
      general: null,
      active: null,
      current: 0,
      adding: false,
    };
    draw();
    void loadMatches(state);
    focus("[data-testid=article-anchor]");
  };

  // ---------- Step 2: dates and candidates ----------

  /** Fetches the stored events candidates may be; a match gone from the store is dropped. */
  const loadMatches = async (s: ReviewStep): Promise<void> => {
    const wanted = new Set(s.extraction.candidates.flatMap((candidate) => candidate.matches).filter((id) => !s.stored.has(id)));
    await Promise.all(
      [...wanted].map((id) =>
        deps.getEvent(id).then(
          (event) => s.stored.set(id, event),
          () => s.stored.set(id, null),
        ),
      ),
    );
    s.decisions.forEach((decision, i) => {
      if (decision.target !== null && s.stored.get(decision.target) === null) {
        const next = s.extraction.candidates[i]?.matches.find((id) => s.stored.get(id));
        decision.target = next ?? null;
      }
    });
    if (state === s) draw();
  };

  const matchesOf = (s: ReviewStep, index: number): StoredEvent[] =>
    (s.extraction.candidates[index]?.matches ?? [])
      .flatMap((id) => {
        const event = s.stored.get(id);
        return event ? [event] : [];
      })
      .slice(0, MATCHES_SHOWN);

  const reread = async (date: string): Promise<void> => {
    const s = review();
    if (!s) return;
    clearTimeout(rereadTimer);
    s.anchor = date;
    if (!isDay(date)) {
      s.anchorError = "Enter a whole date, such as 2024-01-31.";
      draw();
      return;
    }
    s.anchorError = null;
    if (date === s.extraction.published.date.slice(0, 10) && !s.rereading) {
      draw();
      return;
    }
    const edited = s.decisions.filter((decision) => decision.edited).length;
    if (edited > 0) {
      const ok = await deps.confirm({
        title: "Read the dates again?",
        message: `Every date is resolved again against the new anchor, and your edits to ${edited === 1 ? "1 candidate" : `${edited} candidates`} are replaced by the new reading. Accepted and rejected candidates stay so.`,
        confirmLabel: "Read again",
        cancelLabel: "Keep my edits",
      });
      if (state !== s) return;
      if (!ok) {
        s.anchor = s.extraction.published.date.slice(0, 10);
        draw();
        return;
      }
    }
    s.rereading = true;
    draw();
    const ticket = ++readings;
    const url = s.meta.url.trim();
    try {
      const extraction = await deps.extract({
        input: s.input.text,
        format: s.input.format,
        published: date,
        ...(url !== "" && articleUrlProblem(url) === null ? { url } : {}),
      });
      if (ticket !== readings || state !== s) return;
      const earlier = new Map(s.keys.map((key, i) => [key, s.decisions[i] as Decision]));
      const { decisions, keys } = decide(extraction, earlier);
      Object.assign(s, {
        anchor: extraction.published.date.slice(0, 10),
        extraction,
        segments: segmentsOf(extraction),
        decisions,
        keys,
        rereading: false,
        cardErrors: new Map(),
        general: null,
        active: null,
      });
      draw();
      void loadMatches(s);
    } catch (error) {
      if (ticket !== readings || state !== s) return;
      s.rereading = false;
      s.anchor = s.extraction.published.date.slice(0, 10);
      s.anchorError = toErrorPayload(error).message;
      draw();
    }
  };

  const anchorInput = (value: string): void => {
    const s = review();
    if (!s) return;
    s.anchor = value;
    clearTimeout(rereadTimer);
    // Typing a date part by part passes through other whole dates: wait for a pause.
    if (isDay(value)) rereadTimer = setTimeout(() => void reread(value), REREAD_DELAY_MS);
  };

  const show = (index: number, scrollCard = false): void => {
    const s = review();
    if (!s) return;
    s.active = index;
    const timex = s.extraction.candidates[index]?.timex;
    if (timex !== undefined) s.current = timex;
    draw();
    scrollWithin(dialog.querySelector(".article-text"), dialog.querySelector(".article-text .quote.active"), "center");
    if (scrollCard) {
      const card = dialog.querySelector<HTMLElement>(`[data-testid=candidate][data-index="${index}"]`);
      scrollWithin(dialog.querySelector(".candidate-list"), card, "nearest");
      card?.querySelector<HTMLElement>("[data-testid=candidate-title]")?.focus({ preventScroll: true });
    }
  };

  const choose = (index: number, choice: Decision["choice"]): void => {
    const s = review();
    const decision = s?.decisions[index];
    if (!s || !decision || s.adding) return;
    decision.choice = decision.choice === choice ? "pending" : choice;
    s.cardErrors.delete(index);
    s.general = null;
    draw();
  };

  const edit = (index: number): void => {
    const s = review();
    const decision = s?.decisions[index];
    if (!s || !decision || s.adding) return;
    deps.editDraft(finalEvent(decision, s.meta), {
      heading: "Edit candidate",
      saveLabel: "Use these details",
      note: "Nothing is saved yet: the event is added with the others when you choose Add.",
      done: (event) => {
        if (state !== s) return;
        s.decisions[index] = { ...editedDecision(decision, event, s.meta), choice: "accepted" };
        s.cardErrors.delete(index);
        draw();
        focus(`[data-testid=candidate][data-index="${index}"] [data-testid=candidate-edit]`);
      },
    });
  };

  const target = (index: number, id: string | null): void => {
    const s = review();
    const decision = s?.decisions[index];
    if (!s || !decision) return;
    decision.target = id;
    decision.targetChosen = true;
    s.cardErrors.delete(index);
    draw();
  };

  const setMeta = (change: (meta: MetaFields) => MetaFields, clear: "url" | "title"): void => {
    const s = review();
    if (!s) return;
    s.meta = change(s.meta);
    if (clear === "url") s.urlError = null;
    else s.titleError = null;
    draw();
  };

  const add = async (): Promise<void> => {
    const s = review();
    if (!s || s.adding || s.rereading) return;
    const request = buildRequest(s.decisions, s.meta);
    if (request.items.length === 0) return;
    s.urlError = articleUrlProblem(s.meta.url);
    s.titleError = s.meta.title.trim() === "" ? "Give the article’s title: it names the source of every event you add." : null;
    s.general = null;
    s.cardErrors = new Map();
    if (s.urlError || s.titleError) {
      draw();
      focus(s.urlError ? "[data-field=meta-url]" : "[data-field=meta-title]");
      return;
    }
    s.adding = true;
    draw();
    try {
      const result = await deps.add(request.items);
      s.adding = false;
      if (dialog.open) dialog.close();
      deps.added(result, addedWords(request.events, request.sources));
    } catch (error) {
      s.adding = false;
      const payload = toErrorPayload(error);
      const at = itemOfError(payload.field);
      const card = at ? request.from[at.item] : undefined;
      const own = at && card !== undefined ? articleField(at.field, s.decisions[card]) : null;
      if (own === "url") s.urlError = payload.message;
      else if (own === "title") s.titleError = payload.message;
      else if (at && card !== undefined) s.cardErrors.set(card, `${fieldLabel(at.field)}: ${payload.message}`);
      else s.general = payload.message;
      draw();
      if (own) focus(own === "url" ? "[data-field=meta-url]" : "[data-field=meta-title]");
      else if (card !== undefined) {
        const element = dialog.querySelector<HTMLElement>(`[data-testid=candidate][data-index="${card}"]`);
        scrollWithin(dialog.querySelector(".candidate-list"), element, "nearest");
        element?.querySelector<HTMLElement>("[data-testid=candidate-edit]")?.focus({ preventScroll: true });
      } else focus("[data-testid=article-general-error]");
    }
  };

  const back = (): void => {
    const s = review();
    if (!s || s.adding) return;
    void confirmDrop(s).then((ok) => {
      if (!ok || state !== s) return;
      readings += 1;
      state = {
        ...emptyInput(),
        text: s.input.text,
        fileFormat: s.input.fileName ? s.input.format : null,
        fileName: s.input.fileName,
        url: s.meta.url,
      };
      draw();
      focus("[data-field=text]");
    });
  };

  /** Asks before dropping accepted or edited candidates; true when there are none. */
  const confirmDrop = async (s: ReviewStep): Promise<boolean> => {
    const kept = s.decisions.filter((decision) => decision.choice === "accepted" || decision.edited).length;
    if (kept === 0) return true;
    return deps.confirm({
      title: "Drop your choices?",
      message: `${kept === 1 ? "1 candidate you accepted or edited is" : `${kept} candidates you accepted or edited are`} not added yet.`,
      confirmLabel: "Drop them",
      cancelLabel: "Keep reviewing",
      danger: true,
    });
  };

  // ---------- Templates ----------

  const header = (title: string): TemplateResult => html`<div class="dialog-header">
    <h2 class="dialog-title" id="article-heading">New from article <span class="article-step">· ${title}</span></h2>
    <button type="button" class="button icon quiet" aria-label="Close" title="Close (Esc)" @click=${() => requestClose(dialog)}>✕</button>
  </div>`;

  const inputTemplate = (s: InputStep): TemplateResult => html`${header("1 of 2: the article")}
    <div class="dialog-body article-input">
      <p class="form-note">
        Paste an article, or open one saved from the web (.html, .txt, .md). Bilateral finds its dates and the events it
        reports; nothing is added until you choose.
      </p>
      <div class="form-field article-paste">
        <div class="article-paste-label">
          <label class="form-label" for=${`${P}-text`}>Article text</label>
          <button type="button" class="button small" data-testid="article-open-file" ?disabled=${s.busy} @click=${() => void openFile()}>
            Open file…
          </button>
          ${s.fileName ? html`<span class="muted" data-testid="article-file-name">Opened ${s.fileName}</span>` : nothing}
        </div>
        <textarea
          id=${`${P}-text`}
          class="field textarea article-textarea"
          data-field="text"
          data-testid="article-textarea"
          spellcheck="false"
          placeholder="Paste the article here: its headline, date line and text."
          aria-describedby=${s.error ? "article-input-error" : nothing}
          aria-invalid=${s.error ? "true" : "false"}
          .value=${live(s.text)}
          @input=${(e: InputEvent) => {
            s.text = (e.target as HTMLTextAreaElement).value;
            if (s.fileName) {
              s.fileName = s.text === "" ? null : s.fileName;
              if (s.text === "") s.fileFormat = null;
            }
            s.error = null;
            draw();
          }}
        ></textarea>
        ${s.error
          ? html`<p class="form-error" id="article-input-error" data-testid="article-input-error" role="alert" tabindex="-1">${s.error}</p>`
          : nothing}
      </div>
      <div class="form-field">
        <label class="form-label" for=${`${P}-url`}>Article address <span class="muted">(optional now; needed to add events)</span></label>
        <input
          id=${`${P}-url`}
          class="field"
          type="url"
          data-field="url"
          data-testid="article-url"
          placeholder="https://…"
          autocomplete="off"
          spellcheck="false"
          aria-invalid=${s.urlError ? "true" : "false"}
          aria-describedby=${s.urlError ? `${P}-url-error` : nothing}
          .value=${live(s.url)}
          @input=${(e: InputEvent) => {
            s.url = (e.target as HTMLInputElement).value;
            s.urlError = null;
            draw();
          }}
        />
        ${s.urlError ? html`<p class="form-error" id=${`${P}-url-error`} role="alert">${s.urlError}</p>` : nothing}
      </div>
    </div>
    <div class="dialog-actions">
      <span class="dialog-hint"><kbd>Ctrl</kbd> + <kbd>Enter</kbd> finds events</span>
      <button type="button" class="button" data-testid="article-cancel" @click=${() => requestClose(dialog)}>Cancel</button>
      <button
        type="button"
        class="button primary"
        data-testid="article-find"
        ?disabled=${s.busy}
        aria-busy=${s.busy ? "true" : "false"}
        @click=${() => void find()}
      >
        ${s.busy ? "Reading…" : "Find events"}
      </button>
    </div>`;

  /** "The page's own date is Thu 18 Apr 2024 (found in the text: “…”)." */
  const ownDate = (own: Published): string => {
    const where = anchorSource(own);
    return `The page’s own date is ${anchorDay(own)} (${where.where}${where.evidence ? `: ${where.evidence}` : ""}).`;
  };

  const anchorTemplate = (s: ReviewStep): TemplateResult => {
    const published = s.extraction.published;
    const where = anchorSource(published);
    const own = s.detected && s.detected.date !== published.date ? s.detected : null;
    const note = reportsNote(s.detected ?? published);
    return html`<div class="article-anchor" data-testid="article-anchor-line">
      <div class="anchor-text">
        <p>
          Resolving dates against <strong data-testid="article-anchor-day">${anchorDay(published)}</strong>
          — ${where.where}${where.evidence ? html`: <span class="anchor-evidence">${where.evidence}</span>` : nothing}.
          ${own ? html`<span class="muted">${ownDate(own)}</span>` : nothing}
        </p>
        ${note ? html`<p class="anchor-note" data-testid="article-reports"><span class="info-badge" aria-hidden="true">i</span>${note}</p>` : nothing}
      </div>
      <div class="anchor-field">
        <label class="form-label" for=${`${P}-anchor`}>Anchor date</label>
        <input
          id=${`${P}-anchor`}
          class="field"
          type="date"
          data-testid="article-anchor"
          min="1900-01-01"
          max="2100-12-31"
          aria-invalid=${s.anchorError ? "true" : "false"}
          aria-describedby=${`${P}-anchor-help`}
          .value=${live(s.anchor)}
          @input=${(e: InputEvent) => anchorInput((e.target as HTMLInputElement).value)}
          @change=${(e: Event) => void reread((e.target as HTMLInputElement).value)}
          @keydown=${(e: KeyboardEvent) => {
            if (e.key === "Enter") {
              e.preventDefault();
              void reread((e.target as HTMLInputElement).value);
            }
          }}
        />
        <p class=${s.anchorError ? "form-error" : "form-hint"} id=${`${P}-anchor-help`} role=${s.anchorError ? "alert" : nothing} aria-live="polite">
          ${s.anchorError ?? (s.rereading ? "Reading the dates again…" : "Change it to re-read every date.")}
        </p>
      </div>
    </div>`;
  };

  const metaTemplate = (s: ReviewStep): TemplateResult => {
    const field = (
      key: "url" | "title" | "publisher",
      label: string,
      value: string,
      error: string | null,
      onInput: (value: string) => void,
      extra: { type?: string; placeholder?: string; hint?: string } = {},
    ): TemplateResult => {
      const id = `${P}-meta-${key}`;
      const described = [extra.hint ? `${id}-hint` : "", error ? `${id}-error` : ""].filter(Boolean).join(" ");
      return html`<div class="form-field meta-${key} ${error ? "has-error" : ""}">
        <label class="form-label" for=${id}>${label}</label>
        <input
          id=${id}
          class="field"
          type=${extra.type ?? "text"}
          data-field=${`meta-${key}`}
          data-testid=${`article-meta-${key}`}
          placeholder=${extra.placeholder ?? ""}
          autocomplete="off"
          spellcheck="false"
          aria-invalid=${error ? "true" : "false"}
          aria-describedby=${described || nothing}
          .value=${live(value)}
          @input=${(e: InputEvent) => onInput((e.target as HTMLInputElement).value)}
        />
        ${error
          ? html`<p class="form-error" id=${`${id}-error`} role="alert" data-testid=${`article-meta-${key}-error`}>${error}</p>`
          : extra.hint
            ? html`<p class="form-hint" id=${`${id}-hint`}>${extra.hint}</p>`
            : nothing}
      </div>`;
    };
    const needsUrl = s.meta.url.trim() === "";
    return html`<fieldset class="article-meta">
      <legend class="form-label">The article, as the source of every event added</legend>
      ${field("url", "Address", s.meta.url, s.urlError, (v) => setMeta((m) => withUrl(m, v), "url"), {
        type: "url",
        placeholder: "https://…",
        ...(needsUrl ? { hint: "Needed: every event you add cites it." } : {}),
      })}
      ${field("title", "Title", s.meta.title, s.titleError, (v) => setMeta((m) => ({ ...m, title: v }), "title"))}
      ${field("publisher", "Publisher", s.meta.publisher, null, (v) => setMeta((m) => ({ ...m, publisher: v, publisherGuessed: false }), "title"), {
        ...(s.meta.publisherGuessed ? { hint: "From the address." } : {}),
      })}
    </fieldset>`;
  };

  const candidatesTemplate = (s: ReviewStep): TemplateResult => {
    if (s.decisions.length === 0) {
      return html`<p class="form-note candidates-empty" data-testid="candidates-empty">
        No events with a date were found in this text. Its dates are marked on the left; add events by hand with New event
        (<kbd>N</kbd>).
      </p>`;
    }
    return html`<ol class="candidate-list" data-testid="candidate-list" aria-label="Candidate events">
      ${s.decisions.map((decision, index) =>
        candidateCard(
          {
            index,
            decision,
            matches: matchesOf(s, index),
            active: s.active === index,
            error: s.cardErrors.get(index) ?? null,
            busy: s.adding,
          },
          {
            show: (i) => show(i),
            accept: (i) => choose(i, "accepted"),
            reject: (i) => choose(i, "rejected"),
            edit,
            target,
          },
        ),
      )}
    </ol>`;
  };

  const reviewTemplate = (s: ReviewStep): TemplateResult => {
    const request = buildRequest(s.decisions, s.meta);
    const accepted = s.decisions.filter((d) => d.choice === "accepted").length;
    const rejected = s.decisions.filter((d) => d.choice === "rejected").length;
    const pending = s.decisions.length - accepted - rejected;
    const progress = s.decisions.length === 0 ? "" : `${accepted} accepted · ${rejected} rejected · ${pending} to decide`;
    return html`${header("2 of 2: dates and events")}
      <div class="dialog-body article-review" aria-busy=${s.rereading ? "true" : "false"}>
        ${anchorTemplate(s)} ${metaTemplate(s)}
        <div class="article-columns">
          <section class="article-pane" aria-labelledby="article-text-heading">
            <h3 class="pane-title" id="article-text-heading">
              Text <span class="muted">· ${s.extraction.timexes.length === 1 ? "1 date" : `${s.extraction.timexes.length} dates`} marked</span>
            </h3>
            ${articleText(
              { segments: s.segments, timexes: s.extraction.timexes, active: s.active, current: s.current },
              {
                focus: (timex) => {
                  s.current = timex;
                },
                open: (timex) => {
                  const index = s.extraction.candidates.findIndex((candidate) => candidate.timex === timex);
                  if (index >= 0) show(index, true);
                },
              },
              tip,
            )}
          </section>
          <section class="candidates-pane" aria-labelledby="candidates-heading">
            <h3 class="pane-title" id="candidates-heading">
              Candidate events <span class="muted">· ${s.decisions.length}</span>
            </h3>
            ${candidatesTemplate(s)}
          </section>
        </div>
      </div>
      <div class="dialog-actions article-actions">
        <span class="dialog-hint" data-testid="article-progress">${progress}</span>
        ${s.general
          ? html`<p class="form-error general" role="alert" tabindex="-1" data-testid="article-general-error">${s.general}</p>`
          : nothing}
        <button type="button" class="button" data-testid="article-back" ?disabled=${s.adding} @click=${back}>Back</button>
        <button type="button" class="button" data-testid="article-cancel" ?disabled=${s.adding} @click=${() => requestClose(dialog)}>
          Cancel
        </button>
        <button
          type="button"
          class="button primary"
          data-testid="article-add"
          ?disabled=${request.items.length === 0 || s.adding || s.rereading}
          aria-busy=${s.adding ? "true" : "false"}
          title="Ctrl+Enter"
          @click=${() => void add()}
        >
          ${s.adding ? "Adding…" : addLabel(request.events, request.sources)}
        </button>
      </div>
      <div class="article-tip" id=${TIP_ID} role="tooltip" data-testid="article-tip" hidden></div>`;
  };

  const template = (s: State): TemplateResult => (s.step === "input" ? inputTemplate(s) : reviewTemplate(s));

  saveOnCtrlEnter(dialog, () => void (state.step === "input" ? find() : add()));

  return {
    open() {
      if (dialog.open) return;
      state = emptyInput();
      readings += 1;
      draw();
      openModal(dialog, {
        initialFocus: () => dialog.querySelector<HTMLElement>("[data-field=text]"),
        beforeCancel: () => {
          const s = state;
          if (s.step === "input") return !s.busy;
          if (s.adding) return false;
          return confirmDrop(s);
        },
        onClose: () => {
          clearTimeout(rereadTimer);
          readings += 1;
          tip.hide();
          state = emptyInput();
          render(nothing, dialog);
        },
      });
    },
    isOpen: () => dialog.open,
  };
}
