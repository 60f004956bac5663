// The dashboard: filters -> (map, timeline, table); a click -> the event view; reviews.
import { api, apiKey, query, setApiKey } from "./api.js";
import { h, toast } from "./dom.js";
import { flashField, renderDetail, scrollArticleTo } from "./detail.js";
import { EventMap } from "./map.js";
import { EventTable } from "./table.js";
import { Timeline } from "./timeline.js";
import { TYPE_COLOURS } from "./types.js";

const PAGE = 500;
const $ = (id) => document.getElementById(id);

const state = {
  range: null, // {since, until} from the timeline brush
  sort: "",
  layer: "events", // what the map shows: events or incidents
  events: [], // the rows loaded for the current filter
  cursor: null,
  queue: null, // {ids} while working through the review queue
  openId: null,
  request: 0, // tickets, so that a slow answer to an older filter never wins
  seriesRequest: 0,
};

const filterForm = $("filters");
const map = new EventMap($("map"), { onSelect: (id) => openEvent(id) });
const timeline = new Timeline($("timeline"), { onRange: (range) => setRange(range) });
const table = new EventTable($("events"), {
  onSelect: (id) => { state.queue = null; openEvent(id); },
  onSort: (key) => {
    state.sort = state.sort === `-${key}` ? key : `-${key}`;
    loadEvents({ fit: false });
  },
});

/** The filters of the form, without the brushed date range. */
function formFilters() {
  const data = new FormData(filterForm);
  const filters = {};
  for (const [name, value] of data.entries()) if (value) filters[name] = name === "include_rejected" ? "true" : value;
  return filters;
}

function currentFilters() {
  return { ...formFilters(), ...(state.range || {}) };
}

/** The view in the address (filters, range, sort, layer, open event), so a link reopens it. */
function saveView() {
  const view = {
    ...currentFilters(),
    sort: state.sort,
    layer: state.layer === "incidents" ? "incidents" : "",
    event: state.openId || "",
  };
  const hash = query(view).slice(1);
  history.replaceState(null, "", hash ? `#${hash}` : location.pathname + location.search);
}

/** Apply the view a link carries; returns the id of the event it had open, if any. */
function restoreView() {
  const view = new URLSearchParams(location.hash.slice(1));
  for (const field of filterForm.elements) {
    if (!field.name || !view.has(field.name)) continue;
    if (field.type === "checkbox") field.checked = view.get(field.name) === "true";
    else field.value = view.get(field.name);
  }
  const [since, until] = [view.get("since"), view.get("until")];
  if (since && until && /^\d{4}-\d{2}-\d{2}$/.test(since) && /^\d{4}-\d{2}-\d{2}$/.test(until)) {
    state.range = { since, until };
    timeline.setRange(state.range);
    showRangeChip();
  }
  if (["date", "-date", "killed", "-killed", "confidence", "-confidence"].includes(view.get("sort"))) {
    state.sort = view.get("sort");
  }
  if (view.get("layer") === "incidents") setLayer("incidents");
  return view.get("event");
}

function updateExports() {
  const filters = currentFilters();
  $("export-csv").href = `/api/export${query({ format: "acled", ...filters })}`;
  $("export-geojson").href = `/api/export${query({ format: "geojson", ...filters })}`;
  const sitrep = $("export-sitrep");
  if (!sitrep.hidden) sitrep.href = `${sitrep.dataset.path}${query(filters)}`;
}

async function loadSeries() {
  const filters = formFilters();
  const ticket = ++state.seriesRequest;
  try {
    let series = await api.series({ ...filters, interval: "day" });
    const dates = series.points.map((p) => p.date).sort();
    if (dates.length > 1 && (Date.parse(dates.at(-1)) - Date.parse(dates[0])) / 864e5 > 180) {
      series = await api.series({ ...filters, interval: "week" });
    }
    if (ticket === state.seriesRequest) timeline.show(series.points, series.interval || "day");
  } catch (err) {
    toast(`Timeline: ${err.message}`, "error");
  }
}

/** Reload the table and the map; `fit` false keeps the map where the analyst left it. */
async function loadEvents({ fit = true } = {}) {
  const ticket = ++state.request;
  table.showSort(state.sort);
  updateExports();
  saveView();
  try {
    const page = await api.events({ ...currentFilters(), sort: state.sort, limit: PAGE });
    if (ticket !== state.request) return;
    state.events = page.items;
    state.cursor = page.next_cursor;
    showEvents();
    // what the rows answer, for scripts (and tests) that wait for a reload to land
    $("events").dataset.query = query({ ...currentFilters(), sort: state.sort }).slice(1);
    if (state.layer === "events") showOnMap(state.events, fit);
    else loadIncidents(ticket, fit);
  } catch (err) {
    toast(`Events: ${err.message}`, "error");
  }
}

async function loadMore() {
  if (!state.cursor) return;
  const page = await api.events({ ...currentFilters(), sort: state.sort, limit: PAGE, cursor: state.cursor });
  state.events = state.events.concat(page.items);
  state.cursor = page.next_cursor;
  showEvents();
  if (state.layer === "events") showOnMap(state.events, false);
}

async function loadIncidents(ticket, fit = true) {
  try {
    const page = await api.incidents({ ...currentFilters(), limit: PAGE });
    if (ticket === state.request) showOnMap(page.items.map(incidentAsEvent), fit);
  } catch (err) {
    toast(`Incidents: ${err.message}`, "error");
  }
}

/** An incident in the shape the map draws: its place, type and fatalities; a click opens its
 * first event. */
function incidentAsEvent(incident) {
  return {
    id: (incident.event_ids && incident.event_ids[0]) || incident.id,
    type: incident.type,
    killed: incident.killed === null ? null : { value: incident.killed },
    location: incident.lat === null || incident.lat === undefined ? null
      : { name: incident.location || incident.title || "", country: incident.country, lat: incident.lat, lon: incident.lon },
    n_events: incident.n_events,
    title: incident.title,
  };
}

function showOnMap(items, fit = true) {
  const placed = map.show(items, { fit });
  const missing = items.length - placed;
  const noun = placed === 1 ? state.layer.replace(/s$/, "") : state.layer;
  $("map-note").textContent = `${placed.toLocaleString("en-US")} ${noun} on the map`
    + (missing ? `, ${missing} without a place` : "")
    + (state.layer === "events" && state.cursor ? " (the newest loaded; narrow the filters or load more)" : "");
}

function showEvents() {
  table.show(state.events);
  const n = state.events.length;
  $("count").textContent = `${n.toLocaleString("en-US")}${state.cursor ? "+" : ""} event${n === 1 ? "" : "s"}`;
  $("table-empty").hidden = n > 0;
  $("more").hidden = !state.cursor;
}

function showRangeChip() {
  const range = state.range;
  $("range").hidden = !range;
  $("range-text").textContent = range ? (range.since === range.until ? range.since : `${range.since} → ${range.until}`) : "";
}

function setRange(range) {
  state.range = range;
  showRangeChip();
  if (!range) {
    timeline.setRange(null);
    if (timeline.zoomed) $("range-zoom").click();
  }
  loadEvents();
}

function reloadAll() {
  return Promise.all([loadSeries(), loadEvents()]);
}

// ---- the event view ----------------------------------------------------------------------

const detail = {
  root: $("detail"),
  title: $("detail-title"),
  state: $("detail-state"),
  fields: $("fields").querySelector("tbody"),
  articleTitle: $("article-title"),
  articleSource: $("article-source"),
  articleText: $("article-text"),
  history: $("history"),
};

async function openEvent(id) {
  state.openId = id;
  table.highlight(id);
  $("review-msg").textContent = "";
  try {
    const event = await api.event(id);
    if (state.openId !== id) return;
    renderDetail(event, detail);
    state.openEvent = event;
    $("edit-value").value = currentValue(event, $("edit-field").value);
    detail.root.hidden = false;
    detail.root.dataset.id = id;
    updatePosition();
    saveView();
    const evidence = detail.articleText.querySelector(".hl-evidence");
    detail.articleText.closest(".detail-article").scrollTop = 0;
    if (evidence) scrollArticleTo(evidence);
  } catch (err) {
    toast(`Event ${id}: ${err.message}`, "error");
  }
}

function closeEvent() {
  detail.root.hidden = true;
  state.openId = null;
  state.queue = null;
  table.highlight(null);
  saveView();
}

/** The list j/k move through: the queue while reviewing, else the table's rows. */
function currentList() {
  return state.queue ? state.queue.ids : state.events.map((e) => e.id);
}

function updatePosition() {
  const ids = currentList();
  const at = ids.indexOf(state.openId);
  $("queue-pos").textContent = state.queue
    ? `queue ${at + 1} of ${ids.length}`
    : at >= 0 ? `${at + 1} of ${ids.length}` : "";
  detail.root.classList.toggle("in-queue", Boolean(state.queue));
}

function step(delta) {
  const ids = currentList();
  if (!ids.length) return;
  const at = ids.indexOf(state.openId);
  const next = at < 0 ? 0 : at + delta;
  if (next < 0 || next >= ids.length) {
    toast(state.queue ? "End of the review queue." : "No more events in this list.");
    return;
  }
  openEvent(ids[next]);
}

async function startQueue() {
  try {
    const page = await api.events({ ...currentFilters(), reviewed: "false", sort: "confidence", limit: PAGE });
    if (!page.items.length) {
      toast("Nothing left to review for these filters.");
      return;
    }
    state.queue = { ids: page.items.map((e) => e.id) };
    openEvent(state.queue.ids[0]);
  } catch (err) {
    toast(`Queue: ${err.message}`, "error");
  }
}

// ---- reviews -----------------------------------------------------------------------------

// The fields the API lets an analyst edit (meta.editable_fields), with what the form shows.
const EDIT_LABELS = {
  type: "Type", mode: "Mode", status: "Status",
  acled_event_type: "ACLED event type", acled_sub_event_type: "ACLED sub-event type",
  actor: "Actor", actor_country: "Actor country", actor_sector: "Actor sector",
  recipient: "Target", recipient_country: "Target country", recipient_sector: "Target sector",
  location: "Location", admin1: "Admin1", country: "Country", lat: "Latitude", lon: "Longitude",
  date: "Date", killed: "Killed", injured: "Injured",
};
const NUMERIC = new Set(["killed", "injured", "lat", "lon"]);

function fillEditFields(names) {
  const select = $("edit-field");
  for (const name of names) select.append(h("option", { value: name }, EDIT_LABELS[name] || name));
}

/** The value sent for an edit of `field`: a number for counts and coordinates, null for empty. */
export function editValue(field, raw) {
  const text = raw.trim();
  if (!text) return null;
  if (NUMERIC.has(field)) {
    const n = Number(text);
    if (!Number.isFinite(n)) throw new Error(`${EDIT_LABELS[field] || field} must be a number`);
    return n;
  }
  if (field === "date" && !/^\d{4}-\d{2}-\d{2}$/.test(text)) throw new Error("a date is YYYY-MM-DD");
  return text;
}

/** The current value of an editable field in `event`, to start the edit from. */
function currentValue(event, field) {
  const paths = {
    mode: ["mode"], acled_event_type: ["acled", "event_type"], acled_sub_event_type: ["acled", "sub_event_type"],
    actor: ["actor", "name"], actor_country: ["actor", "country"], actor_sector: ["actor", "sector"],
    recipient: ["recipient", "name"], recipient_country: ["recipient", "country"],
    recipient_sector: ["recipient", "sector"], location: ["location", "name"],
    admin1: ["location", "admin1"], country: ["location", "country"], lat: ["location", "lat"],
    lon: ["location", "lon"], date: ["date", "value"], killed: ["killed", "value"],
    injured: ["injured", "value"],
  };
  let part = event;
  for (const key of paths[field] || [field]) part = part && typeof part === "object" ? part[key] : null;
  return part === null || part === undefined ? "" : String(part);
}

async function review(verdict) {
  const id = state.openId;
  if (!id || state.reviewing) return; // one verdict at a time, however fast the keys come
  state.reviewing = true;
  try {
    await sendReview(id, verdict);
  } finally {
    state.reviewing = false;
  }
}

async function sendReview(id, verdict) {
  const msg = $("review-msg");
  if (!apiKey()) {
    msg.textContent = "Enter your key (top right) to review.";
    msg.className = "msg error";
    $("api-key").focus();
    return;
  }
  const body = { verdict };
  const comment = $("comment").value.trim();
  if (comment) body.comment = comment;
  if (verdict === "edit") {
    const field = $("edit-field").value;
    try {
      body.fields = { [field]: editValue(field, $("edit-value").value) };
    } catch (err) {
      msg.textContent = err.message;
      msg.className = "msg error";
      return;
    }
  }
  try {
    await api.review(id, body);
    msg.textContent = `${verdict === "edit" ? "Edit saved" : `${verdict === "accept" ? "Accepted" : "Rejected"}`}.`;
    msg.className = "msg ok";
    $("comment").value = "";
    $("edit-value").value = "";
    await loadEvents({ fit: false });
    const at = state.queue ? state.queue.ids.indexOf(id) : -1;
    if (at >= 0 && verdict !== "edit") {
      state.queue.ids.splice(at, 1);
      if (at < state.queue.ids.length) openEvent(state.queue.ids[at]);
      else { toast("Review queue done."); closeEvent(); }
    } else {
      openEvent(id);
    }
  } catch (err) {
    msg.textContent = err.status === 401 || err.status === 403 ? `Key refused (${err.message})` : err.message;
    msg.className = "msg error";
  }
}

// ---- wiring ------------------------------------------------------------------------------

async function loadMeta() {
  let meta = {};
  try {
    meta = await api.meta();
  } catch (err) {
    toast(`Meta: ${err.message}`, "error");
  }
  const fill = (select, values) => {
    for (const v of values || []) {
      const value = typeof v === "object" ? v.value ?? v.code ?? v.name : v;
      const label = typeof v === "object" && v.count !== undefined ? `${value} (${v.count})` : value;
      if (value) select.append(h("option", { value }, label));
    }
  };
  fill($("f-country"), meta.countries);
  fill($("f-type"), meta.types && meta.types.length ? meta.types : Object.keys(TYPE_COLOURS));
  fill($("f-acled"), meta.acled_types);
  fill($("f-status"), meta.statuses);
  return meta;
}

async function detectReport() {
  try {
    const spec = await api.openapi();
    const path = Object.keys(spec.paths || {}).find((p) => /^\/api\/reports?$/.test(p));
    if (path) {
      const link = $("export-sitrep");
      link.dataset.path = path;
      link.hidden = false;
      updateExports();
    }
  } catch { /* no schema: no report link */ }
}

function setLayer(layer) {
  state.layer = layer;
  $("show-events").classList.toggle("on", layer === "events");
  $("show-incidents").classList.toggle("on", layer === "incidents");
}

function isTyping(target) {
  return target && (["INPUT", "TEXTAREA", "SELECT"].includes(target.tagName) || target.isContentEditable);
}

function wire() {
  let typingTimer;
  filterForm.addEventListener("change", () => reloadAll());
  filterForm.addEventListener("input", (e) => {
    if (e.target.name !== "q") return;
    clearTimeout(typingTimer);
    typingTimer = setTimeout(reloadAll, 300);
  });
  filterForm.addEventListener("submit", (e) => { e.preventDefault(); reloadAll(); });
  $("range-clear").addEventListener("click", () => setRange(null));
  $("range-zoom").addEventListener("click", () => {
    const zoomed = timeline.toggleZoom();
    $("range-zoom").classList.toggle("on", zoomed);
    $("range-zoom").textContent = zoomed ? "all dates" : "zoom";
  });
  $("more").addEventListener("click", () => loadMore());
  $("queue-button").addEventListener("click", () => startQueue());
  $("detail-close").addEventListener("click", () => closeEvent());
  $("prev").addEventListener("click", () => step(-1));
  $("next").addEventListener("click", () => step(1));
  $("accept").addEventListener("click", () => review("accept"));
  $("reject").addEventListener("click", () => review("reject"));
  $("edit").addEventListener("click", () => review("edit"));
  // Enter in the value box saves the edit (and never submits the form as a page load)
  $("review").addEventListener("submit", (e) => {
    e.preventDefault();
    review("edit");
  });
  $("edit-field").addEventListener("change", () => {
    if (state.openEvent) $("edit-value").value = currentValue(state.openEvent, $("edit-field").value);
  });
  $("fields").addEventListener("click", (e) => {
    const button = e.target.closest("button.words");
    if (button) flashField(detail.articleText, button.dataset.field);
  });
  $("show-events").addEventListener("click", () => { setLayer("events"); loadEvents(); });
  $("show-incidents").addEventListener("click", () => { setLayer("incidents"); loadEvents(); });
  $("key-form").addEventListener("submit", (e) => {
    e.preventDefault();
    setApiKey($("api-key").value.trim());
  });
  // the event view starts below the top bar, whose height depends on how its filters wrap
  new ResizeObserver(() => {
    detail.root.style.top = `${$("topbar").offsetHeight + 8}px`;
  }).observe($("topbar"));
  const key = $("api-key");
  key.value = apiKey();
  key.addEventListener("change", () => {
    setApiKey(key.value.trim());
    if (state.readsKeyed) reloadAll();
  });
  document.addEventListener("keydown", (e) => {
    if (e.key === "Escape" && !detail.root.hidden) { closeEvent(); return; }
    if (isTyping(e.target) || e.ctrlKey || e.metaKey || e.altKey || detail.root.hidden) return;
    const actions = { a: () => review("accept"), r: () => review("reject"), j: () => step(1), k: () => step(-1) };
    if (actions[e.key]) {
      e.preventDefault();
      actions[e.key]();
    }
  });
}

async function start() {
  wire();
  const meta = await loadMeta();
  state.readsKeyed = Boolean(meta.reads_keyed);
  if (state.readsKeyed && !apiKey()) toast("This server needs a key to read: enter it top right.", "error");
  fillEditFields(meta.editable_fields && meta.editable_fields.length ? meta.editable_fields
    : ["type", "status", "actor", "recipient", "location", "date", "killed", "injured"]);
  if (meta.tile_url) map.setTiles(meta.tile_url, meta.tile_attribution);
  detectReport();
  const openId = restoreView();
  await reloadAll();
  if (openId) await openEvent(openId);
  document.body.dataset.ready = "true";
}

start();
