// The regulator's desk: the filings queue, provenance findings and compliance holds, each decision with a reason,
// and the jurisdiction view with its CSV export. Everything is limited to the regulator's jurisdictions by the API.
import { api, post, withQuery } from "../api.js";
import { download } from "../live.js";
import { alertBox, el, field, link, pagedTable, showError, statusBadge, versionHref, when } from "../ui.js";

/**
 * Buttons that each open a reason box: the decision is only sent with a reason (the API requires one too), after
 * the user confirms it. {@code onDone} gets the updated object.
 */
function decisions(label, actions, onDone) {
  const box = el("div", { class: "decide" });
  const problem = alertBox();
  const panel = el("form", { class: "confirm", hidden: true, "aria-label": `Decide on ${label}` });
  const open = (a) => {
    const reason = el("textarea", { name: "reason", required: true, rows: "2", maxlength: "2000" });
    panel.replaceChildren(field(`Reason to ${a.label.toLowerCase()} ${label} (required, recorded in the public log)`, reason),
      el("div", { class: "actions" }, el("button", { type: "submit", class: a.danger ? "danger" : "" }, `Confirm: ${a.label.toLowerCase()}`),
        el("button", { type: "button", class: "secondary", onclick: () => { panel.hidden = true; } }, "Cancel")));
    panel.onsubmit = async (event) => {
      event.preventDefault();
      if (!reason.value.trim()) { showError({ message: "Give a reason: it is recorded with your decision." }, problem); return; }
      panel.querySelector("button[type=submit]").disabled = true;
      try {
        onDone(await post(a.path, { reason: reason.value.trim() }), a);
      } catch (error) {
        showError(error, problem);
        panel.querySelector("button[type=submit]").disabled = false;
      }
    };
    panel.hidden = false;
    reason.focus();
  };
  box.append(el("div", { class: "actions" }, actions.map((a) => el("button", { type: "button", class: "secondary", onclick: () => open(a) }, a.label))), panel, problem);
  return box;
}

const decided = (cell, text) => cell.replaceChildren(el("p", { class: "success", role: "status" }, text));

export async function filingsQueue(container) {
  await pagedTable(container, {
    caption: "Filings waiting for a decision, oldest first",
    headers: ["Filing", "Filer", "Versions", "Filed", "Status", "Decision"],
    fetchPage: (cursor) => api(withQuery("/api/v1/filings/queue", { limit: 20, cursor })),
    toCells: (f) => {
      const cell = el("div");
      cell.append(decisions(`filing ${f.filingNumber}`, [
        { label: "Approve", path: `/api/v1/filings/${f.id}/approve` },
        { label: "Reject", path: `/api/v1/filings/${f.id}/reject`, danger: true },
        { label: "Suspend", path: `/api/v1/filings/${f.id}/suspend`, danger: true }],
      (next) => decided(cell, `Filing ${next.filingNumber} is now ${next.status}; log entry ${next.logIndex ?? "—"}.`)));
      return [el("span", { "data-filing": f.filingNumber }, `${f.jurisdiction}:${f.filingNumber}`), f.filer,
        el("ul", { class: "plain" }, f.versions.map((v) => el("li", {}, link(versionHref(v), v)))), when(f.createdAt), statusBadge(f.status), cell];
    },
    empty: "No filings are waiting for a decision in your jurisdictions.",
  });
}

export async function findings(container) {
  await pagedTable(container, {
    caption: "Open provenance findings, self-developed claims first",
    headers: ["Version", "Matches", "Similarity", "Claims self-developed", "Opened", "Decision"],
    fetchPage: (cursor) => api(withQuery("/api/v1/findings", { status: "OPEN", limit: 20, cursor })),
    toCells: (f) => {
      const cell = el("div");
      cell.append(decisions(`the finding on ${f.version}`, [
        { label: "Confirm", path: `/api/v1/findings/${f.id}/confirm`, danger: true },
        { label: "Dismiss", path: `/api/v1/findings/${f.id}/dismiss` }],
      (next) => decided(cell, `Finding ${next.status.toLowerCase()}; log entry ${next.decisionLogIndex ?? "—"}.`)));
      return [link(versionHref(f.version), f.version), f.matchedVersion ? link(versionHref(f.matchedVersion), f.matchedVersion) : `a version of ${f.matchedOwner}`,
        `${f.score.toFixed(3)} (match at ${f.threshold})`, f.selfDevelopedClaim ? "yes" : "no", when(f.createdAt), cell];
    },
    empty: "No open findings. Weight fingerprints that match a model outside a version's declared lineage appear here.",
  });
}

export async function holds(container, me) {
  const list = el("div");
  const refresh = async () => {
    list.replaceChildren();
    await pagedTable(list, {
      caption: "Active compliance holds", headers: ["Version", "Jurisdiction", "Reason", "Placed", "Log entry", "Lift"],
      fetchPage: (cursor) => api(withQuery("/api/v1/holds", { active: true, limit: 20, cursor })),
      toCells: (h) => {
        const cell = el("div");
        cell.append(decisions(`the hold on ${h.version}`, [{ label: "Lift", path: `/api/v1/holds/${h.id}/lift` }],
          () => decided(cell, `Hold lifted; ${h.version} may reach devices in ${h.jurisdiction} again.`)));
        return [link(versionHref(h.version), h.version), h.jurisdiction, h.reason, el("span", {}, h.placedBy, " ", when(h.placedAt)), String(h.placeLogIndex ?? "—"), cell];
      },
      empty: "No active holds. Place one below to stop a version reaching devices in your jurisdiction.",
    });
  };
  const problem = alertBox();
  const placed = el("p", { class: "success", role: "status", hidden: true });
  const form = el("form", { class: "offer-form", "aria-label": "Place a compliance hold" },
    el("div", { class: "row" },
      field("Model version", el("input", { name: "version", required: true, placeholder: "owner/model@1.0.0", pattern: "[^/]+/[^@]+@.+" })),
      field("Jurisdiction", el("input", { name: "jurisdiction", required: true, value: (me.jurisdictions || [])[0] || "", maxlength: "2", pattern: "[A-Za-z]{2}" }))),
    field("Reason (required, recorded in the public log)", el("textarea", { name: "reason", required: true, rows: "2" })),
    problem, el("div", { class: "actions" }, el("button", { type: "submit", class: "danger" }, "Place hold")));
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    const d = new FormData(form);
    problem.hidden = true;
    try {
      const h = await post("/api/v1/holds", { version: d.get("version").trim(), jurisdiction: d.get("jurisdiction").toUpperCase(), reason: d.get("reason").trim() });
      placed.hidden = false;
      placed.textContent = `Hold placed: ${h.version} is stopped in ${h.jurisdiction} (log entry ${h.placeLogIndex ?? "—"}).`;
      form.reset();
      await refresh();
    } catch (error) {
      showError(error, problem);
    }
  });
  container.append(list, el("details", { class: "publish" }, el("summary", {}, "Place a compliance hold"), form), placed);
  await refresh();
}

export async function jurisdictionView(container, code) {
  const problem = alertBox();
  const exportButton = el("button", { type: "button", class: "secondary" }, `Export ${code} as CSV`);
  exportButton.addEventListener("click", () => download(`/api/v1/jurisdictions/${code}/models?format=csv`, `${code}-models.csv`, "text/csv")
    .catch((e) => showError(e, problem)));
  container.append(el("div", { class: "actions" }, exportButton), problem);
  await pagedTable(container, {
    caption: `Model versions filed or held in ${code}`,
    headers: ["Version", "Owner", "Status", "Filing", "Provenance", "Claim", "Holds", "Open findings", "Devices"],
    fetchPage: (cursor) => api(withQuery(`/api/v1/jurisdictions/${code}/models`, { limit: 25, cursor })),
    toCells: (r) => [link(`#/regulator/${r.version.replace("@", "/")}`, r.version), r.owner, statusBadge(r.versionStatus),
      r.filingNumber ? el("span", {}, `${r.filingNumber} `, statusBadge(r.filingStatus)) : "not filed", r.provenanceClass, r.claim,
      r.activeHolds.length ? r.activeHolds.join(", ") : "none", r.openFindings ?? "—", r.devices ?? "—"],
    empty: `No model version is filed or held in ${code} yet.`,
  });
}

/** Saves a version's signed dossier; verify it offline with ./modelport verify dossier.json --root root.json. */
export function dossierButton(owner, model, version) {
  const problem = alertBox();
  const button = el("button", { type: "button" }, "Download dossier");
  button.addEventListener("click", async () => {
    button.disabled = true;
    try {
      await download(`/api/v1/models/${owner}/${model}/versions/${encodeURIComponent(version)}/dossier`,
        `dossier-${owner}-${model}-${version}.json`, "application/json");
    } catch (error) {
      showError(error, problem);
    } finally {
      button.disabled = false;
    }
  });
  return el("div", {}, button, " ", el("span", { class: "hint" }, "Verify offline: ", el("code", {}, "./modelport verify dossier.json --root root.json")), problem);
}
