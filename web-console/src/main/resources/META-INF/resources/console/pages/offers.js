// Licence offers of one model: their terms, buying one (OEMs) and publishing one (the model's vendor).
import { api, post, withQuery } from "../api.js";
import { alertBox, el, field, showError, when } from "../ui.js";

export function rights(allows) {
  const list = [allows.fineTuning && "fine-tuning", allows.quantization && "quantization",
    allows.deviceDistribution && "device distribution"].filter(Boolean);
  return list.length ? list.join(", ") : "use only";
}

export function licenceOf(o) {
  return o.spdxId ? `Open licence ${o.spdxId}` : el("span", {}, "Custom licence text ", el("code", { class: "digest" }, o.licenceTextDigest));
}

function terms(o) {
  return el("dl", { class: "terms" },
    el("dt", {}, "Versions"), el("dd", {}, `${o.versions.from} to ${o.versions.to || "any later"}`),
    el("dt", {}, "Allows"), el("dd", {}, rights(o.allows)),
    el("dt", {}, "Device cap"), el("dd", {}, o.deviceCap ? o.deviceCap.toLocaleString("en") : "no cap"),
    el("dt", {}, "Territories"), el("dd", {}, o.territories.join(", ")),
    el("dt", {}, "Term"), el("dd", {}, when(o.termStart), " to ", when(o.termEnd)),
    el("dt", {}, "Fee"), el("dd", {}, `${o.fee} ${o.currency} + ${o.royaltyPerActivation} ${o.currency} per activation`),
    el("dt", {}, "Licence"), el("dd", {}, licenceOf(o)),
    el("dt", {}, "Attribution"), el("dd", {}, o.attribution || "—"));
}

/** A buy button that asks for confirmation in place, then purchases and reports the new entitlement. */
function buyButton(o) {
  const box = el("div", { class: "buy" });
  const problem = alertBox();
  const start = el("button", { type: "button" }, "Buy licence");
  const confirmPanel = el("div", { class: "confirm", hidden: true, role: "group", "aria-label": "Confirm purchase" },
    el("p", {}, `Buy "${o.title}" for ${o.fee} ${o.currency}? The order is recorded for your organisation.`));
  const yes = el("button", { type: "button" }, "Confirm purchase");
  const no = el("button", { type: "button", class: "secondary" }, "Cancel");
  confirmPanel.append(el("div", { class: "actions" }, yes, no));
  start.addEventListener("click", () => { confirmPanel.hidden = false; start.hidden = true; yes.focus(); });
  no.addEventListener("click", () => { confirmPanel.hidden = true; start.hidden = false; start.focus(); });
  yes.addEventListener("click", async () => {
    yes.disabled = true;
    try {
      const entitlement = await post(`/api/v1/offers/${o.id}/purchase`);
      box.replaceChildren(el("p", { class: "success", role: "status" }, `Licensed: entitlement ${entitlement.id.slice(0, 8)} is active. `,
        el("a", { href: "#/marketplace" }, "See your entitlements"), "."));
    } catch (error) {
      showError(error, problem);
      yes.disabled = false;
    }
  });
  box.append(start, confirmPanel, problem);
  return box;
}

export async function offerList(container, model, me) {
  const canBuy = me.roles.includes("oem") && me.org !== model.owner;
  const list = el("div", { class: "cards" });
  const problem = alertBox();
  container.append(problem, list);
  let cursor = null;
  const more = el("button", { type: "button", class: "secondary", hidden: true }, "Load more offers");
  container.append(more);
  const load = async () => {
    try {
      const page = await api(withQuery(`/api/v1/models/${model.owner}/${model.slug}/offers`, { limit: 20, cursor }));
      for (const o of page.items) {
        list.append(el("article", { class: "card offer", "aria-label": `Offer ${o.title}` },
          el("h3", {}, o.title, " ", el("span", { class: `badge status-${o.status.toLowerCase()}` }, o.status)),
          terms(o), canBuy && o.status === "ACTIVE" ? buyButton(o) : null));
      }
      cursor = page.nextCursor;
      more.hidden = !cursor;
      if (list.children.length === 0) {
        list.append(el("p", { class: "empty" }, me.org === model.owner
          ? "No licence offers yet. Publish one below so OEMs can license this model."
          : "This model has no licence offers. Ask its vendor to publish one."));
      }
    } catch (error) {
      showError(error, problem);
    }
  };
  more.addEventListener("click", load);
  await load();
}

const isoDay = (date) => date.toISOString().slice(0, 10);

/** The vendor's form to publish a new offer on its own model. */
export function offerForm(model, onCreated) {
  const today = new Date();
  const inYear = new Date(today.getTime() + 365 * 864e5);
  const problem = alertBox();
  const licenceKind = el("select", { name: "licenceKind" }, el("option", { value: "custom" }, "Custom licence text (digest)"),
    el("option", { value: "spdx" }, "Open licence (SPDX id)"));
  const form = el("form", { class: "offer-form", "aria-label": "Publish a licence offer" },
    field("Title", el("input", { name: "title", required: true, maxlength: "200" })),
    el("div", { class: "row" },
      field("From version", el("input", { name: "from", required: true, value: "1.0.0", pattern: "\\d+\\.\\d+\\.\\d+" })),
      field("To version (optional)", el("input", { name: "to", pattern: "\\d+\\.\\d+\\.\\d+" }))),
    el("fieldset", {}, el("legend", {}, "Allows"),
      ["fineTuning:Fine-tuning", "quantization:Quantization", "deviceDistribution:Device distribution"].map((pair) => {
        const [name, text] = pair.split(":");
        return el("label", {}, el("input", { type: "checkbox", name, checked: true }), ` ${text}`);
      })),
    el("div", { class: "row" },
      field("Device cap", el("input", { name: "deviceCap", type: "number", min: "1", value: "100000" }), "Empty for no cap"),
      field("Territories", el("input", { name: "territories", required: true, value: "CN, EU, US" }), "ISO codes, comma separated")),
    el("div", { class: "row" },
      field("Term starts", el("input", { name: "termStart", type: "date", required: true, value: isoDay(today) })),
      field("Term ends", el("input", { name: "termEnd", type: "date", required: true, value: isoDay(inYear) }))),
    el("div", { class: "row" },
      field("Fee", el("input", { name: "fee", required: true, value: "1000.00", inputmode: "decimal" })),
      field("Royalty per activation", el("input", { name: "royalty", required: true, value: "0.02", inputmode: "decimal" })),
      field("Currency", el("input", { name: "currency", required: true, value: "USD", maxlength: "3" }))),
    field("Attribution", el("input", { name: "attribution", value: `Built on ${model.owner}/${model.slug}` })),
    field("Licence", licenceKind),
    field("SPDX id or licence text digest", el("input", { name: "licence", required: true, placeholder: "sha256:… or Apache-2.0" })),
    problem,
    el("div", { class: "actions" }, el("button", { type: "submit" }, "Publish offer")));
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    const d = new FormData(form);
    const body = {
      title: d.get("title"), versions: { from: d.get("from"), to: d.get("to") || null },
      allows: { fineTuning: d.has("fineTuning"), quantization: d.has("quantization"), deviceDistribution: d.has("deviceDistribution") },
      deviceCap: d.get("deviceCap") ? Number(d.get("deviceCap")) : null,
      territories: String(d.get("territories")).split(",").map((t) => t.trim().toUpperCase()).filter(Boolean),
      termStart: new Date(`${d.get("termStart")}T00:00:00Z`).toISOString(),
      termEnd: new Date(`${d.get("termEnd")}T00:00:00Z`).toISOString(),
      fee: d.get("fee"), royaltyPerActivation: d.get("royalty"), currency: String(d.get("currency")).toUpperCase(),
      attribution: d.get("attribution") || "",
      ...(d.get("licenceKind") === "spdx" ? { spdxId: d.get("licence") } : { licenceTextDigest: d.get("licence") }),
    };
    problem.hidden = true;
    try {
      const offer = await post(`/api/v1/models/${model.owner}/${model.slug}/offers`, body);
      onCreated(offer);
    } catch (error) {
      showError(error, problem);
    }
  });
  return form;
}
