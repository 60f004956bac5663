// Copies the dashboard's front-end libraries from node_modules (installed by `npm ci` from the
// pinned package-lock.json) into the Python package, with their licence files, so that the
// dashboard is served from the package and works with no internet. Run by `make web-assets`.
import { cpSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const modules = join(here, "node_modules");
const vendor = join(here, "..", "..", "src", "eventwire", "web", "assets", "vendor");

// package -> [source path in the package, destination name in vendor/<package>/]
const FILES = {
  leaflet: [
    ["dist/leaflet.js", "leaflet.js"],
    ["dist/leaflet.css", "leaflet.css"],
    ["dist/images", "images"],
    ["LICENSE", "LICENSE"],
  ],
  "leaflet.markercluster": [
    ["dist/leaflet.markercluster.js", "leaflet.markercluster.js"],
    ["dist/MarkerCluster.css", "MarkerCluster.css"],
    ["dist/MarkerCluster.Default.css", "MarkerCluster.Default.css"],
    ["MIT-LICENCE.txt", "LICENSE"],
  ],
  "topojson-client": [
    ["dist/topojson-client.min.js", "topojson-client.min.js"],
    ["LICENSE", "LICENSE"],
  ],
  uplot: [
    ["dist/uPlot.iife.min.js", "uPlot.iife.min.js"],
    ["dist/uPlot.min.css", "uPlot.min.css"],
    ["LICENSE", "LICENSE"],
  ],
  "world-atlas": [
    ["countries-50m.json", "countries-50m.json"],
    ["LICENSE", "LICENSE"],
  ],
};

rmSync(vendor, { recursive: true, force: true });
const versions = {};
for (const [name, files] of Object.entries(FILES)) {
  const pkg = JSON.parse(readFileSync(join(modules, name, "package.json"), "utf8"));
  versions[name] = pkg.version;
  for (const [from, to] of files) {
    const target = join(vendor, name, to);
    mkdirSync(dirname(target), { recursive: true });
    cpSync(join(modules, name, from), target, { recursive: true });
  }
}
writeFileSync(join(vendor, "VERSIONS.json"), JSON.stringify(versions, null, 2) + "\n");
console.log("vendor assets:", JSON.stringify(versions));
