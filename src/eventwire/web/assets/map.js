// The map: an offline basemap of country borders (Natural Earth 1:50m from world-atlas, shipped
// in the package), web tiles only when the server names a tile URL, and clustered markers
// coloured by event type and sized by fatalities.
/* global L, topojson */
import { h } from "./dom.js";
import { TYPE_COLOURS, markerSize, typeColour } from "./types.js";

const WORLD = "/assets/vendor/world-atlas/countries-50m.json";

export class EventMap {
  constructor(element, { onSelect } = {}) {
    this.onSelect = onSelect;
    this.map = L.map(element, {
      worldCopyJump: true,
      minZoom: 2,
      maxZoom: 12,
      zoomSnap: 0.5,
      // no panning past the poles, where Web Mercator has nothing to show
      maxBounds: [[-84, -540], [84, 540]],
      maxBoundsViscosity: 1,
      attributionControl: true,
    }).setView([30, 20], 2);
    this.map.attributionControl.setPrefix(false);
    this.element = element;
    element.classList.add("offline");
    this.borders = this.loadBorders();
    this.cluster = L.markerClusterGroup({
      maxClusterRadius: 36,
      showCoverageOnHover: false,
      spiderfyOnMaxZoom: true,
      iconCreateFunction: (cluster) => clusterIcon(cluster),
    });
    this.map.addLayer(this.cluster);
    this.addLegend();
  }

  async loadBorders() {
    try {
      const topo = await (await fetch(WORLD)).json();
      const countries = topojson.feature(topo, topo.objects.countries);
      countries.features = countries.features
        .filter((f) => f.properties.name !== "Antarctica")
        .map(unwrapFeature);
      const layer = L.geoJSON(countries, {
        interactive: false,
        style: { color: "#9aa5b1", weight: 0.8, fillColor: "#f4f1ea", fillOpacity: 1 },
      });
      if (!this.tiles) layer.addTo(this.map).bringToBack();
      this.map.attributionControl.addAttribution("Borders: Natural Earth");
      return layer;
    } catch (err) {
      console.warn("basemap not loaded", err);
      return null;
    }
  }

  /** Use web tiles (only when the server's settings name a tile URL) instead of the borders. */
  async setTiles(url, attribution) {
    this.tiles = L.tileLayer(url, { attribution: attribution || "", maxZoom: 18 }).addTo(this.map);
    this.element.classList.remove("offline");
    const borders = await this.borders;
    if (borders) this.map.removeLayer(borders);
  }

  addLegend() {
    const legend = L.control({ position: "bottomleft" });
    legend.onAdd = () => {
      const shown = ["ASSAULT", "COERCE", "THREATEN", "PROTEST", "SANCTION", "ACCUSE", "AGREE", "AID"];
      return h("div", { class: "map-legend" },
        shown.map((type) => h("span", { class: "legend-item" },
          h("i", { class: "dot", style: { background: TYPE_COLOURS[type] } }), type.toLowerCase())),
        h("span", { class: "legend-item" }, h("i", { class: "dot", style: { background: "#757575" } }), "other"),
        h("span", { class: "legend-item muted" }, "size: killed"),
        h("span", { class: "legend-item muted" }, h("i", { class: "dot ring" }), "region or country only"));
    };
    legend.addTo(this.map);
  }

  /** Show `items` (events or incidents) that have coordinates; returns how many were placed. */
  show(items, { fit = true } = {}) {
    this.cluster.clearLayers();
    const markers = [];
    for (const item of items) {
      const loc = item.location;
      if (!loc || loc.lat === null || loc.lat === undefined || loc.lon === null) continue;
      markers.push(eventMarker(item, this.onSelect));
    }
    this.cluster.addLayers(markers);
    if (fit && markers.length) {
      const bounds = L.latLngBounds(markers.map((m) => m.getLatLng()));
      this.map.fitBounds(bounds.pad(0.25), { maxZoom: 7, animate: false });
    }
    return markers.length;
  }

  invalidate() {
    this.map.invalidateSize();
  }
}

/**
 * The feature with each ring made continuous in longitude: world-atlas cuts rings at the
 * antimeridian (fine for d3's spherical projections), which Leaflet would draw as lines
 * across the whole map (Russia's Chukotka, Fiji).
 */
function unwrapFeature(feature) {
  const unwrapRing = (ring) => {
    let offset = 0;
    return ring.map(([lon, lat], i) => {
      if (i > 0) {
        const step = lon - ring[i - 1][0];
        if (step > 180) offset -= 360;
        else if (step < -180) offset += 360;
      }
      return [lon + offset, lat];
    });
  };
  const geometry = feature.geometry;
  if (!geometry) return feature;
  const coordinates = geometry.type === "Polygon"
    ? geometry.coordinates.map(unwrapRing)
    : geometry.type === "MultiPolygon"
      ? geometry.coordinates.map((polygon) => polygon.map(unwrapRing))
      : geometry.coordinates;
  return { ...feature, geometry: { ...geometry, coordinates } };
}

function killedOf(item) {
  return item.killed && typeof item.killed === "object" ? item.killed.value : item.killed;
}

function eventMarker(item, onSelect) {
  const loc = item.location;
  const killed = killedOf(item) || 0;
  const size = markerSize(killed);
  const place = [loc.name, loc.country].filter(Boolean).join(", ");
  const count = item.n_events > 1 ? ` (${item.n_events} events)` : "";
  const label = `${item.type || "event"} at ${place}${killed ? `, ${killed} killed` : ""}${count}`
    + (item.title ? ` — ${item.title}` : "");
  const el = h("div", {
    // precision 2-3: near the place, or a region or country only: drawn fainter, dashed
    class: loc.precision >= 2 ? "ew-marker imprecise" : "ew-marker",
    role: "button",
    "aria-label": label,
    title: label,
    style: { width: `${size}px`, height: `${size}px`, background: typeColour(item.type) },
    dataset: {
      id: item.id,
      lat: String(loc.lat),
      lon: String(loc.lon),
      place: loc.name || "",
      type: item.type || "",
    },
  });
  const marker = L.marker([loc.lat, loc.lon], {
    icon: L.divIcon({ html: el, className: "ew-marker-box", iconSize: [size, size] }),
    keyboard: false,
    riseOnHover: true,
  });
  marker.eventwire = item;
  marker.on("click", () => onSelect && onSelect(item.id));
  return marker;
}

function clusterIcon(cluster) {
  const children = cluster.getAllChildMarkers();
  const killed = children.reduce((sum, m) => sum + (killedOf(m.eventwire) || 0), 0);
  const counts = {};
  for (const m of children) counts[m.eventwire.type] = (counts[m.eventwire.type] || 0) + 1;
  const top = Object.entries(counts).sort((a, b) => b[1] - a[1])[0][0];
  const size = Math.max(markerSize(killed), 26);
  const places = [...new Set(children.map((m) => m.eventwire.location.name).filter(Boolean))];
  // the mean of the children (the cluster's own latlng can be stale when the icon is drawn)
  const centre = {
    lat: children.reduce((sum, m) => sum + m.getLatLng().lat, 0) / children.length,
    lng: children.reduce((sum, m) => sum + m.getLatLng().lng, 0) / children.length,
  };
  const el = h("div", {
    class: "ew-cluster",
    title: `${children.length} events at ${places.slice(0, 5).join(", ")}${killed ? `; ${killed} killed` : ""}`,
    style: { width: `${size}px`, height: `${size}px`, borderColor: typeColour(top) },
    dataset: {
      lat: String(centre.lat),
      lon: String(centre.lng),
      count: String(children.length),
      places: places.join("|"),
    },
  }, String(children.length));
  return L.divIcon({ html: el, className: "ew-marker-box", iconSize: [size, size] });
}
