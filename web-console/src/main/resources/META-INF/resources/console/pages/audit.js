import { api, withQuery } from "../api.js";
import { el, field, heading, pagedTable, when } from "../ui.js";

const TYPES = ["model", "version", "offer", "entitlement", "filing", "org", "blob"];

function change(event) {
  const show = (value) => (value === null || value === undefined ? "—" : JSON.stringify(value, null, 1));
  return el("details", {}, el("summary", {}, "Before and after"),
    el("div", { class: "diff" }, el("pre", { "aria-label": "before" }, show(event.before)), el("pre", { "aria-label": "after" }, show(event.after))));
}

export async function render(view, { query }) {
  const object = query.get("object") || "";
  const [type, ...rest] = object.split(":");
  const typeSelect = el("select", { name: "type" }, TYPES.map((t) => el("option", { value: t, selected: t === type }, t)));
  const idInput = el("input", { name: "id", value: rest.join(":"), placeholder: "e.g. acme-ai/glm-9b or acme-ai/glm-9b@1.0.0" });
  const form = el("form", { class: "inline", "aria-label": "Choose an object" },
    field("Object type", typeSelect), field("Object id", idInput, "Leave empty for every event you may read"),
    el("div", { class: "actions" }, el("button", { type: "submit" }, "Show history")));
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    const id = idInput.value.trim();
    window.location.hash = id ? `#/audit?object=${encodeURIComponent(`${typeSelect.value}:${id}`)}` : "#/audit";
  });
  view.append(heading(object ? `History of ${object}` : "Audit history"),
    el("p", { class: "lead" }, "Every change is an append-only event, hash-chained and anchored in the transparency log. Newest last."),
    form);
  const results = el("section", { "aria-label": "Events" });
  view.append(results);
  await pagedTable(results, {
    caption: object ? `Audit events of ${object}` : "Audit events",
    headers: ["#", "When", "Actor", "Action", "Object", "Change", "Event hash"],
    fetchPage: (cursor) => api(withQuery("/api/v1/audit/events", { object: object || null, limit: 50, cursor })),
    toCells: (e) => [String(e.seq), when(e.occurredAt), e.actor, e.action, `${e.objectType}:${e.objectId}`, change(e),
      el("code", { class: "digest" }, e.hash)],
    empty: object ? "No events for this object that you may read. Check the id (models are owner/slug, versions owner/model@1.0.0)."
      : "No events you may read yet. Changes to your organisation's objects appear here.",
  });
}
