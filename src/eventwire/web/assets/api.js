// The REST API the dashboard reads and writes (see docs/dashboard.md and /openapi.json).

const KEY_STORE = "eventwire.apiKey";

export function apiKey() {
  return sessionStorage.getItem(KEY_STORE) || "";
}

export function setApiKey(key) {
  if (key) sessionStorage.setItem(KEY_STORE, key);
  else sessionStorage.removeItem(KEY_STORE);
}

export class ApiError extends Error {
  constructor(status, message) {
    super(message);
    this.status = status;
  }
}

/** Query string for `params`, leaving out empty values. */
export function query(params) {
  const search = new URLSearchParams();
  for (const [name, value] of Object.entries(params)) {
    if (value === null || value === undefined || value === "" || value === false) continue;
    search.set(name, String(value));
  }
  const text = search.toString();
  return text ? `?${text}` : "";
}

async function request(path, options = {}) {
  const headers = { Accept: "application/json", ...(options.headers || {}) };
  const key = apiKey();
  if (key) headers.Authorization = `Bearer ${key}`;
  const response = await fetch(path, { ...options, headers });
  if (!response.ok) {
    let detail = response.statusText;
    try {
      const body = await response.json();
      detail = typeof body.detail === "string" ? body.detail : JSON.stringify(body.detail ?? body);
    } catch { /* not JSON: keep the status text */ }
    throw new ApiError(response.status, `${response.status}: ${detail}`);
  }
  return response.status === 204 ? null : response.json();
}

export const api = {
  meta: () => request("/api/meta"),
  openapi: () => request("/openapi.json"),
  events: (params) => request(`/api/events${query(params)}`),
  incidents: (params) => request(`/api/incidents${query(params)}`),
  event: (id) => request(`/api/events/${encodeURIComponent(id)}`),
  series: (params) => request(`/api/series${query(params)}`),
  review: (id, body) => request(`/api/events/${encodeURIComponent(id)}/reviews`, {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify(body),
  }),
};
