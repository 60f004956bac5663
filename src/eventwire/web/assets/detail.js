// The event view: every field with the words it came from, the article text with the evidence
// sentence and those words highlighted, the review history and the review controls.
import { clear, h, safeHref } from "./dom.js";
import { typeChip } from "./table.js";

function count(c) {
  if (!c) return null;
  let text = String(c.value);
  if (c.low !== null && c.low !== undefined && c.low !== c.value) text += ` (at least ${c.low})`;
  if (c.high !== null && c.high !== undefined && c.high !== c.value) text += ` (up to ${c.high})`;
  if (c.children) text += `, ${c.children} ${c.children === 1 ? "child" : "children"}`;
  return text;
}

function actor(a) {
  if (!a) return null;
  const extra = [a.country, a.sector].filter(Boolean).join(" · ");
  return `${a.name || a.text}${extra ? ` (${extra})` : ""}${a.basis === "event" ? " — implied" : ""}`;
}

function place(l) {
  if (!l) return null;
  const names = [l.name, l.admin1 && l.admin1 !== l.name ? l.admin1 : null, l.country].filter(Boolean);
  const coords = l.lat !== null && l.lat !== undefined ? ` · ${l.lat.toFixed(3)}, ${l.lon.toFixed(3)}` : "";
  return `${names.join(", ")}${coords} · precision ${l.precision}${l.basis && l.basis !== "text" ? ` · from the ${l.basis}` : ""}`;
}

/** The rows of the fields table: label, shown value, and the words (text and offsets) behind it. */
export const FIELDS = [
  { key: "type", label: "Type", value: (e) => (e.mode ? `${e.type} · ${e.mode}` : e.type), words: (e) => e.trigger && { text: e.trigger } },
  { key: "acled", label: "ACLED", value: (e) => e.acled && [e.acled.event_type, e.acled.sub_event_type].filter(Boolean).join(" — ") },
  { key: "status", label: "Status", value: (e) => e.status },
  { key: "actor", label: "Actor", value: (e) => actor(e.actor), words: (e) => e.actor },
  { key: "recipient", label: "Target", value: (e) => actor(e.recipient), words: (e) => e.recipient },
  { key: "location", label: "Location", value: (e) => place(e.location), words: (e) => e.location && e.location.text && e.location },
  { key: "date", label: "Date", value: (e) => e.date && `${e.date.value} (${e.date.precision}, ${e.date.basis})`, words: (e) => e.date && e.date.text && e.date },
  { key: "killed", label: "Killed", value: (e) => count(e.killed), words: (e) => e.killed },
  { key: "injured", label: "Injured", value: (e) => count(e.injured), words: (e) => e.injured },
  { key: "size", label: "Size", value: (e) => e.size && `${e.size.qualifier ? `${e.size.qualifier} ` : ""}${e.size.value}${e.size.unit ? ` ${e.size.unit}` : ""}`, words: (e) => e.size },
  { key: "weapon", label: "Weapon", value: (e) => e.weapon && e.weapon.name, words: (e) => e.weapon },
  { key: "attribution", label: "Source", value: (e) => e.attribution && [e.attribution.text, e.attribution.verb].filter(Boolean).join(" — "), words: (e) => e.attribution },
  { key: "confidence", label: "Confidence", value: (e) => (e.confidence === undefined ? null : e.confidence.toFixed(2)) },
];

/** Where `words` ({text, start?, end?}) sit in `text`: its offsets when they hold, else a search. */
export function locate(text, words, evidence) {
  if (!words || !words.text) return null;
  const { start, end } = words;
  if (Number.isInteger(start) && Number.isInteger(end) && text.slice(start, end) === words.text) {
    return { start, end };
  }
  const from = evidence ? Math.max(0, evidence.start) : 0;
  let at = text.indexOf(words.text, from);
  if (at < 0 || (evidence && at > evidence.end)) at = text.indexOf(words.text);
  return at < 0 ? null : { start: at, end: at + words.text.length };
}

/**
 * The article `text` as DOM: text nodes for plain stretches and <span>s for the highlighted
 * ones (`spans`: {start, end, cls, field}). Never parsed as HTML.
 */
export function renderText(text, spans) {
  const cuts = new Set([0, text.length]);
  for (const s of spans) {
    cuts.add(Math.max(0, Math.min(s.start, text.length)));
    cuts.add(Math.max(0, Math.min(s.end, text.length)));
  }
  const points = [...cuts].sort((a, b) => a - b);
  const fragment = document.createDocumentFragment();
  for (let i = 0; i < points.length - 1; i++) {
    const [a, b] = [points[i], points[i + 1]];
    const piece = text.slice(a, b);
    const covering = spans.filter((s) => s.start <= a && s.end >= b);
    if (!covering.length) {
      fragment.appendChild(document.createTextNode(piece));
      continue;
    }
    const fields = covering.filter((s) => s.field).map((s) => s.field);
    fragment.appendChild(h("span", {
      class: [...new Set(covering.map((s) => s.cls))].join(" "),
      dataset: fields.length ? { field: fields.join(" ") } : {},
    }, piece));
  }
  return fragment;
}

/** The row of the fields table that shows each editable field of the API. */
const ROW_OF_EDIT = {
  mode: "type",
  acled_event_type: "acled",
  acled_sub_event_type: "acled",
  actor_country: "actor",
  actor_sector: "actor",
  recipient_country: "recipient",
  recipient_sector: "recipient",
  admin1: "location",
  country: "location",
  lat: "location",
  lon: "location",
};

export function rowOfEdit(name) {
  return ROW_OF_EDIT[name] || name;
}

function machineValue(value) {
  if (value === null || value === undefined) return "none";
  if (typeof value !== "object") return String(value);
  return value.name || value.value || value.text || JSON.stringify(value);
}

export function renderDetail(event, elements) {
  const article = event.article || {};
  const text = article.text || "";
  const evidence = event.evidence;
  elements.title.textContent = "";
  elements.title.append(typeChip(event.type), " ", event.date ? event.date.value : "", " ",
    event.location ? `· ${event.location.name}` : "");
  const state = event.review && event.review.state;
  elements.state.textContent = state || "not reviewed";
  elements.state.className = `state ${state ? `state-${state}` : "state-none"}`;

  const spans = [];
  if (evidence && text) spans.push({ start: evidence.start, end: evidence.end, cls: "hl-evidence" });
  const rows = [];
  const machine = event.machine || {};
  for (const field of FIELDS) {
    const value = field.value(event);
    const words = field.words ? field.words(event) : null;
    const where = text && words ? locate(text, words, evidence) : null;
    if (where) spans.push({ ...where, cls: "hl-field", field: field.key });
    const edits = Object.keys(machine).filter((name) => rowOfEdit(name) === field.key);
    rows.push(h("tr", { dataset: { field: field.key }, class: value ? "" : "absent" },
      h("th", {}, field.label),
      h("td", {}, value || h("span", { class: "muted" }, "—"),
        edits.map((name) => h("div", { class: "machine" },
          `machine${edits.length > 1 || name !== field.key ? ` ${name}` : ""}: ${machineValue(machine[name])}`))),
      h("td", {}, words && words.text
        ? h("button", { type: "button", class: "words", dataset: { field: field.key }, disabled: !where },
          `“${words.text}”`)
        : null)));
  }
  clear(elements.fields).append(...rows);

  elements.articleTitle.textContent = article.title || "(untitled article)";
  const href = safeHref(article.url);
  const source = [article.site, article.published].filter(Boolean).join(" · ");
  clear(elements.articleSource).append(source, href ? " · " : "",
    href ? h("a", { href, target: "_blank", rel: "noopener noreferrer nofollow" }, "open the original") : "");
  clear(elements.articleText).append(renderText(text, spans));
  if (!text && evidence) elements.articleText.append(h("p", { class: "muted" }, "Article text not stored; the evidence: "), h("span", { class: "hl-evidence" }, evidence.text));

  const history = event.history || event.reviews || [];
  clear(elements.history).append(...(history.length ? history.map(reviewItem)
    : [h("li", { class: "muted" }, "No reviews yet.")]));
}

function reviewItem(review) {
  const when = review.at || review.created_at || "";
  const fields = review.fields && Object.keys(review.fields).length
    ? h("div", { class: "muted" }, Object.entries(review.fields).map(([k, v]) => `${k} → ${machineValue(v)}`).join("; "))
    : null;
  return h("li", { class: `verdict-${review.verdict}` },
    h("strong", {}, review.verdict), " by ", review.reviewer || "unknown", " ",
    h("time", { class: "muted" }, when.replace("T", " ").slice(0, 19)),
    fields, review.comment ? h("div", { class: "comment" }, review.comment) : null);
}

/**
 * Scroll the article's own pane (not the page, nor the fields beside it) so that `target`
 * sits a third of the way down.
 */
export function scrollArticleTo(target) {
  const pane = target.closest(".detail-article");
  if (!pane) return;
  const offset = target.getBoundingClientRect().top - pane.getBoundingClientRect().top;
  pane.scrollTop += offset - pane.clientHeight / 3;
}

/** Scroll the article to the words of `field` and make them blink once. */
export function flashField(container, field) {
  const target = container.querySelector(`[data-field~="${CSS.escape(field)}"]`);
  if (!target) return;
  scrollArticleTo(target);
  target.classList.remove("flash");
  void target.offsetWidth;
  target.classList.add("flash");
}
