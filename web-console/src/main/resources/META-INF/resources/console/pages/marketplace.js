import { api, withQuery } from "../api.js";
import { el, heading, link, modelHref, pagedTable, statusBadge, when } from "../ui.js";
import { rights } from "./offers.js";

/** Activations against the device cap, as a native meter (announced by screen readers) with the numbers beside it. */
export function capBar(e) {
  if (!e.deviceCap) return el("span", {}, `${e.activations.toLocaleString("en")} activations, no cap`);
  const share = e.activations / e.deviceCap;
  return el("span", { class: "cap" },
    el("meter", { min: "0", max: String(e.deviceCap), value: String(e.activations), low: String(e.deviceCap * 0.8),
      high: String(e.deviceCap * 0.95), optimum: "0", "aria-label": `Activations of entitlement ${e.id.slice(0, 8)}` }),
    el("span", {}, `${e.activations.toLocaleString("en")} of ${e.deviceCap.toLocaleString("en")} devices (${(share * 100).toFixed(share < 0.01 && share > 0 ? 2 : 0)}%)`));
}

function entitlementCells(e, side) {
  return [link(modelHref(e.model), e.model), e.offerTitle, side === "HOLDER" ? e.grantor : e.holder,
    statusBadge(e.status), rights(e.allows), el("span", {}, when(e.validFrom), " to ", when(e.validUntil)), capBar(e),
    link(`#/audit?object=${encodeURIComponent(`entitlement:${e.id}`)}`, "History")];
}

export async function render(view, { me }) {
  view.append(heading("Marketplace"),
    el("p", { class: "lead" }, "Licences between vendors and OEMs. Offers are listed on each model's page; ",
      link("#/catalog?allows=DEVICE_DISTRIBUTION", "find models whose offers allow device distribution"), "."));
  if (me.roles.includes("oem")) {
    const mine = el("section", { "aria-labelledby": "held-h" }, el("h2", { id: "held-h" }, "My entitlements"));
    view.append(mine);
    await pagedTable(mine, {
      caption: "Entitlements held by your organisation",
      headers: ["Model", "Offer", "Granted by", "Status", "Allows", "Valid", "Activations", "Audit"],
      fetchPage: (cursor) => api(withQuery("/api/v1/entitlements", { side: "HOLDER", limit: 25, cursor })),
      toCells: (e) => entitlementCells(e, "HOLDER"),
      empty: "Your organisation holds no licences yet. Open a base model in the catalog and buy one of its offers.",
    });
  }
  if (me.roles.includes("vendor")) {
    const granted = el("section", { "aria-labelledby": "granted-h" }, el("h2", { id: "granted-h" }, "Licences granted on your models"));
    view.append(granted);
    await pagedTable(granted, {
      caption: "Entitlements granted on your organisation's models",
      headers: ["Model", "Offer", "Holder", "Status", "Allows", "Valid", "Activations", "Audit"],
      fetchPage: (cursor) => api(withQuery("/api/v1/entitlements", { side: "GRANTOR", limit: 25, cursor })),
      toCells: (e) => entitlementCells(e, "GRANTOR"),
      empty: "No one has bought a licence to your models yet. Publish an offer on your model's page.",
    });
  }
}
