import { api, withQuery } from "../api.js";
import { el, heading, link, pagedTable, parameters, statusBadge, versionHref, when } from "../ui.js";
import { offerForm, offerList } from "./offers.js";

export async function render(view, { params, me }) {
  const [owner, slug] = params;
  const model = await api(`/api/v1/models/${owner}/${slug}`);
  const full = `${owner}/${slug}`;
  view.append(el("nav", { class: "crumbs", "aria-label": "Breadcrumb" }, link("#/catalog", "Catalog"), " / ", full),
    heading(model.name),
    el("p", { class: "lead" }, model.description || "No description."),
    el("dl", { class: "facts" },
      el("dt", {}, "Owner"), el("dd", {}, model.owner),
      el("dt", {}, "Kind"), el("dd", {}, model.kind),
      el("dt", {}, "Architecture"), el("dd", {}, model.architecture),
      el("dt", {}, "Parameters"), el("dd", {}, `${parameters(model.parameterCount)} (${model.parameterCount.toLocaleString("en")})`),
      el("dt", {}, "Context length"), el("dd", {}, `${model.contextLength.toLocaleString("en")} tokens`),
      el("dt", {}, "Visibility"), el("dd", {}, model.visibility)),
    el("p", {}, link(`#/audit?object=${encodeURIComponent(`model:${full}`)}`, "History of this model")));

  const versions = el("section", { "aria-labelledby": "versions-h" }, el("h2", { id: "versions-h" }, "Versions"));
  view.append(versions);
  await pagedTable(versions, {
    caption: `Versions of ${full}`,
    headers: ["Version", "Status", "Weights", "Published"],
    fetchPage: (cursor) => api(withQuery(`/api/v1/models/${owner}/${slug}/versions`, { limit: 25, cursor })),
    toCells: (v) => [link(versionHref(`${full}@${v.version}`), v.version), statusBadge(v.status),
      `${v.artifacts.length} file${v.artifacts.length === 1 ? "" : "s"}`, when(v.publishedAt)],
    empty: me.org === owner ? "No versions yet. Publish one with ./modelport publish (see README)."
      : "No published versions yet. Check back when the owner publishes one.",
  });

  const offers = el("section", { "aria-labelledby": "offers-h" }, el("h2", { id: "offers-h" }, "Licence offers"));
  view.append(offers);
  await offerList(offers, model, me);
  if (me.roles.includes("vendor") && me.org === owner) {
    const created = el("p", { class: "success", role: "status", hidden: true });
    const details = el("details", { class: "publish" }, el("summary", {}, "Publish a licence offer"),
      offerForm(model, (offer) => {
        created.hidden = false;
        created.textContent = `Offer "${offer.title}" is published.`;
        details.open = false;
        offers.replaceChildren(offers.querySelector("h2"));
        offerList(offers, model, me);
      }));
    view.append(created, details);
  }
}
