// Releases and rollouts: an OEM's channels, publishing a release (one build per device class) and starting a
// staged rollout of it.
import { api, post, withQuery } from "../api.js";
import { alertBox, el, field, heading, link, pagedTable, showError, statusBadge, table, versionHref, when } from "../ui.js";

function form(label, controls, submitText, onSubmit) {
  const problem = alertBox();
  const f = el("form", { class: "offer-form", "aria-label": label }, controls, problem,
    el("div", { class: "actions" }, el("button", { type: "submit" }, submitText)));
  f.addEventListener("submit", async (event) => {
    event.preventDefault();
    problem.hidden = true;
    const button = f.querySelector("button[type=submit]");
    button.disabled = true;
    try {
      await onSubmit(new FormData(f));
    } catch (error) {
      showError(error, problem);
    } finally {
      button.disabled = false;
    }
  });
  return f;
}

const list = (text) => String(text || "").split(",").map((t) => t.trim()).filter(Boolean);

async function channelList(view, me) {
  view.append(heading("Releases and rollouts"),
    el("p", { class: "lead" }, "A channel (such as stable or beta) of one of your model lines receives releases; a rollout takes a release to your phones in stages."));
  const section = el("section", { "aria-labelledby": "ch-h" }, el("h2", { id: "ch-h" }, "Channels"));
  view.append(section);
  await pagedTable(section, {
    caption: "Channels of your organisation", headers: ["Channel", "Model", "TUF repository", "Created"],
    fetchPage: (cursor) => api(withQuery("/api/v1/channels", { owner: me.org, limit: 25, cursor })),
    toCells: (c) => [link(`#/rollouts/${c.id}`, c.name), c.model, el("code", {}, c.tufRepository), when(c.createdAt)],
    empty: "No channels yet. Create one below for one of your model lines, then publish a release to it.",
  });
  if (me.roles.includes("oem")) {
    view.append(el("details", { class: "publish", open: true }, el("summary", {}, "Create a channel"),
      form("Create a channel", el("div", { class: "row" },
        field("Name", el("input", { name: "name", required: true, value: "stable", pattern: "[a-z0-9][a-z0-9._-]{0,63}" }), "Lower-case letters, digits, '.', '_' or '-'"),
        field("Model line", el("input", { name: "model", required: true, placeholder: `${me.org}/model` }), "One of your own models, owner/model")),
      "Create channel", async (d) => {
        const c = await post("/api/v1/channels", { name: d.get("name"), model: d.get("model").trim() });
        window.location.hash = `#/rollouts/${c.id}`;
      })));
  }
}

/** Picks one READY build per device class of the version, loaded when the version is typed. */
function releaseForm(channel, onPublished) {
  const builds = el("fieldset", {}, el("legend", {}, "Builds (one per device class)"),
    el("p", { class: "hint" }, "Type the version to list its READY builds."));
  const version = el("input", { name: "version", required: true, placeholder: "1.0.0" });
  const loadBuilds = async () => {
    const label = version.value.trim();
    if (!label) return;
    try {
      const page = await api(withQuery("/api/v1/builds", { version: `${channel.model}@${label}`, limit: 100 }));
      const ready = page.items.filter((b) => b.status === "READY");
      const byClass = Map.groupBy ? Map.groupBy(ready, (b) => b.deviceClass)
        : ready.reduce((m, b) => m.set(b.deviceClass, [...(m.get(b.deviceClass) || []), b]), new Map());
      builds.replaceChildren(el("legend", {}, "Builds (one per device class)"), ...(ready.length === 0
        ? [el("p", { class: "empty" }, "This version has no READY build. ", link(`#/builds?version=${encodeURIComponent(`${channel.model}@${label}`)}`, "Request one"), ".")]
        : [...byClass].map(([cls, list]) => field(cls, el("select", { name: "build" }, el("option", { value: "" }, "not in this release"),
          list.map((b, i) => el("option", { value: b.id, selected: i === 0 }, `${b.quantType} · ${b.id.slice(0, 8)} · log entry ${b.provenanceLogIndex ?? "—"}`)))))));
    } catch (error) {
      builds.replaceChildren(el("legend", {}, "Builds"), el("p", { class: "error" }, error.message));
    }
  };
  version.addEventListener("change", loadBuilds);
  return { load: loadBuilds, version, node: form("Publish a release", [el("div", { class: "row" },
    field("Version", version, `A published version of ${channel.model}`),
    field("Regions", el("input", { name: "regions", required: true, value: "EU" }), "ISO codes, comma separated; filing regions need an approved filing"),
    field("Anti-rollback floor", el("input", { name: "antiRollback", type: "number", min: "0", value: "0" }))), builds],
  "Publish release", async (d) => {
    const chosen = d.getAll("build").filter(Boolean);
    const r = await post(`/api/v1/channels/${channel.id}/releases`, { version: version.value.trim(), builds: chosen,
      regions: list(d.get("regions")).map((x) => x.toUpperCase()), antiRollback: Number(d.get("antiRollback") || 0) });
    onPublished(r);
  }) };
}

function rolloutForm(releases, onStarted) {
  return form("Start a rollout", [el("div", { class: "row" },
    field("Release", el("select", { name: "release", required: true }, releases.map((r) =>
      el("option", { value: r.id }, `#${r.seq} ${r.version} (${r.regions.join(", ")})`)))),
    field("Stages (% of the cohort)", el("input", { name: "stages", required: true, value: "1, 10, 50, 100" }), "Ascending percentages"),
    field("Minimum healthy devices per stage", el("input", { name: "minHealthy", type: "number", min: "0", value: "1" })),
    field("Maximum failure rate", el("input", { name: "maxFailureRate", required: true, value: "0.05", inputmode: "decimal" }), "0 to 1; above it the rollout halts")),
  el("div", { class: "row" },
    field("Cohort: regions", el("input", { name: "regions" }), "Empty: all of the release's regions"),
    field("Cohort: device classes", el("input", { name: "deviceClasses" }), "Empty: every class the release has a build for"),
    field("Cohort: device models", el("input", { name: "deviceModels" }), "Empty: any")),
  el("label", {}, el("input", { type: "checkbox", name: "autoAdvance", checked: true }), " Advance by itself when a stage's rule passes")],
  "Start rollout", async (d) => {
    const minHealthy = Number(d.get("minHealthy") || 0);
    const maxFailureRate = Number(d.get("maxFailureRate"));
    const r = await post("/api/v1/rollouts", { release: d.get("release"), autoAdvance: d.has("autoAdvance"),
      cohort: { regions: list(d.get("regions")).map((x) => x.toUpperCase()), deviceClasses: list(d.get("deviceClasses")), deviceModels: list(d.get("deviceModels")) },
      stages: list(d.get("stages")).map((p) => ({ percent: Number(p), minHealthy, maxFailureRate })) });
    onStarted(r);
  });
}

async function channelPage(view, id, me) {
  const channel = await api(`/api/v1/channels/${id}`);
  view.append(el("nav", { class: "crumbs", "aria-label": "Breadcrumb" }, link("#/rollouts", "Releases and rollouts"), " / ", channel.name),
    heading(`Channel ${channel.owner}/${channel.name}`),
    el("p", {}, "Model line ", link(`#/models/${channel.model}`, channel.model), " · TUF repository ", el("code", {}, channel.tufRepository)));
  const problem = alertBox();
  view.append(problem);
  // First pages (newest first) of up to 200 each; a channel with more shows its newest.
  const [releases, rollouts] = (await Promise.all([api(withQuery(`/api/v1/channels/${id}/releases`, { limit: 200 })),
    api(withQuery("/api/v1/rollouts", { channel: id, limit: 200 }))])).map((page) => page.items);
  const own = me.roles.includes("oem") && me.org === channel.owner;

  const rs = el("section", { "aria-labelledby": "ro-h" }, el("h2", { id: "ro-h" }, "Rollouts"));
  rs.append(rollouts.length === 0 ? el("p", { class: "empty" }, releases.length ? "No rollouts yet. Start one below." : "No rollouts yet. Publish a release first.")
    : el("div", { class: "table-wrap" }, table("Rollouts of this channel", ["Rollout", "Version", "Status", "Stage", "Devices", "Started"],
      [...rollouts].reverse().map((r) => [link(`#/rollout/${r.id}`, r.id.slice(0, 8)), link(versionHref(r.version), r.version), statusBadge(r.status),
        `${r.currentStage + 1} of ${r.stages.length} (${r.stages[r.currentStage]?.percent}%)`,
        String(r.stages.reduce((n, s) => n + s.devices, 0)), when(r.createdAt)]))));
  if (own && releases.length) {
    rs.append(el("details", { class: "publish" }, el("summary", {}, "Start a rollout"),
      rolloutForm(releases, (r) => { window.location.hash = `#/rollout/${r.id}`; })));
  }
  const rel = el("section", { "aria-labelledby": "rel-h" }, el("h2", { id: "rel-h" }, "Releases"));
  rel.append(releases.length === 0 ? el("p", { class: "empty" }, own ? "No releases yet. Publish one below from READY builds of a published version." : "No releases yet.")
    : el("div", { class: "table-wrap" }, table("Releases of this channel", ["#", "Version", "Status", "Regions", "Builds", "Filings", "Log entry", "Published"],
      releases.map((r) => [String(r.seq), link(versionHref(r.version), r.version), statusBadge(r.status), r.regions.join(", "),
        el("ul", { class: "plain" }, r.builds.map((b) => el("li", {}, `${b.deviceClass} · ${b.quantType}`))),
        Object.entries(r.filings).map(([j, n]) => `${j}: ${n}`).join(", ") || "none needed", String(r.logIndex ?? "—"), when(r.createdAt)]))));
  if (own) {
    const f = releaseForm(channel, () => channelPage(view.replaceChildren() || view, id, me));
    rel.append(el("details", { class: "publish", open: releases.length === 0 }, el("summary", {}, "Publish a release"), f.node));
  }
  view.append(rs, rel);
}

export async function render(view, { params, me }) {
  const [channel] = params;
  if (channel) await channelPage(view, channel, me);
  else await channelList(view, me);
}
