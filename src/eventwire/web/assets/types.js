// Colours of PLOVER's 16 event types, grouped so that a glance at the map separates violence
// (reds), force short of it (oranges), protest (purple), words (blues) and cooperation (greens).
export const TYPE_COLOURS = {
  ASSAULT: "#c62828",
  COERCE: "#e65100",
  THREATEN: "#f29e38",
  MOBILIZE: "#8d6e63",
  SANCTION: "#b8860b",
  PROTEST: "#7b1fa2",
  ACCUSE: "#3949ab",
  REJECT: "#5c6bc0",
  REQUEST: "#0288d1",
  CONSULT: "#00897b",
  AGREE: "#2e7d32",
  COOPERATE: "#43a047",
  SUPPORT: "#7cb342",
  AID: "#00acc1",
  CONCEDE: "#607d8b",
  RETREAT: "#90a4ae",
};

export function typeColour(type) {
  return TYPE_COLOURS[type] || "#757575";
}

/** Marker diameter in pixels: grows with the square root of fatalities, so area tracks deaths. */
export function markerSize(killed) {
  const n = Number(killed) || 0;
  return Math.round(Math.min(12 + 4 * Math.sqrt(n), 44));
}
