// The timeline: events per day (or week) as bars and fatalities as a line, drawn with uPlot.
// Dragging across it selects a date range (a brush) that filters the map and the table.
/* global uPlot */

const DAY = 86400;

function toSeconds(isoDate) {
  return Date.parse(`${isoDate}T00:00:00Z`) / 1000;
}

export function toIsoDate(seconds) {
  return new Date(seconds * 1000).toISOString().slice(0, 10);
}

/** Columns for uPlot from the API's points, with empty days (or weeks) filled with zeros. */
export function columns(points, interval) {
  const step = interval === "week" ? 7 * DAY : DAY;
  const byTime = new Map(points.map((p) => [toSeconds(p.date), p]));
  const times = [...byTime.keys()].sort((a, b) => a - b);
  const xs = [], events = [], killed = [];
  if (!times.length) return [xs, events, killed];
  for (let t = times[0]; t <= times[times.length - 1]; t += step) {
    const p = byTime.get(t);
    xs.push(t);
    events.push(p && p.events ? p.events : null); // no stub of a bar where nothing happened
    killed.push(p && p.killed ? p.killed : null); // dots where people died, no line along zero
  }
  return [xs, events, killed];
}

export class Timeline {
  constructor(element, { onRange } = {}) {
    this.element = element;
    this.onRange = onRange;
    this.plot = null;
    this.data = [[], [], []];
    this.interval = "day";
    this.range = null;
    this.zoomed = false;
    new ResizeObserver(() => this.resize()).observe(element);
  }

  size() {
    return { width: Math.max(this.element.clientWidth, 200), height: Math.max(this.element.clientHeight, 120) };
  }

  resize() {
    if (this.plot) this.plot.setSize(this.size());
    this.drawRange();
  }

  /** Draw `points` ({date, events, killed}) at `interval` (day or week). */
  show(points, interval) {
    this.interval = interval;
    this.data = columns(points, interval);
    if (this.plot) this.plot.destroy();
    this.element.classList.toggle("empty", this.data[0].length === 0);
    if (!this.data[0].length) {
      this.plot = null;
      this.element.dataset.points = "0";
      return;
    }
    // each bar covers its period, from its first day (the API's date) to the next period
    this.step = interval === "week" ? 7 * DAY : DAY;
    const xs = this.data[0];
    // at least a week either side, so that one day's bar reads as a day on the axis
    const pad = xs[xs.length - 1] - xs[0] < 14 * DAY ? 7 * DAY : this.step / 2;
    this.fullRange = [xs[0] - pad, xs[xs.length - 1] + this.step + pad];
    // drawn at the middle of each period, so that a centred bar spans the period and the
    // fatality dot sits over it; the starts are kept for the brush
    this.starts = xs;
    const middles = xs.map((t) => t + this.step / 2);
    const xRange = this.zoomed && this.range ? this.rangeScale() : this.fullRange;
    const bars = uPlot.paths.bars({ size: [0.86, Infinity, 3], align: 0 });
    this.plot = new uPlot({
      ...this.size(),
      padding: [8, 8, 0, 4],
      legend: { show: false },
      cursor: { drag: { x: true, y: false, setScale: false }, points: { show: false }, y: false },
      select: { show: true },
      scales: {
        x: { time: true, range: () => xRange },
        n: { range: (u, lo, hi) => [0, Math.max(hi, 1) * 1.1] },
        k: { range: (u, lo, hi) => [0, Math.max(hi, 1) * 1.15] },
      },
      axes: [
        { stroke: "#52606d", grid: { stroke: "#eef1f4" }, ticks: { stroke: "#d9dee3" } },
        { scale: "n", label: "events", stroke: "#52606d", size: 44, grid: { stroke: "#eef1f4" },
          ticks: { stroke: "#d9dee3" }, values: integerTicks },
        { scale: "k", side: 1, label: "killed", stroke: "#b23b3b", size: 44, grid: { show: false },
          values: integerTicks },
      ],
      series: [
        {},
        { label: "events", scale: "n", paths: bars, fill: "rgba(44, 82, 130, 0.55)", stroke: "#2c5282", width: 1 },
        { label: "killed", scale: "k", stroke: "#c53030", width: 1.5, spanGaps: false,
          points: { show: true, size: 7, fill: "#c53030", stroke: "#fff" } },
      ],
      hooks: { setSelect: [(u) => this.selected(u)] },
    }, [middles, this.data[1], this.data[2]], this.element);
    this.element.dataset.points = String(this.data[0].length);
    this.element.dataset.interval = interval;
    // the x scale, so that a test (or a person's script) can find a date on the chart
    [this.element.dataset.xMin, this.element.dataset.xMax] = xRange.map(String);
    this.drawRange();
  }

  selected(u) {
    if (this.drawing) return;
    const { left, width } = u.select;
    if (width < 3) return;
    const lo = u.posToVal(left, "x");
    const hi = u.posToVal(left + width, "x");
    const middle = (t) => t + this.step / 2;
    const inside = this.starts.filter((t) => middle(t) >= lo && middle(t) <= hi);
    // a drag that covers no bar's middle still means the bar it is on
    const first = inside.length ? inside[0] : nearest(this.starts, (lo + hi) / 2 - this.step / 2);
    const last = inside.length ? inside[inside.length - 1] : first;
    this.range = { since: toIsoDate(first), until: toIsoDate(last + this.step - DAY) };
    this.drawRange();
    if (this.onRange) this.onRange(this.range);
  }

  /** The x scale that shows the selected range with a little room either side. */
  rangeScale() {
    const lo = toSeconds(this.range.since);
    const hi = toSeconds(this.range.until) + DAY;
    const room = Math.max((hi - lo) * 0.15, 3 * DAY);
    return [lo - room, hi + room];
  }

  /** Zoom into the selected range, or back out to every date; returns whether zoomed. */
  toggleZoom() {
    this.zoomed = !this.zoomed && Boolean(this.range);
    if (this.plot) {
      const [min, max] = this.zoomed ? this.rangeScale() : this.fullRange;
      this.plot.batch(() => {
        this.plot.scales.x.range = () => [min, max];
        this.plot.setScale("x", { min, max });
      });
      [this.element.dataset.xMin, this.element.dataset.xMax] = [min, max].map(String);
      this.drawRange();
    }
    return this.zoomed;
  }

  /** Set or clear (null) the range without telling the listener. */
  setRange(range) {
    this.range = range;
    this.drawRange();
  }

  drawRange() {
    this.element.dataset.since = this.range ? this.range.since : "";
    this.element.dataset.until = this.range ? this.range.until : "";
    const u = this.plot;
    if (!u) return;
    this.drawing = true;
    try {
      if (!this.range) {
        u.setSelect({ left: 0, top: 0, width: 0, height: 0 }, false);
        return;
      }
      const left = u.valToPos(toSeconds(this.range.since), "x");
      const right = u.valToPos(toSeconds(this.range.until) + DAY, "x");
      u.setSelect({ left, top: 0, width: Math.max(right - left, 2), height: u.over.clientHeight }, false);
    } finally {
      this.drawing = false;
    }
  }
}

function nearest(values, target) {
  return values.reduce((best, v) => (Math.abs(v - target) < Math.abs(best - target) ? v : best), values[0]);
}

function integerTicks(u, ticks) {
  return ticks.map((v) => (Number.isInteger(v) ? v.toLocaleString("en-US") : ""));
}
