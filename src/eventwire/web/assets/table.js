// The events table: one row per event, newest first (or as sorted), a click opens the event.
import { clear, fmtNumber, h } from "./dom.js";
import { typeColour } from "./types.js";

/** The place as the table shows it: name and country (the event view adds the region). */
export function placeOf(event) {
  const loc = event.location;
  if (!loc) return "";
  return [loc.name, loc.country].filter(Boolean).join(", ");
}

export function actorOf(event) {
  const actor = event.actor;
  return actor ? actor.name || actor.text || "" : "";
}

export function reviewState(event) {
  return (event.review && event.review.state) || "";
}

/** `text` with a break opportunity after each slash ("Shelling/artillery/missile attack"). */
function breakable(text) {
  return text.replaceAll("/", "/\u200b");
}

export function typeChip(type) {
  return h("span", { class: "type-chip" },
    h("i", { class: "dot", style: { background: typeColour(type) } }), type || "");
}

export class EventTable {
  constructor(table, { onSelect, onSort } = {}) {
    this.body = table.querySelector("tbody");
    this.onSelect = onSelect;
    this.selectedId = null;
    this.body.addEventListener("click", (e) => {
      const row = e.target.closest("tr[data-id]");
      if (row && this.onSelect) this.onSelect(row.dataset.id);
    });
    this.body.addEventListener("keydown", (e) => {
      const row = e.target.closest("tr[data-id]");
      if (row && e.key === "Enter" && this.onSelect) this.onSelect(row.dataset.id);
    });
    for (const th of table.querySelectorAll("th[data-sort]")) {
      th.tabIndex = 0;
      th.classList.add("sortable");
      th.addEventListener("click", () => onSort && onSort(th.dataset.sort));
    }
    this.headers = table.querySelectorAll("th[data-sort]");
  }

  showSort(sort) {
    for (const th of this.headers) {
      const key = th.dataset.sort;
      th.classList.toggle("asc", sort === key);
      th.classList.toggle("desc", sort === `-${key}`);
    }
  }

  show(events) {
    clear(this.body);
    for (const event of events) this.body.appendChild(this.row(event));
    this.highlight(this.selectedId);
  }

  row(event) {
    const state = reviewState(event);
    const killed = event.killed ? event.killed.value : null;
    const evidence = event.evidence ? event.evidence.text : "";
    return h("tr", { tabindex: "0", class: state ? `state-${state}` : "", dataset: { id: event.id } },
      h("td", { class: "nowrap" }, event.date ? event.date.value : ""),
      h("td", {}, typeChip(event.type),
        event.acled && event.acled.sub_event_type ? h("div", { class: "sub" }, breakable(event.acled.sub_event_type)) : null,
        event.status && event.status !== "occurred"
          ? h("div", { class: `status status-${event.status}` }, event.status) : null),
      h("td", {}, actorOf(event)),
      h("td", {}, placeOf(event)),
      h("td", { class: "num" }, fmtNumber(killed)),
      h("td", { title: evidence }, h("div", { class: "evidence" }, evidence)),
      h("td", { class: "num" }, event.confidence === undefined ? "" : event.confidence.toFixed(2)),
      h("td", {}, state ? h("span", { class: `state state-${state}` }, state) : h("span", { class: "muted" }, "—")));
  }

  highlight(id) {
    this.selectedId = id;
    for (const row of this.body.querySelectorAll("tr.selected")) row.classList.remove("selected");
    if (!id) return;
    const row = this.body.querySelector(`tr[data-id="${CSS.escape(id)}"]`);
    if (row) {
      row.classList.add("selected");
      row.scrollIntoView({ block: "nearest" });
    }
  }
}
