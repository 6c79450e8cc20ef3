import { api, versionPath, withQuery } from "../api.js";
import { lineageSvg } from "../lineage-graph.js";
import { fromHex, hex, leafHash, parseCheckpoint, verifyCheckpointSignature, verifyInclusion } from "../transparency.js";
import { alertBox, el, field, heading, link, showError, statusBadge, table, versionHref, when } from "../ui.js";
import { provenanceSection } from "./provenance-view.js";
import { dossierButton, filingsQueue, findings, holds, jurisdictionView } from "./regulator-desk.js";

const fromBase64 = (text) => Uint8Array.from(atob(text), (c) => c.charCodeAt(0));

/** Runs every check for log entry {@code index} against the latest checkpoint, reporting each step as it passes. */
async function checkEntry(index, steps) {
  const step = (text) => { const li = el("li", { class: "step" }, text); steps.append(li); return li; };
  const entry = await api(`/api/v1/log/entries/${index}`);
  const leaf = await leafHash(fromBase64(entry.entry));
  if (hex(leaf) !== entry.leafHash) throw new Error(`the entry's bytes hash to ${hex(leaf)}, not to the leaf hash ${entry.leafHash} the log states`);
  step(`Entry ${index} (${entry.predicateType}, subject ${entry.subjectDigest || "—"}): leaf hash SHA-256(0x00 ‖ entry) recomputed here = ${entry.leafHash}.`);
  const [note, keys] = await Promise.all([api("/api/v1/log/checkpoint"), api("/api/v1/log/keys")]);
  const checkpoint = parseCheckpoint(note);
  if (checkpoint.origin !== keys.origin) throw new Error(`the checkpoint is for log ${checkpoint.origin}, not ${keys.origin}`);
  let verified = null;
  const failures = [];
  for (const vkey of keys.verifierKeys) {
    try { await verifyCheckpointSignature(checkpoint, vkey); verified = vkey.split("+")[0]; break; } catch (e) { failures.push(e.message); }
  }
  if (!verified) throw new Error(failures[0] || "the log publishes no key");
  step(`Latest checkpoint of ${checkpoint.origin}: tree size ${checkpoint.treeSize}, root ${hex(checkpoint.rootHash)}; Ed25519 signature by ${verified} verified with WebCrypto.`);
  const proof = await api(withQuery("/api/v1/log/proof/inclusion", { leafHash: entry.leafHash, treeSize: checkpoint.treeSize }));
  await verifyInclusion(proof.leafIndex, checkpoint.treeSize, leaf, proof.hashes.map(fromHex), checkpoint.rootHash);
  step(`Inclusion proof of ${proof.hashes.length} hash(es) replayed by RFC 9162 §2.1.3.2 from leaf ${proof.leafIndex} to the checkpoint's root.`);
  return { index, treeSize: checkpoint.treeSize };
}

export function logCheck(defaultIndex) {
  const input = el("input", { name: "index", type: "number", min: "0", required: true, value: defaultIndex ?? "" });
  const steps = el("ol", { class: "steps" });
  const result = el("p", { role: "status", class: "result", hidden: true });
  const problem = alertBox();
  const form = el("form", { class: "inline", "aria-label": "Check an inclusion proof" },
    field("Log entry index", input, "Filings and audit anchors show the index of their statement"),
    el("div", { class: "actions" }, el("button", { type: "submit" }, "Verify inclusion")));
  const run = async (index) => {
    input.value = index;
    steps.replaceChildren();
    problem.hidden = true;
    result.hidden = true;
    try {
      const done = await checkEntry(index, steps);
      result.hidden = false;
      result.className = "result success";
      result.textContent = `Verified: entry ${done.index} is included in the log of ${done.treeSize} entries, under a correctly signed checkpoint.`;
    } catch (error) {
      showError({ message: `Not verified: ${error.message}` }, problem);
    }
  };
  form.addEventListener("submit", (event) => { event.preventDefault(); run(Number(input.value)); });
  const section = el("section", { class: "log-check", "aria-labelledby": "check-h" },
    el("h2", { id: "check-h" }, "Transparency log: inclusion check"),
    el("p", { class: "hint" }, "Your browser recomputes the leaf hash, verifies the checkpoint signature and replays the Merkle path itself."),
    form, steps, result, problem);
  return { section, run };
}

async function checkpointPanel() {
  const note = await api("/api/v1/log/checkpoint");
  const cp = parseCheckpoint(note);
  return { cp, panel: el("section", { "aria-labelledby": "cp-h" }, el("h2", { id: "cp-h" }, "Latest checkpoint"),
    el("dl", { class: "facts" }, el("dt", {}, "Log"), el("dd", {}, cp.origin), el("dt", {}, "Tree size"), el("dd", {}, String(cp.treeSize)),
      el("dt", {}, "Root hash"), el("dd", {}, el("code", { class: "digest" }, hex(cp.rootHash)))),
    el("details", {}, el("summary", {}, "Signed note"), el("pre", {}, note))) };
}

/** Filings that cover the version (the regulator reads those of its jurisdictions), each with its log entry. */
async function filingsOf(name, check) {
  const section = el("section", { "aria-labelledby": "filings-h" }, el("h2", { id: "filings-h" }, "Filings covering this version"));
  const found = [];
  let cursor = null;
  do {
    const page = await api(withQuery("/api/v1/filings", { limit: 100, cursor }));
    found.push(...page.items.filter((f) => f.versions.includes(name)));
    cursor = page.nextCursor;
  } while (cursor && found.length < 100);
  if (found.length === 0) {
    section.append(el("p", { class: "empty" }, "No filing in your jurisdictions covers this version. Its owner must file it before it may reach devices there."));
    return section;
  }
  section.append(table(`Filings covering ${name}`, ["Jurisdiction", "Number", "Filer", "Status", "Updated", "Log entry"],
    found.map((f) => [f.jurisdiction, f.filingNumber, f.filer, statusBadge(f.status), when(f.updatedAt),
      f.logIndex === null ? "not logged" : el("button", { type: "button", class: "secondary", onclick: () => check(f.logIndex) },
        `Verify entry ${f.logIndex}`)])));
  return section;
}

/** The regulator's desk sections, each loaded on its own so one failing list does not hide the others. */
async function desk(view, me) {
  const sections = [["queue-h", "Filings queue", (c) => filingsQueue(c)], ["findings-h", "Provenance findings", (c) => findings(c)],
    ["holds-h", "Compliance holds", (c) => holds(c, me)],
    ...(me.jurisdictions || []).map((code) => [`jv-${code}-h`, `Jurisdiction view: ${code}`, (c) => jurisdictionView(c, code)])];
  for (const [id, title, fill] of sections) {
    const section = el("section", { "aria-labelledby": id }, el("h2", { id }, title));
    view.append(section);
    const problem = alertBox();
    section.append(problem);
    await fill(section).catch((e) => showError(e, problem));
  }
}

export async function render(view, { params, me }) {
  const [owner, model, version] = params;
  const { cp, panel } = await checkpointPanel();
  const check = logCheck(cp.treeSize > 0 ? cp.treeSize - 1 : null);
  if (!owner) {
    const nameInput = el("input", { name: "version", required: true, placeholder: "owner/model@1.0.0", pattern: "[^/]+/[^@]+@.+" });
    const form = el("form", { class: "inline", "aria-label": "Open a version's provenance" },
      field("Model version", nameInput, "Written owner/model@1.0.0"), el("div", { class: "actions" }, el("button", { type: "submit" }, "Open provenance")));
    form.addEventListener("submit", (event) => {
      event.preventDefault();
      const [m, v] = nameInput.value.trim().split("@");
      window.location.hash = `#/regulator/${m}/${v}`;
    });
    view.append(heading("Regulator"), el("p", { class: "lead" }, "Decide filings, findings and holds in your jurisdictions; inspect a model version's provenance and check statements against the transparency log."),
      form);
    if (me.roles.includes("regulator")) await desk(view, me);
    view.append(panel, check.section);
    return;
  }
  const name = `${owner}/${model}@${version}`;
  const path = versionPath(name);
  view.append(el("nav", { class: "crumbs", "aria-label": "Breadcrumb" }, link("#/regulator", "Regulator"), " / ", name),
    heading(`Provenance of ${name}`), el("p", {}, link(versionHref(name), "Version page"), " · ",
      link(`#/audit?object=${encodeURIComponent(`version:${name}`)}`, "History")), dossierButton(owner, model, version));
  const problem = alertBox();
  view.append(problem);
  const [provenance, graph] = await Promise.all([api(`${path}/provenance`), api(`${path}/lineage`).catch(() => null)]);
  view.append(provenanceSection(provenance));
  if (graph && graph.edges.length) {
    view.append(el("section", { "aria-labelledby": "rl-h" }, el("h2", { id: "rl-h" }, "Lineage"), el("div", { class: "graph-wrap" }, lineageSvg(graph, provenance))));
  }
  try {
    view.append(await filingsOf(name, check.run));
  } catch (error) {
    showError(error, problem);
  }
  view.append(panel, check.section);
}
