// Start-up: finds the page's parts and wires the header, filters, panels, dialogs and the
// timeline together; the curation flows (new, edit, delete, undo, redo) live in curation.ts.
import "./styles/app.css";
import * as backend from "./api/backend";
import type { SearchHit, StoredEvent } from "./api/types";
import { createCuration } from "./curation";
import { EventEditor } from "./editor/editor-dialog";
import { createArticleDialog } from "./ingest/article-dialog";
import { attachShortcuts, type KeyCommand } from "./keyboard";
import { createConfirm } from "./panels/confirm";
import { createDetailPanel } from "./panels/detail";
import { createErrorBanner } from "./panels/error-banner";
import { createFileMenu } from "./panels/file-menu";
import { loadFilter, saveFilter, showThread, type KeyValueStore } from "./panels/filter-model";
import { createFilters } from "./panels/filters";
import { renderLegend } from "./panels/legend";
import { createJumpDate } from "./panels/jump-date";
import { copyLink, isOpenFailure, isWebUrl } from "./panels/links";
import { createSearch } from "./panels/search";
import { showShortcuts } from "./panels/shortcuts";
import { waitUntilOpen } from "./panels/opening-screen";
import { showStartupProblem } from "./panels/startup-problem";
import { createToast } from "./panels/toast";
import { createViewsMenu } from "./panels/views-menu";
import { GROUP_BY_OPTIONS, GROUP_BY_STORAGE_KEY, parseGroupBy, type GroupBy } from "./timeline/grouping";
import { jumpView } from "./timeline/scale";
import {
  parseTitleLanguage,
  setTitleLanguage,
  titleLanguage,
  TITLE_LANGUAGE_STORAGE_KEY,
  TITLE_LANGUAGES,
} from "./format/title-language";
import { chooseOption, rememberedSelect } from "./forms/remembered-select";
import { createTableView } from "./table/table-view";
import { BulkEditDialog } from "./table/bulk-edit-dialog";
import { VIEW_MODES, VIEW_MODE_STORAGE_KEY, parseViewMode, type ViewMode } from "./table/table-model";
import { createAppState } from "./state/app-state";
import { followState } from "./state/subscriptions";
import { Timeline } from "./timeline/timeline";
import { EraBands } from "./timeline/eras";
import { EVENT_SELECTOR } from "./timeline/labels";
import { LinkArrows } from "./timeline/link-arrows";
import { canvasMeasurer } from "./timeline/measure";
import { renderEraControls } from "./panels/era-controls";
import { PeriodDialog } from "./editor/period-dialog";
import { createTooltip, hideTooltipWhenLeft } from "./timeline/tooltip";
import { createExportDialog } from "./transfer/export-dialog";
import { createImporter } from "./transfer/import-dialog";
import { createRestorer } from "./transfer/restore-dialog";

function find<T extends Element>(selector: string): T {
  const found = document.querySelector<T>(selector);
  if (!found) throw new Error(`index.html lacks ${selector}`);
  return found;
}

function storage(): KeyValueStore | null {
  try {
    return window.localStorage;
  } catch {
    return null;
  }
}

const GROUP_NOTES: Record<GroupBy, string> = {
  none: "",
  kind: "",
  side: "Each event once: both countries, one of them, or neither",
  actor: "Events show in the band of each actor taking part",
};

function main(): void {
  const banner = createErrorBanner(find("[data-testid=error-banner]"));
  // A failure in the UI itself is shown like a backend one, never only logged.
  window.addEventListener("error", (event) => banner.show({ code: "ui_error", message: event.message, field: null }));
  window.addEventListener("unhandledrejection", (event) => banner.show(event.reason));
  const count = find<HTMLElement>("[data-testid=event-count]");
  const countNote = find<HTMLElement>(".status-note");
  const panelRoot = find<HTMLElement>("[data-testid=detail-panel]");
  const store = storage();
  renderLegend(find(".legend-shapes"), find(".legend-kinds"));
  const toast = createToast(find("[data-testid=toast]"));
  const confirm = createConfirm(find<HTMLDialogElement>("[data-testid=confirm-dialog]"));

  // The one store the views read and subscribe to (state/app-state.ts); the subscriptions
  // are in state/subscriptions.ts, made once every view exists (below).
  const state = createAppState(
    { filter: loadFilter(store) },
    { facets: (within) => backend.facets(within), getEvent: (id) => backend.getEvent(id), error: (error) => banner.show(error) },
  );
  const timelineRoot = find<HTMLElement>("[data-testid=timeline]");
  const table = createTableView(find("[data-testid=table-view]"), {
    fetch: (query) => backend.tablePage(query),
    position: (query) => backend.tablePosition(query),
    open: (id) => openById(id, false),
    error: (error) => banner.show(error),
    bulkEdit: (target, count) => bulkDialog.open(target, count),
    bulkDelete: (target, count) => curation.removeMany(target, count),
    duplicate: (id) => curation.duplicate(id),
    store,
  });

  const closeDetail = (): boolean => {
    const open = state.get().selected;
    if (!open) return false;
    state.select(null);
    timeline.focusEvent(open.id);
    return true;
  };

  /** Asks for the links of the event shown; the panel draws them if it still shows it. */
  const refreshLinks = (id: string): void => {
    backend
      .eventLinks(id)
      .then((links) => detail.setLinks(id, links))
      .catch((error: unknown) => banner.show(error));
  };
  /** Titles of the events whose thread the filter shows, for the chip. */
  const threadTitles = new Map<string, string>();

  /** Shows an event in the detail panel; `reveal` also centres the timeline on it and focuses it there. */
  const openEvent = (event: StoredEvent, reveal: boolean): void => {
    state.select(event);
    // A hidden timeline has no size to reveal in: it catches up when shown again.
    if (state.get().viewMode === "table") return;
    // Keep the chosen event in sight of the timeline the panel narrowed.
    if (reveal) timeline.reveal(event, true);
    else timeline.ensureVisible(event.id);
  };
  /** Fetches an event and shows it; a later choice wins over an answer still on its way. */
  const openById = (id: string, reveal: boolean): void => {
    void state.selectById(id).then((event) => {
      if (event) openEvent(event, reveal);
    });
  };

  // After a bulk write (import, restore, article), which does not answer with the history.
  const refreshHistory = (): void => {
    backend
      .history()
      .then((history) => state.setHistory(history))
      .catch((error: unknown) => banner.show(error));
  };

  const curation = createCuration({
    backend,
    state,
    toast,
    confirm,
    error: (error) => banner.show(error),
    editor: () => editor,
    focusedId: () => {
      const active = document.activeElement;
      const group = active instanceof Element ? active.closest<HTMLElement>(EVENT_SELECTOR) : null;
      return group?.dataset.eventId ?? null;
    },
    loaded: (id) => timeline.eventById(id),
    show: (event, reveal) => openEvent(event, reveal),
    closed: () => timeline.root().focus(),
    periodsChanged: () => reloadPeriods(),
  });

  const detail = createDetailPanel(panelRoot, {
    close: () => {
      closeDetail();
    },
    openSource: (url) => {
      if (!isWebUrl(url)) return;
      backend.openSource(url).catch((error: unknown) => {
        if (!isOpenFailure(error)) {
          banner.show(error);
          return;
        }
        // No browser: the link is shown and offered for copying, to paste wherever one runs.
        banner.show(error, {
          detail: url,
          action: {
            label: "Copy link",
            run: () => {
              void copyLink(url, navigator.clipboard).then((copied) => {
                if (copied) {
                  banner.hide();
                  toast.show("Link copied: paste it into a browser.");
                } else {
                  banner.show(
                    { code: "copy_failed", message: "The link could not be copied either: select it below and copy it.", field: null },
                    { detail: url },
                  );
                }
              });
            },
          },
        });
      });
    },
    edit: (event) => curation.edit(event.id),
    duplicate: (event) => curation.duplicate(event.id),
    delete: (event) => curation.remove(event.id),
    openLinked: (id) => openById(id, true),
    showThread: (event) => {
      threadTitles.set(event.id, event.title);
      state.setFilter(showThread(state.get().filter, event.id));
    },
  });

  const tooltip = createTooltip(find(".tooltip"));
  hideTooltipWhenLeft(tooltip, find("[data-testid=timeline]"));
  const timeline = new Timeline(
    {
      root: find("[data-testid=timeline]"),
      axis: find(".axis-layer"),
      density: find("canvas.density"),
      grid: find(".grid-layer"),
      lanesScroll: find(".lanes-scroll"),
      lanes: find("svg.lanes"),
      labels: find(".labels"),
      bandHeaders: find("[data-testid=band-headers]"),
      empty: find(".empty-state"),
    },
    tooltip,
    {
      select: (event) => {
        // The window carries events in their slim form; the panel shows the whole event,
        // fetched now (the store drops an answer a later click overtook).
        timeline.setSelected(event.id);
        openById(event.id, false);
      },
      error: (error) => banner.show(error),
      status: (status) => state.setViewStatus(status),
      firstDraw: () => {
        document.body.dataset.ready = "true";
        // For the UI benchmark: how long after the page began the first timeline was drawn.
        performance.mark("bilateral-first-draw");
        // Start-up draws the timeline first; the facet counts (for the editor's suggestions
        // and the actor ranking) are asked for once it is on screen.
        state.refreshFacets();
      },
    },
  );
  timeline.setFilter(state.get().filter, false);
  table.setFilter(state.get().filter);
  // Arrows between linked events when both ends are on screen.
  const arrows = new LinkArrows(
    find<SVGSVGElement>("svg.lanes"),
    (ids) => backend.linksAmong(ids),
    (error) => banner.show(error),
  );
  timeline.onItemsDrawn((marks) => arrows.drawn(marks));

  // Eras behind the lanes (US administrations, PRC leaders): toggled in the legend, remembered.
  const eraStrips = find<SVGSVGElement>(".era-strips");
  const eraBands = new EraBands(
    eraStrips,
    find<SVGSVGElement>(".era-shade-layer"),
    canvasMeasurer(`11px ${getComputedStyle(eraStrips).fontFamily || "sans-serif"}`),
    titleLanguage,
    (period) => periodDialog.open(period),
    tooltip,
  );
  // The user's periods: a band of their own, edited in a dialog, undone like events.
  const reloadPeriods = (): void => {
    backend
      .periods()
      .then((periods) => eraBands.setPeriods(periods))
      .catch((error: unknown) => banner.show(error));
  };
  const periodDialog = new PeriodDialog(find<HTMLDialogElement>("[data-testid=period-dialog]"), {
    create: (period) => backend.createPeriod(period),
    update: (period) => backend.updatePeriod(period),
    remove: (id) => backend.deletePeriod(id),
    confirm,
    changed: (message) => {
      reloadPeriods();
      refreshHistory();
      toast.show(message, { label: "Undo", run: () => curation.undo() });
    },
  });
  timeline.onChrome((view) => eraBands.draw(view));
  renderEraControls(
    find(".legend-eras"),
    store,
    (settings) => eraBands.setSettings(settings),
    () => periodDialog.open(null),
  );
  reloadPeriods();
  backend
    .eras()
    .then((eras) => eraBands.setEras(eras))
    .catch((error: unknown) => banner.show(error));

  const editor = new EventEditor(find<HTMLDialogElement>("[data-testid=editor]"), {
    // The write answers what changed; the store applies it and the editor gets the event stored.
    create: (event) => backend.createEvent(event).then((change) => curation.written(change)),
    update: (event) => backend.updateEvent(event).then((change) => curation.written(change)),
    actors: () => state.get().allFacets.actors,
    tags: () => state.get().allFacets.tags,
    confirmDiscard: () =>
      confirm({
        title: "Discard your changes?",
        message: "What you typed in this form will be lost.",
        confirmLabel: "Discard",
        cancelLabel: "Keep editing",
        danger: true,
      }),
    saved: (event, created) => curation.saved(event, created),
    searchEvents: (text, limit) => backend.search({ text, limit }).then((answer) => answer.hits),
    eventLinks: (id) => backend.eventLinks(id),
  });

  const bulkDialog = new BulkEditDialog(find<HTMLDialogElement>("[data-testid=bulk-dialog]"), {
    apply: (edit) => backend.bulkEdit(edit),
    tags: () => state.get().allFacets.tags,
    actors: () => state.get().allFacets.actors,
    done: (answer, summary) => curation.bulkEdited(answer, summary),
  });

  const search = createSearch(find("[data-testid=search]"), {
    search: (text, within, limit) => backend.searchAsTyped({ text, limit, ...(within ? { filter: within } : {}) }),
    choose: (hit: SearchHit) => openById(hit.id, true),
    error: (error) => banner.show(error),
    filter: () => state.get().filter,
  });

  const filters = createFilters(find("[data-testid=filter-bar]"), find<HTMLDialogElement>("[data-testid=filter-dialog]"), state.get().filter, {
    facets: (within) => backend.facets(within),
    change: (next) => state.setFilter(next),
    error: (error) => banner.show(error),
    threadTitle: (id) => threadTitles.get(id) ?? null,
  });

  /** Events were written in bulk (an import, a restore): everything shown is read again. */
  const reloadAll = (): void => {
    state.reloaded();
    reloadPeriods();
    backend
      .extent()
      .then((span) => timeline.setExtent(span))
      .catch((error: unknown) => banner.show(error));
    // The open event may have been replaced, or (after a restore) be gone.
    const open = state.get().selected;
    if (open) {
      backend
        .getEvent(open.id)
        .then((fresh) => {
          if (state.get().selected?.id === fresh.id) state.select(fresh);
        })
        .catch(() => {
          if (state.get().selected?.id === open.id) closeDetail();
        });
    }
  };

  // File: export the current view or the selected event; import a file after a preview;
  // restore an automatic backup.
  const exporter = createExportDialog(find<HTMLDialogElement>("[data-testid=export-dialog]"), {
    exportEvents: (request, onProgress) => backend.exportEvents(request, onProgress),
    cancel: () => backend.exportCancel(),
    count: (within) => backend.facets(within).then((found) => found.total),
    view: () => {
      const { filter, selected } = state.get();
      return { filter, domain: timeline.visibleDomain(), selected: selected ? { id: selected.id, title: selected.title } : null };
    },
    toast,
    error: (error) => banner.show(error),
    store,
  });
  const importer = createImporter(find<HTMLDialogElement>("[data-testid=import-dialog]"), {
    preview: (onReading) => backend.importPreview(onReading),
    commit: (onProgress, skipRejected) => backend.importCommit(onProgress, skipRejected),
    cancel: () => backend.importCancel(),
    toast,
    error: (error) => banner.show(error),
    imported: () => reloadAll(),
  });
  // After a restore the whole database is another one: reload everything, as after an import,
  // and forget the undo history with it.
  const restorer = createRestorer(find<HTMLDialogElement>("[data-testid=restore-dialog]"), {
    list: () => backend.listBackups(),
    restore: (name) => backend.restoreBackup(name),
    toast,
    error: (error) => banner.show(error),
    restored: () => {
      reloadAll();
      refreshHistory();
    },
  });
  // File → New from article…: candidates read from an article, added together in one step.
  const article = createArticleDialog(find<HTMLDialogElement>("[data-testid=article-dialog]"), {
    extract: (request) => backend.extractArticle(request),
    openFile: () => backend.openArticleFile(),
    add: (items) => backend.addFromArticle(items),
    getEvent: (id) => backend.getEvent(id),
    editDraft: (event, options) => editor.openDraft(event, options),
    confirm,
    error: (error) => banner.show(error),
    added: (result, words) => {
      reloadAll();
      refreshHistory();
      toast.show(`Added ${words} from the article`, { label: "Undo", run: () => curation.undo() });
      const first = result.created[0] ?? result.sourced[0];
      if (first) openById(first, true);
    },
  });
  createFileMenu(find("[data-testid=file-menu]"), {
    run: (command) => {
      if (command === "article") article.open();
      else if (command === "export") exporter.open();
      else if (command === "import") importer.start();
      else if (command === "restore") restorer.open();
    },
  });

  // Group by: none / kind / side / actor, remembered across restarts.
  const groupNote = find<HTMLElement>(".group-by-note");
  rememberedSelect({
    select: find<HTMLSelectElement>("[data-testid=group-by]"),
    options: GROUP_BY_OPTIONS,
    parse: parseGroupBy,
    store,
    key: GROUP_BY_STORAGE_KEY,
    apply: (groupBy) => {
      groupNote.textContent = GROUP_NOTES[groupBy];
      groupNote.hidden = GROUP_NOTES[groupBy] === "";
      timeline.setGroupBy(groupBy);
    },
  });
  // Titles: English, Chinese or both, for the timeline, the panel and search.
  rememberedSelect({
    select: find<HTMLSelectElement>("[data-testid=title-language]"),
    options: TITLE_LANGUAGES,
    parse: parseTitleLanguage,
    store,
    key: TITLE_LANGUAGE_STORAGE_KEY,
    apply: (language) => {
      setTitleLanguage(language);
      timeline.redraw();
      table.redraw();
      const open = detail.current();
      if (open) detail.show(open);
    },
  });

  // Views: the filter, visible range, grouping and titles saved under a name, applied from a menu.
  const groupBySelect = find<HTMLSelectElement>("[data-testid=group-by]");
  const titlesSelect = find<HTMLSelectElement>("[data-testid=title-language]");
  createViewsMenu(find("[data-testid=views-menu]"), find<HTMLDialogElement>("[data-testid=view-name-dialog]"), {
    backend,
    current: () => ({ filter: state.get().filter, domain: timeline.visibleDomain(), groupBy: parseGroupBy(groupBySelect.value), titles: titleLanguage() }),
    apply: (view) => {
      state.setFilter(view.filter);
      chooseOption(groupBySelect, view.groupBy);
      chooseOption(titlesSelect, view.titles);
      if (view.domain) timeline.jumpTo((view.domain[0] + view.domain[1]) / 2, view.domain[1] - view.domain[0]);
    },
    confirm,
    toast,
    error: (error) => banner.show(error),
  });

  // Timeline | Table: the same filter and selection, remembered across restarts.
  const showViewMode = (mode: ViewMode): void => {
    timelineRoot.hidden = mode === "table";
    // The zoom, the grouping and the "in view" count are the timeline's; the table counts its rows.
    for (const part of [".zoom-toolbar", ".group-by", ".filter-bar .status"]) find<HTMLElement>(part).hidden = mode === "table";
    table.setVisible(mode === "table");
    if (mode === "timeline") {
      timeline.syncSize();
      const open = state.get().selected;
      if (open) timeline.ensureVisible(open.id);
    }
  };

  // Every view follows its part of the store from here on.
  const undoButton = find<HTMLButtonElement>("[data-testid=undo]");
  const redoButton = find<HTMLButtonElement>("[data-testid=redo]");
  followState(state, {
    timeline,
    table,
    detail,
    filters,
    search,
    arrows,
    links: refreshLinks,
    count: (text) => {
      count.textContent = text.count;
      countNote.textContent = text.note;
    },
    // The toolbar offers undo and redo only when the session's history has a step to take.
    history: (history) => {
      undoButton.disabled = !history.can_undo;
      redoButton.disabled = !history.can_redo;
    },
    viewMode: showViewMode,
    saveFilter: (filter) => saveFilter(store, filter),
  });
  showViewMode(state.get().viewMode);
  rememberedSelect({
    select: find<HTMLSelectElement>("[data-testid=view-mode]"),
    options: VIEW_MODES,
    parse: parseViewMode,
    store,
    key: VIEW_MODE_STORAGE_KEY,
    apply: (mode) => state.setViewMode(mode),
  });

  find("[data-testid=zoom-in]").addEventListener("click", () => timeline.zoomIn());
  find("[data-testid=zoom-out]").addEventListener("click", () => timeline.zoomOut());
  find("[data-testid=fit-all]").addEventListener("click", () => timeline.fitAll());
  find("[data-testid=new-event]").addEventListener("click", () => curation.create());
  refreshHistory();
  undoButton.addEventListener("click", () => curation.undo());
  redoButton.addEventListener("click", () => curation.redo());
  const shortcutsDialog = find<HTMLDialogElement>("[data-testid=shortcuts-dialog]");
  find("[data-testid=show-shortcuts]").addEventListener("click", () => showShortcuts(shortcutsDialog));

  createJumpDate(find<HTMLFormElement>("form.jump"), {
    jump: (parts) => {
      const target = jumpView(parts);
      timeline.jumpTo(target.time, target.width);
    },
  });

  const run = (command: KeyCommand): boolean => {
    switch (command.type) {
      case "search":
        search.focus();
        return true;
      case "new":
        curation.create();
        return true;
      case "edit":
      case "delete": {
        // Rows selected together in the table are deleted together.
        if (command.type === "delete" && table.deleteSelected()) return true;
        const id = curation.targetId();
        if (!id) return false;
        if (command.type === "edit") curation.edit(id);
        else curation.remove(id);
        return true;
      }
      case "duplicate": {
        const id = curation.targetId();
        if (!id) return false;
        curation.duplicate(id);
        return true;
      }
      case "undo":
        curation.undo();
        return true;
      case "redo":
        curation.redo();
        return true;
      case "shortcuts":
        showShortcuts(shortcutsDialog);
        return true;
      case "export":
        exporter.open();
        return true;
      case "import":
        importer.start();
        return true;
      case "article":
        article.open();
        return true;
      case "escape":
        return search.close() || closeDetail();
      case "zoomIn":
        timeline.zoomIn();
        return true;
      case "zoomOut":
        timeline.zoomOut();
        return true;
      case "fitAll":
        timeline.fitAll();
        return true;
      case "step": {
        const id = curation.targetId();
        const next = id ? timeline.neighbour(id, command.direction) : null;
        if (next) timeline.focusEvent(next);
        else timeline.pan(command.direction * 0.25);
        return true;
      }
      case "pan":
        timeline.pan(command.direction * (command.large ? 0.5 : 0.125));
        return true;
    }
  };
  attachShortcuts(document, panelRoot, run);

  window.matchMedia("(prefers-color-scheme: dark)").addEventListener("change", () => timeline.redraw());

  backend
    .extent()
    .then((span) => timeline.start(span))
    .catch((error: unknown) => {
      banner.show(error);
      timeline.start(null);
    });
}

/** Starts the timeline, or, when the database cannot be opened, the screen that says why. */
async function start(): Promise<void> {
  await waitUntilOpen({
    step: backend.openingStep,
    wait: (ms) => new Promise((resolve) => window.setTimeout(resolve, ms)),
  });
  const problem = await backend.startupProblem().catch(() => null);
  if (!problem) {
    main();
    return;
  }
  const workspace = find<HTMLElement>("main.workspace");
  const screen = document.createElement("div");
  screen.className = "startup-screen";
  workspace.replaceWith(screen);
  document.body.classList.add("no-database");
  showStartupProblem(screen, problem, {
    openDatabase: backend.openDatabase,
    createDatabase: backend.createDatabase,
    quit: backend.quit,
    // The page starts afresh on the database now open.
    opened: () => window.location.reload(),
  });
  document.body.dataset.ready = "true";
}

void start();
