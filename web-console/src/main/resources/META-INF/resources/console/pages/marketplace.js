import { api, withQuery } from "../api.js";
import { alertBox, el, field, heading, link, modelHref, pagedTable, showError, statusBadge, table, when } from "../ui.js";
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
    const statement = el("section", { "aria-labelledby": "royalty-h" }, el("h2", { id: "royalty-h" }, "Royalty statements"));
    view.append(statement);
    await royalties(statement, me);
  }
}

/** A vendor's royalty statement for one month (UTC): activations metered per entitlement, times the royalty. */
async function royalties(container, me) {
  const month = el("input", { name: "period", type: "month", required: true, value: new Date().toISOString().slice(0, 7) });
  const problem = alertBox();
  const out = el("div");
  const load = async () => {
    problem.hidden = true;
    try {
      const s = await api(withQuery("/api/v1/metering/royalty-statements", { grantor: me.org, period: month.value }));
      out.replaceChildren(s.lines.length === 0
        ? el("p", { class: "empty" }, `No activations in ${s.period}. Royalties accrue when licensees' devices first run a build healthily.`)
        : el("div", { class: "table-wrap" }, table(`Royalty statement ${s.period}`, ["Entitlement", "Holder", "Offer", "Activations", "Royalty each", "Amount"],
          s.lines.map((l) => [el("code", {}, l.entitlement.slice(0, 8)), l.holder, l.offer, l.activations.toLocaleString("en"), `${l.royaltyPerActivation} ${l.currency}`, `${l.amount} ${l.currency}`]))),
      el("p", { class: "total" }, "Total: ", Object.entries(s.totals).map(([c, a]) => `${a} ${c}`).join(", ") || "0", ` (`, when(s.from), " to ", when(s.to), ")"));
    } catch (error) {
      showError(error, problem);
    }
  };
  const form = el("form", { class: "inline", "aria-label": "Choose a month" }, field("Month", month), el("div", { class: "actions" }, el("button", { type: "submit" }, "Show statement")));
  form.addEventListener("submit", (e) => { e.preventDefault(); load(); });
  container.append(form, problem, out);
  await load();
}
