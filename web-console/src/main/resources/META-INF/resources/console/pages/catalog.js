import { api, versionPath, withQuery } from "../api.js";
import { el, field, heading, link, modelHref, pagedTable, parameters, provenanceBadge } from "../ui.js";

const RIGHTS = [["FINE_TUNING", "Fine-tuning"], ["QUANTIZATION", "Quantization"], ["DEVICE_DISTRIBUTION", "Device distribution"]];
const CLASSES = [["", "Any"], ["SELF_DEVELOPED", "Self-developed"], ["DERIVED_FROM_LICENSED", "Derived from licensed"],
  ["DERIVED_FROM_OPEN", "Derived from open"]];

/** The provenance of a model's newest published version, or null when nothing is published yet. */
async function latestProvenance(model) {
  const versions = await api(`/api/v1/models/${model.owner}/${model.slug}/versions?limit=100`);
  const published = versions.items.filter((v) => v.status !== "DRAFT");
  if (published.length === 0) return null;
  const newest = published[published.length - 1];
  return api(`${versionPath(`${model.owner}/${model.slug}@${newest.version}`)}/provenance`);
}

function filterForm(query, onSubmit) {
  const input = (name, attrs = {}) => el("input", { name, value: query.get(name) || "", ...attrs });
  const billions = (name) => {
    const raw = query.get(name);
    return el("input", { name, type: "number", min: "0", step: "0.1", inputmode: "decimal",
      value: raw ? String(Number(raw) / 1e9) : "" });
  };
  const provenance = el("select", { name: "provenance" },
    CLASSES.map(([value, text]) => el("option", { value, selected: query.get("provenance") === value }, text)));
  const rights = el("fieldset", { class: "rights" }, el("legend", {}, "Licence allows"),
    RIGHTS.map(([value, text]) => el("label", {},
      el("input", { type: "checkbox", name: "allows", value, checked: query.getAll("allows").includes(value) }), ` ${text}`)));
  const form = el("form", { class: "filters", role: "search", "aria-label": "Search the catalog" },
    field("Search", input("q", { type: "search", placeholder: "name or description" })),
    field("Vendor (organisation)", input("vendor", { placeholder: "e.g. acme-ai" })),
    field("Architecture", input("architecture", { placeholder: "e.g. llama" })),
    field("Parameters from (billions)", billions("minParameters")),
    field("Parameters to (billions)", billions("maxParameters")),
    field("Territory", input("territory", { placeholder: "e.g. CN", maxlength: "2", pattern: "[A-Za-z]{2}" })),
    field("Open licence (SPDX)", input("licence", { placeholder: "e.g. Apache-2.0" })),
    field("Provenance class", provenance, "Of the newest published version; applied to the models listed"),
    rights,
    el("div", { class: "actions" }, el("button", { type: "submit" }, "Search"),
      el("a", { href: "#/catalog", class: "button secondary" }, "Clear")));
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    const data = new FormData(form);
    const next = new URLSearchParams();
    for (const [key, value] of data) {
      if (!value) continue;
      if (key === "minParameters" || key === "maxParameters") next.append(key, String(Math.round(Number(value) * 1e9)));
      else if (key === "territory") next.append(key, value.toUpperCase());
      else next.append(key, value);
    }
    onSubmit(next);
  });
  return form;
}

export async function render(view, { query }) {
  view.append(heading("Catalog"),
    el("p", { class: "lead" }, "Base models, fine-tunes and self-developed models, with provenance computed from their recorded lineage."),
    filterForm(query, (next) => { window.location.hash = `#/catalog?${next}`; }));
  const wanted = query.get("provenance");
  const filters = {
    q: query.get("q"), vendor: query.get("vendor"), architecture: query.get("architecture"),
    minParameters: query.get("minParameters"), maxParameters: query.get("maxParameters"),
    allows: query.getAll("allows"), territory: query.get("territory"), licence: query.get("licence"),
  };
  const results = el("section", { "aria-label": "Models" });
  if (wanted) {
    view.append(el("p", { class: "notice" }, "Provenance is computed per version, and the catalog API does not filter by it: "
      + "models of other classes are hidden from each page as it loads, so use Load more to look further."));
  }
  view.append(results);
  const badges = new Map();
  await pagedTable(results, {
    caption: "Models in the catalog",
    headers: ["Model", "Kind", "Architecture", "Parameters", "Provenance", "Visibility"],
    fetchPage: (cursor) => api(withQuery("/api/v1/models", { ...filters, limit: 25, cursor })),
    toCells: (m) => {
      const badge = el("span", { class: "badge pending" }, "…");
      badges.set(`${m.owner}/${m.slug}`, badge);
      return [el("span", {}, link(modelHref(`${m.owner}/${m.slug}`), m.name), el("br"), el("small", {}, `${m.owner}/${m.slug}`)),
        m.kind, m.architecture, parameters(m.parameterCount), badge, m.visibility];
    },
    onItems: (items) => items.forEach((m) => {
      const cell = badges.get(`${m.owner}/${m.slug}`);
      const row = cell.closest("tr");
      latestProvenance(m).then((p) => {
        cell.replaceWith(provenanceBadge(p?.provenanceClass, p?.settled ?? true));
        // The API has no provenance filter yet; the class is per version, so rows of other classes are hidden here.
        if (wanted && p?.provenanceClass !== wanted) row.hidden = true;
      }).catch(() => cell.replaceWith(el("span", { class: "badge" }, "Provenance unavailable")));
    }),
    empty: "No models match. Clear a filter or widen the parameter range; vendors list base models and OEMs register fine-tunes.",
  });
}
