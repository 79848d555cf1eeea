// Start-up: finds the page's parts and wires the header, filters, panels, dialogs and the
// timeline together; the curation flows (new, edit, delete, undo, redo) live in curation.ts.
import "./styles/app.css";
import * as backend from "./api/backend";
import type { Facets, Filter, SearchHit, StoredEvent } from "./api/types";
import { createCuration } from "./curation";
import { EventEditor } from "./editor/editor-dialog";
import { createArticleDialog } from "./ingest/article-dialog";
import { attachShortcuts, type KeyCommand } from "./keyboard";
import { createConfirm } from "./panels/confirm";
import { createDetailPanel } from "./panels/detail";
import { createErrorBanner } from "./panels/error-banner";
import { createFileMenu } from "./panels/file-menu";
import { emptyFilter, isEmptyFilter, loadFilter, saveFilter, showThread, type KeyValueStore } from "./panels/filter-model";
import { createFilters } from "./panels/filters";
import { renderLegend } from "./panels/legend";
import { headerCount } from "./panels/header-count";
import { createJumpDate } from "./panels/jump-date";
import { copyLink, isOpenFailure, isWebUrl } from "./panels/links";
import { createSearch } from "./panels/search";
import { showShortcuts } from "./panels/shortcuts";
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
import { Timeline, type TimelineStatus } from "./timeline/timeline";
import { EraBands } from "./timeline/eras";
import { LinkArrows } from "./timeline/link-arrows";
import { canvasMeasurer } from "./timeline/measure";
import { renderEraControls } from "./panels/era-controls";
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

  let filter: Filter = loadFilter(store);
  /** Facets of every event (no filter): names and tags for the editor's autocomplete. */
  let allFacets: Facets = { total: 0, kinds: [], actors: [], tags: [], verifications: [] };
  let selected: StoredEvent | null = null;
  let viewMode: ViewMode = "timeline";
  const timelineRoot = find<HTMLElement>("[data-testid=timeline]");
  let tableOpenSeq = 0;
  const table = createTableView(find("[data-testid=table-view]"), {
    fetch: (query) => backend.tablePage(query),
    open: (id) => {
      // Arrow keys open row after row: only the last one asked for is shown.
      const seq = ++tableOpenSeq;
      backend
        .getEvent(id)
        .then((event) => {
          if (seq === tableOpenSeq) openEvent(event, false);
        })
        .catch((error: unknown) => banner.show(error));
    },
    error: (error) => banner.show(error),
    bulkEdit: (target, count) => bulkDialog.open(target, count),
    duplicate: (id) => curation.duplicate(id),
    store,
  });
  let selectSeq = 0;
  /** What the header counts: the last view drawn, and how many events match the filter at all. */
  let lastStatus: TimelineStatus | null = null;
  let matching: number | null = null;
  const showCount = (): void => {
    if (!lastStatus) return;
    const text = headerCount({ ...lastStatus, matching, filtered: !isEmptyFilter(filter) });
    count.textContent = text.count;
    countNote.textContent = text.note;
  };

  const closeDetail = (): boolean => {
    if (!selected) return false;
    const id = selected.id;
    selected = null;
    detail.hide();
    timeline.syncSize();
    timeline.setSelected(null);
    timeline.focusEvent(id);
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
    selected = event;
    detail.show(event);
    refreshLinks(event.id);
    timeline.setSelected(event.id);
    table.setSelected(event.id);
    // A hidden timeline has no size to reveal in: it catches up when shown again.
    if (viewMode === "table") return;
    // The panel narrows the timeline: adapt now, and keep the chosen event in sight.
    timeline.syncSize();
    if (reveal) timeline.reveal(event, true);
    else timeline.ensureVisible(event.id);
  };

  // The toolbar offers undo and redo only when the session's history has a step to take.
  const refreshHistory = (): void => {
    backend
      .history()
      .then((state) => {
        find<HTMLButtonElement>("[data-testid=undo]").disabled = !state.can_undo;
        find<HTMLButtonElement>("[data-testid=redo]").disabled = !state.can_redo;
      })
      .catch((error: unknown) => banner.show(error));
  };

  const curation = createCuration({
    backend,
    toast,
    confirm,
    error: (error) => banner.show(error),
    editor: () => editor,
    selected: () => selected,
    focusedId: () => {
      const active = document.activeElement;
      const group = active instanceof Element ? active.closest<SVGGElement>("g.event") : null;
      return group?.dataset.eventId ?? null;
    },
    loaded: (id) => timeline.eventById(id),
    show: (event, reveal) => openEvent(event, reveal),
    forget: (id) => {
      if (selected?.id === id) {
        selected = null;
        detail.hide();
        timeline.syncSize();
        timeline.setSelected(null);
        timeline.root().focus();
      }
    },
    changed: () => {
      arrows.forget();
      timeline.reload();
      table.reload();
      search.refresh();
      refreshFacets();
      refreshHistory();
      if (selected) refreshLinks(selected.id);
    },
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
    openLinked: (id) => {
      backend
        .getEvent(id)
        .then((event) => openEvent(event, true))
        .catch((error: unknown) => banner.show(error));
    },
    showThread: (event) => {
      threadTitles.set(event.id, event.title);
      const next = showThread(filter, event.id);
      filters.set(next);
      applyFilter(next);
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
      bandHeaders: find("[data-testid=band-headers]"),
      empty: find(".empty-state"),
    },
    tooltip,
    {
      select: (event) => {
        // The window carries events in their slim form; the panel shows the whole event,
        // fetched now. A later click wins over an earlier answer still on its way.
        const asked = ++selectSeq;
        timeline.setSelected(event.id);
        backend
          .getEvent(event.id)
          .then((full) => {
            if (asked === selectSeq) openEvent(full, false);
          })
          .catch((error: unknown) => banner.show(error));
      },
      error: (error) => banner.show(error),
      status: (status) => {
        lastStatus = status;
        showCount();
      },
      firstDraw: () => {
        document.body.dataset.ready = "true";
        // Start-up draws the timeline first; the facet counts (for the editor's suggestions
        // and the actor ranking) are asked for once it is on screen.
        refreshFacets();
      },
    },
  );
  timeline.setFilter(filter, false);
  table.setFilter(filter);
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
  );
  timeline.onChrome((view) => eraBands.draw(view));
  renderEraControls(find(".legend-eras"), store, (settings) => eraBands.setSettings(settings));
  backend
    .eras()
    .then((eras) => eraBands.setEras(eras))
    .catch((error: unknown) => banner.show(error));

  const editor = new EventEditor(find<HTMLDialogElement>("[data-testid=editor]"), {
    create: (event) => backend.createEvent(event),
    update: (event) => backend.updateEvent(event),
    actors: () => allFacets.actors,
    tags: () => allFacets.tags,
    confirmDiscard: () =>
      confirm({
        title: "Discard your changes?",
        message: "What you typed in this form will be lost.",
        confirmLabel: "Discard",
        cancelLabel: "Keep editing",
        danger: true,
      }),
    saved: (event, created) => curation.saved(event, created),
    searchEvents: (text, limit) => backend.search({ text, limit }),
    eventLinks: (id) => backend.eventLinks(id),
  });

  const bulkDialog = new BulkEditDialog(find<HTMLDialogElement>("[data-testid=bulk-dialog]"), {
    apply: (edit) => backend.bulkEdit(edit),
    tags: () => allFacets.tags,
    actors: () => allFacets.actors,
    done: (result, summary) => curation.bulkEdited(result, summary),
  });

  const search = createSearch(find("[data-testid=search]"), {
    search: (text, within, limit) => backend.search({ text, limit, ...(within ? { filter: within } : {}) }),
    choose: (hit: SearchHit) => {
      backend
        .getEvent(hit.id)
        .then((event) => openEvent(event, true))
        .catch((error: unknown) => banner.show(error));
    },
    error: (error) => banner.show(error),
    filter: () => filter,
  });

  const refreshFacets = (): void => {
    backend
      .facets(emptyFilter())
      .then((all) => {
        allFacets = all;
      })
      .catch((error: unknown) => banner.show(error));
    const asked = filter;
    backend
      .facets(asked)
      .then((within) => {
        timeline.setActorRank(new Map(within.actors.map((actor, index) => [actor.name, index])));
        // An answer for a filter since changed would count the wrong events.
        if (asked === filter) {
          matching = within.total;
          showCount();
        }
      })
      .catch((error: unknown) => banner.show(error));
  };

  const applyFilter = (next: Filter): void => {
    filter = next;
    matching = null;
    saveFilter(store, next);
    timeline.setFilter(next);
    table.setFilter(next);
    search.refresh();
    refreshFacets();
  };
  const filters = createFilters(find("[data-testid=filter-bar]"), find<HTMLDialogElement>("[data-testid=filter-dialog]"), filter, {
    facets: (within) => backend.facets(within),
    change: applyFilter,
    error: (error) => banner.show(error),
    threadTitle: (id) => threadTitles.get(id) ?? null,
  });

  /** Events were written in bulk (an import, a restore): everything shown is read again. */
  const reloadAll = (): void => {
    arrows.forget();
    timeline.reload();
    table.reload();
    search.refresh();
    refreshFacets();
    backend
      .extent()
      .then((span) => timeline.setExtent(span))
      .catch((error: unknown) => banner.show(error));
    // The open event may have been replaced, or (after a restore) be gone.
    const open = selected;
    if (open) {
      backend
        .getEvent(open.id)
        .then((fresh) => {
          if (selected?.id === fresh.id) {
            selected = fresh;
            detail.show(fresh);
            refreshLinks(fresh.id);
          }
        })
        .catch(() => {
          if (selected?.id === open.id) closeDetail();
        });
    }
  };

  // File: export the current view or the selected event; import a file after a preview;
  // restore an automatic backup.
  const exporter = createExportDialog(find<HTMLDialogElement>("[data-testid=export-dialog]"), {
    exportEvents: (request) => backend.exportEvents(request),
    count: (within) => backend.facets(within).then((found) => found.total),
    view: () => ({
      filter,
      domain: timeline.visibleDomain(),
      selected: selected ? { id: selected.id, title: selected.title } : null,
    }),
    toast,
    error: (error) => banner.show(error),
    store,
  });
  const importer = createImporter(find<HTMLDialogElement>("[data-testid=import-dialog]"), {
    preview: () => backend.importPreview(),
    commit: (onProgress) => backend.importCommit(onProgress),
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
      if (first) {
        backend
          .getEvent(first)
          .then((event) => openEvent(event, true))
          .catch((error: unknown) => banner.show(error));
      }
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
    current: () => ({ filter, domain: timeline.visibleDomain(), groupBy: parseGroupBy(groupBySelect.value), titles: titleLanguage() }),
    apply: (view) => {
      filters.set(view.filter);
      applyFilter(view.filter);
      chooseOption(groupBySelect, view.groupBy);
      chooseOption(titlesSelect, view.titles);
      if (view.domain) timeline.jumpTo((view.domain[0] + view.domain[1]) / 2, view.domain[1] - view.domain[0]);
    },
    confirm,
    toast,
    error: (error) => banner.show(error),
  });

  // Timeline | Table: the same filter and selection, remembered across restarts.
  rememberedSelect({
    select: find<HTMLSelectElement>("[data-testid=view-mode]"),
    options: VIEW_MODES,
    parse: parseViewMode,
    store,
    key: VIEW_MODE_STORAGE_KEY,
    apply: (mode) => {
      viewMode = mode;
      timelineRoot.hidden = mode === "table";
      // The zoom, the grouping and the "in view" count are the timeline's; the table counts its rows.
      for (const part of [".zoom-toolbar", ".group-by", ".filter-bar .status"]) find<HTMLElement>(part).hidden = mode === "table";
      table.setVisible(mode === "table");
      if (mode === "timeline") {
        timeline.syncSize();
        if (selected) timeline.ensureVisible(selected.id);
      }
    },
  });

  find("[data-testid=zoom-in]").addEventListener("click", () => timeline.zoomIn());
  find("[data-testid=zoom-out]").addEventListener("click", () => timeline.zoomOut());
  find("[data-testid=fit-all]").addEventListener("click", () => timeline.fitAll());
  find("[data-testid=new-event]").addEventListener("click", () => curation.create());
  refreshHistory();
  find("[data-testid=undo]").addEventListener("click", () => curation.undo());
  find("[data-testid=redo]").addEventListener("click", () => curation.redo());
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
