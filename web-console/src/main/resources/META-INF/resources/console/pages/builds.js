// Builds: request a platform build of a published version for a device class, and watch the jobs run.
import { api, post, withQuery } from "../api.js";
import { poll } from "../live.js";
import { alertBox, bytes, el, field, heading, link, showError, statusBadge, table, versionHref, when } from "../ui.js";

const DONE = ["READY", "FAILED", "SUCCEEDED", "CANCELLED"];

/** A job's progress as a native progress bar with the numbers beside it. */
export function progress(job) {
  if (!job) return "—";
  const pct = Number(job.progressPercent ?? 0);
  const rate = job.bytesPerSecond ? ` · ${bytes(job.bytesPerSecond)}/s` : "";
  return el("span", { class: "cap" },
    el("progress", { max: "100", value: String(pct), "aria-label": `Job ${job.id.slice(0, 8)} progress` }),
    el("span", {}, `${job.state} ${pct.toFixed(0)}%${rate}`),
    job.errorDetail ? el("span", { class: "error-text" }, job.errorDetail) : null);
}

export function buildCells(b) {
  return [link(versionHref(b.version), b.version), b.deviceClass, b.quantType, statusBadge(b.status),
    progress(b.job), bytes(b.outputSize), bytes(b.memoryEstimateBytes), b.derivation, when(b.createdAt)];
}

const BUILD_HEADERS = ["Version", "Device class", "Quantization", "Status", "Job", "Size", "Memory estimate", "Derivation", "Requested"];

async function deviceClassOptions() {
  const page = await api(withQuery("/api/v1/device-classes", { limit: 200 }));
  return page.items.map((d) => el("option", { value: d.slug },
    `${d.slug} — ${d.spec.name}, budget ${bytes(d.spec.memoryBudgetBytes)}`));
}

function requestForm(classes, preset, onRequested) {
  const problem = alertBox();
  const form = el("form", { class: "offer-form", "aria-label": "Request a build" },
    el("div", { class: "row" },
      field("Model version", el("input", { name: "version", required: true, value: preset || "",
        placeholder: "owner/model@1.0.0", pattern: "[^/]+/[^@]+@.+" }), "A published version of your organisation or one you license"),
      field("Device class", el("select", { name: "deviceClass", required: true }, classes)),
      field("Quantization", el("select", { name: "quantType" }, ["Q4_0", "Q8_0", "F16"].map((q) => el("option", { value: q }, q))))),
    problem, el("div", { class: "actions" }, el("button", { type: "submit" }, "Request build")));
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    const d = new FormData(form);
    problem.hidden = true;
    try {
      onRequested(await post("/api/v1/builds", { version: d.get("version").trim(), deviceClass: d.get("deviceClass"), quantType: d.get("quantType") }));
    } catch (error) {
      showError(error, problem);
    }
  });
  return form;
}

export async function render(view, { me, query }) {
  view.append(heading("Builds"),
    el("p", { class: "lead" }, "The platform quantizes a published version for one device class, checks that it fits the class's memory budget, and signs the build's provenance into the transparency log."));
  const status = el("p", { class: "success", role: "status", hidden: true });
  const list = el("section", { "aria-labelledby": "builds-h" }, el("h2", { id: "builds-h" }, "Your builds"),
    el("p", { class: "hint" }, "Refreshed every 2 seconds while a build runs."));
  const problem = alertBox();
  const body = el("div");
  let cursor = null;
  let shown = 25;
  const more = el("button", { type: "button", class: "secondary", hidden: true }, "Show more");
  async function refresh() {
    try {
      const page = await api(withQuery("/api/v1/builds", { owner: me.org, limit: shown }));
      cursor = page.nextCursor;
      more.hidden = !cursor;
      problem.hidden = true;
      body.replaceChildren(page.items.length === 0
        ? el("p", { class: "empty" }, "No builds yet. Request one above: pick a published version and a device class.")
        : el("div", { class: "table-wrap" }, table("Builds of your organisation", BUILD_HEADERS, page.items.map(buildCells))));
      body.querySelectorAll("tbody tr").forEach((tr, i) => { tr.dataset.build = page.items[i].id; tr.dataset.status = page.items[i].status; });
      return page.items.some((b) => !DONE.includes(b.status));
    } catch (error) {
      showError(error, problem);
      return false;
    }
  }
  more.addEventListener("click", () => { shown += 25; refresh(); });
  if (me.roles.includes("oem")) {
    const classes = await deviceClassOptions();
    view.append(el("section", { "aria-labelledby": "request-h" }, el("h2", { id: "request-h" }, "Request a build"),
      classes.length ? requestForm(classes, query.get("version"), (b) => {
        status.hidden = false;
        status.textContent = `Build ${b.id.slice(0, 8)} of ${b.version} for ${b.deviceClass} is ${b.status.toLowerCase()}; its progress shows below.`;
        refresh();
      }) : el("p", { class: "empty" }, "No device classes are registered yet. Ask the platform admin to add one."), status));
  }
  list.append(problem, body, more);
  view.append(list);
  await refresh();
  const jobs = el("section", { "aria-labelledby": "jobs-h" }, el("h2", { id: "jobs-h" }, "Jobs"));
  const jobBody = el("div");
  jobs.append(jobBody);
  view.append(jobs);
  async function refreshJobs() {
    const page = await api(withQuery("/api/v1/jobs", { owner: me.org, limit: 15 }));
    jobBody.replaceChildren(page.items.length === 0
      ? el("p", { class: "empty" }, "No jobs yet. Builds, fingerprints and verifications run as jobs and show here.")
      : el("div", { class: "table-wrap" }, table("Recent jobs", ["Job", "Kind", "Progress", "Attempts", "Started", "Finished"],
        page.items.map((j) => [el("code", {}, j.id.slice(0, 8)), j.kind, progress(j), String(j.attempts), when(j.startedAt), when(j.finishedAt)]))));
  }
  await refreshJobs().catch((e) => showError(e, problem));
  poll(view, 2000, async () => { await refresh(); await refreshJobs(); });
}
