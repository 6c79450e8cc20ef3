import { api, versionPath, withQuery } from "../api.js";
import { lineageSvg, licenceLabel } from "../lineage-graph.js";
import { alertBox, bytes, el, heading, link, modelHref, showError, statusBadge, table, versionHref, when } from "../ui.js";
import { provenanceSection } from "./provenance-view.js";
import { logCheck } from "./regulator.js";

/**
 * Builds per device class with size and memory estimate, how their derivation is established, and where their
 * signed provenance sits in the transparency log, with an in-browser inclusion check.
 */
async function buildsSection(name, v, me) {
  const section = el("section", { "aria-labelledby": "builds-h" }, el("h2", { id: "builds-h" }, "Device builds"));
  const page = await api(withQuery("/api/v1/builds", { version: name, limit: 100 }));
  const check = logCheck(null);
  check.section.hidden = true;
  const signature = (b) => (b.provenanceLogIndex === null || b.provenanceLogIndex === undefined
    ? el("span", {}, b.status === "READY" ? "not signed" : "signed when the build is ready")
    : el("span", {}, `signed, log entry ${b.provenanceLogIndex} `, el("button", { type: "button", class: "secondary",
      onclick: () => { check.section.hidden = false; check.run(b.provenanceLogIndex); check.section.scrollIntoView(); } }, "Check inclusion")));
  const derivation = (b) => ({ VERIFIED: "verified: made or reproduced by the platform's quantizer",
    DECLARED: "declared by the uploader, not reproduced yet", MISMATCH: `mismatch: ${b.mismatchDetail || "the recipe gives other bytes"}` }[b.derivation] || b.derivation);
  const own = me.roles.includes("oem") && me.org === v.owner;
  section.append(page.items.length === 0
    ? el("p", { class: "empty" }, v.status !== "PUBLISHED" ? "No builds: a version is built once it is published."
      : own ? el("span", {}, "No builds yet. ", link(`#/builds?version=${encodeURIComponent(name)}`, "Request a build"), " for a device class.")
        : "No builds of this version that you may see.")
    : el("div", { class: "table-wrap" }, table(`Builds of ${name}`, ["Device class", "Quantization", "Status", "Size", "Memory estimate", "Derivation", "Provenance"],
      page.items.map((b) => [b.deviceClass, b.quantType, statusBadge(b.status), bytes(b.outputSize),
        b.memoryEstimateBytes ? `${bytes(b.memoryEstimateBytes)} (weights + KV cache at ${b.contextLength ?? "model"} tokens)` : "—",
        derivation(b), signature(b)]))),
  own && page.items.length ? el("p", {}, link(`#/builds?version=${encodeURIComponent(name)}`, "Request another build"), " · ",
    link("#/rollouts", "Release it on a channel and roll it out")) : null, check.section);
  return section;
}

async function findingsSection(name) {
  const page = await api(withQuery("/api/v1/findings", { version: name, limit: 50 }));
  return el("section", { "aria-labelledby": "findings-h" }, el("h2", { id: "findings-h" }, "Fingerprint findings"),
    page.items.length === 0 ? el("p", { class: "empty" }, "No findings: the weight fingerprint matches no model outside the declared lineage.")
      : table(`Fingerprint findings of ${name}`, ["Matches", "Similarity", "Status", "Reason", "Opened"], page.items.map((f) => [
        f.matchedVersion ? link(versionHref(f.matchedVersion), f.matchedVersion) : `a version of ${f.matchedOwner}`,
        `${f.score.toFixed(3)} (match at ${f.threshold})`, statusBadge(f.status), f.reason || "—", when(f.createdAt)])));
}

function artifacts(v) {
  if (v.artifacts.length === 0) return el("p", { class: "empty" }, "No weight files yet. The owner adds them to the draft before publishing.");
  return el("div", { class: "table-wrap" }, table(`Weight files of ${v.owner}/${v.model}@${v.version}`,
    ["File", "Size", "Format", "Architecture", "Tensors", "Digest"],
    v.artifacts.map((a) => [a.fileName, bytes(a.size), a.format, a.architecture, String(a.tensorCount),
      el("code", { class: "digest" }, a.digest)])));
}

function lineageSection(graph, provenance) {
  const section = el("section", { "aria-labelledby": "lineage-h" }, el("h2", { id: "lineage-h" }, "Lineage"));
  if (graph.edges.length === 0) {
    section.append(el("p", { class: "empty" }, "This version declares no parents and has no descendants yet."));
  } else {
    section.append(el("p", { class: "hint" }, "Ancestors above, descendants below; arrows point from a version to the one it derives from. Select a box to open that version."),
      el("div", { class: "graph-wrap" }, lineageSvg(graph, provenance)),
      el("details", {}, el("summary", {}, "Lineage as a table"),
        table(`Lineage of ${graph.version}`, ["Version", "Relation", "Derives from", "Licence"],
          graph.edges.map((e) => [link(versionHref(e.child), e.child), e.relation.toLowerCase(), link(versionHref(e.parent), e.parent),
            licenceLabel(graph.nodes.find((n) => n.version === e.parent) || { version: e.parent, owner: "" }, graph, provenance)]))));
  }
  if (graph.hidden > 0) section.append(el("p", { class: "hint" }, `${graph.hidden} related version(s) belong to organisations whose private models you may not read.`));
  return section;
}

export async function render(view, { params, me }) {
  const [owner, model, version] = params;
  const name = `${owner}/${model}@${version}`;
  const path = versionPath(name);
  const v = await api(path);
  view.append(el("nav", { class: "crumbs", "aria-label": "Breadcrumb" }, link("#/catalog", "Catalog"), " / ",
    link(modelHref(`${owner}/${model}`), `${owner}/${model}`), " / ", version),
  heading(name),
  el("p", {}, statusBadge(v.status), " Created ", when(v.createdAt), v.publishedAt ? el("span", {}, ", published ", when(v.publishedAt)) : null),
  el("p", { class: "links" }, link(`#/audit?object=${encodeURIComponent(`version:${name}`)}`, "History of this version"),
    me.roles.includes("regulator") || me.roles.includes("admin")
      ? el("span", {}, " · ", link(`#/regulator/${owner}/${model}/${version}`, "Regulator view with log check")) : null));

  const problem = alertBox();
  view.append(problem);
  const [graph, provenance] = await Promise.all([
    api(`${path}/lineage`).catch((e) => { showError(e, problem); return null; }),
    api(`${path}/provenance`).catch((e) => { showError(e, problem); return null; })]);
  if (provenance) view.append(provenanceSection(provenance));
  if (graph) view.append(lineageSection(graph, provenance));
  for (const part of [buildsSection(name, v, me), findingsSection(name)]) {
    try { view.append(await part); } catch (error) { showError(error, problem); }
  }
  view.append(el("section", { "aria-labelledby": "weights-h" }, el("h2", { id: "weights-h" }, "Weights"), artifacts(v)),
    el("section", { "aria-labelledby": "card-h" }, el("h2", { id: "card-h" }, "Model card"),
      v.modelCard ? el("pre", { class: "card-text" }, v.modelCard) : el("p", { class: "empty" }, "No model card was written for this version."),
      el("h3", {}, "Training data"), v.trainingData ? el("pre", { class: "card-text" }, v.trainingData) : el("p", { class: "empty" }, "No training-data summary.")));
}
