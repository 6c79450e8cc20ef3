import { accessToken } from "./auth.js";

// Plain words for the HTTP status, put before the API's own detail so that every error reads as a sentence.
const PLAIN = {
  400: "The request was not accepted",
  401: "You are signed out or your session expired",
  403: "You are not allowed to do this",
  404: "Not found",
  409: "This conflicts with the current state",
  413: "That is too large",
  422: "The request could not be processed",
};

/** An API error in plain words, from the problem+json (RFC 9457) body the API always sends. */
export class ApiError extends Error {
  constructor(status, problem) {
    const fields = (problem.errors || []).map((e) => `${e.field} ${e.message}`).join("; ");
    const lead = PLAIN[status] || problem.title || `The request failed (${status})`;
    const detail = [problem.detail, fields].filter(Boolean).join(" — ");
    super(detail ? `${lead}: ${detail}` : `${lead}.`);
    this.status = status;
    this.problem = problem;
  }
}

/** Calls the API with the signed-in user's token; answers the JSON body or throws {@link ApiError}. */
export async function api(path, options = {}) {
  const token = await accessToken();
  let response;
  try {
    response = await fetch(path, {
      ...options,
      headers: { Accept: "application/json, application/problem+json, text/plain",
        ...(options.body ? { "Content-Type": "application/json" } : {}),
        ...(token ? { Authorization: `Bearer ${token}` } : {}), ...options.headers },
    });
  } catch (offline) {
    throw new ApiError(0, { title: "The server could not be reached; check your connection and try again" });
  }
  const type = response.headers.get("Content-Type") || "";
  const body = type.includes("json") ? await response.json() : await response.text();
  if (!response.ok) {
    throw new ApiError(response.status, typeof body === "object" && body ? body : { title: response.statusText });
  }
  return body;
}

export const post = (path, body) => api(path, { method: "POST", body: body === undefined ? undefined : JSON.stringify(body) });

/** Appends query parameters, skipping empty ones; arrays repeat the parameter. */
export function withQuery(path, params) {
  const query = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    for (const one of Array.isArray(value) ? value : [value]) {
      if (one !== undefined && one !== null && one !== "") query.append(key, one);
    }
  }
  const text = query.toString();
  return text ? `${path}${path.includes("?") ? "&" : "?"}${text}` : path;
}

/** Path of a version's API resource, from its name {@code owner/model@1.0.0}. */
export function versionPath(name) {
  const [model, version] = name.split("@");
  return `/api/v1/models/${model}/versions/${encodeURIComponent(version)}`;
}
