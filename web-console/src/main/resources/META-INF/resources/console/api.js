import { accessToken } from "./auth.js";

/** An API error in plain words, from the problem+json body the API always sends. */
export class ApiError extends Error {
  constructor(problem) {
    const fields = (problem.errors || []).map((e) => `${e.field} ${e.message}`).join("; ");
    super(problem.detail || `${problem.title || "The request failed"}${fields ? `: ${fields}` : ""}`);
    this.problem = problem;
  }
}

export async function api(path, options = {}) {
  const token = await accessToken();
  const response = await fetch(path, {
    ...options,
    headers: { Accept: "application/json", ...(options.body ? { "Content-Type": "application/json" } : {}),
      ...(token ? { Authorization: `Bearer ${token}` } : {}), ...options.headers },
  });
  const type = response.headers.get("Content-Type") || "";
  const body = type.includes("json") ? await response.json() : null;
  if (!response.ok) {
    throw new ApiError(body || { title: `${response.status} ${response.statusText}` });
  }
  return body;
}
