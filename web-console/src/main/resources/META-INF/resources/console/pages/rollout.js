// One rollout: its stage timeline, live per-stage charts of installs, healthy and failed devices, failure reasons
// ranked, and the operator's controls, each asking for confirmation first.
import { api, post, withQuery } from "../api.js";
import { poll } from "../live.js";
import { alertBox, el, heading, link, showError, statusBadge, table, versionHref, when } from "../ui.js";

const SVG = "http://www.w3.org/2000/svg";
const svg = (tag, attrs = {}, ...children) => {
  const node = document.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, v);
  node.append(...children);
  return node;
};

const ACTIONS = [
  { id: "pause", label: "Pause", when: ["RUNNING"], ask: "Pause this rollout? No new device is offered the release until you resume it." },
  { id: "resume", label: "Resume", when: ["PAUSED", "HALTED"], ask: "Resume this rollout? Devices of the current stage are offered the release again." },
  { id: "advance", label: "Advance stage", when: ["RUNNING", "PAUSED", "HALTED"], ask: "Advance to the next stage now, without waiting for its rule?" },
  { id: "abort", label: "Abort", when: ["RUNNING", "PAUSED", "HALTED"], ask: "Abort this rollout for good? Devices keep what they have; it cannot be resumed.", danger: true },
  { id: "rollback", label: "Roll back", when: ["RUNNING", "PAUSED", "HALTED", "COMPLETED"], ask: "Roll back? Every device of this rollout is sent back to the channel's previous rollout's build.", danger: true },
];

const STATE_TEXT = { DONE: "passed", CURRENT: "current", PENDING: "waiting" };

/** The stages in order, each with its share, rule and state; the current one is marked for screen readers too. */
function timeline(r) {
  return el("ol", { class: "timeline", "aria-label": "Stage timeline" }, r.stages.map((s) => {
    const state = s.index < r.currentStage ? "DONE" : s.index === r.currentStage ? "CURRENT" : "PENDING";
    return el("li", { class: `stage stage-${state.toLowerCase()}`, "aria-current": state === "CURRENT" ? "step" : null, "data-stage": String(s.index) },
      el("strong", {}, `Stage ${s.index + 1}: ${s.percent}%`),
      el("span", { class: "state" }, state === "CURRENT" ? r.status.toLowerCase() : STATE_TEXT[state]),
      el("span", { class: "hint" }, `Rule: ≥ ${s.minHealthy} healthy, failure rate ≤ ${(s.maxFailureRate * 100).toFixed(1)}%`),
      el("span", { class: "counts" }, `${s.devices} devices, ${s.healthy} healthy, ${s.failed} failed, ${s.installing} installing`));
  }));
}

/** Grouped bars per stage (installing, healthy, failed), drawn as SVG; the table beside it carries the numbers. */
function chart(r) {
  const series = [["installing", "Installing", "#0b5cad"], ["healthy", "Healthy", "#1a6b2f"], ["failed", "Failed", "#a40e26"]];
  const max = Math.max(1, ...r.stages.flatMap((s) => series.map(([k]) => s[k])));
  const group = 90;
  const bar = 22;
  const h = 160;
  const width = 40 + r.stages.length * group;
  const scale = Math.min(2, 720 / width); // drawn at up to twice its size, never wider than 720 px
  const root = svg("svg", { viewBox: `0 0 ${width} ${h + 40}`, width: width * scale, height: (h + 40) * scale, class: "chart", role: "img",
    "aria-label": `Devices per stage: ${r.stages.map((s) => `stage ${s.index + 1}: ${s.installing} installing, ${s.healthy} healthy, ${s.failed} failed`).join("; ")}` });
  root.append(svg("line", { x1: 30, y1: h + 10, x2: width, y2: h + 10, class: "axis" }));
  root.append(svg("text", { x: 26, y: 18, "text-anchor": "end" }, String(max)), svg("text", { x: 26, y: h + 10, "text-anchor": "end" }, "0"));
  r.stages.forEach((s, i) => {
    const x0 = 40 + i * group;
    series.forEach(([key, , colour], j) => {
      const hv = (s[key] / max) * (h - 10);
      root.append(svg("rect", { x: x0 + j * (bar + 2), y: h + 10 - hv, width: bar, height: Math.max(hv, 0.5), fill: colour, "data-series": key },
        svg("title", {}, `Stage ${i + 1}, ${key}: ${s[key]}`)));
    });
    root.append(svg("text", { x: x0 + 35, y: h + 30, "text-anchor": "middle" }, `${s.percent}%`));
  });
  const legend = el("p", { class: "legend" }, series.map(([, label, colour]) =>
    el("span", {}, el("span", { class: `swatch sw-${label.toLowerCase()}` }), ` ${label} `)));
  return el("div", { class: "graph-wrap" }, root, legend);
}

function controls(r, onDone) {
  const box = el("div", { class: "controls" });
  const problem = alertBox();
  const confirm = el("div", { class: "confirm", role: "group", "aria-label": "Confirm", hidden: true });
  const buttons = ACTIONS.filter((a) => a.when.includes(r.status)).map((a) => el("button", { type: "button",
    class: a.danger ? "danger" : "secondary", onclick: () => {
      confirm.hidden = false;
      const yes = el("button", { type: "button", class: a.danger ? "danger" : "" }, `Confirm: ${a.label.toLowerCase()}`);
      const no = el("button", { type: "button", class: "secondary" }, "Cancel");
      no.addEventListener("click", () => { confirm.hidden = true; });
      yes.addEventListener("click", async () => {
        yes.disabled = true;
        try {
          onDone(await post(`/api/v1/rollouts/${r.id}/${a.id}`), a);
        } catch (error) {
          showError(error, problem);
          yes.disabled = false;
        }
      });
      confirm.replaceChildren(el("p", {}, a.ask), el("div", { class: "actions" }, yes, no));
      yes.focus();
    } }, a.label));
  box.append(el("div", { class: "actions" }, buttons.length ? buttons : el("p", { class: "hint" }, `A ${r.status.toLowerCase()} rollout takes no further action.`)), confirm, problem);
  return box;
}

export async function render(view, { params, me }) {
  const [id] = params;
  let r = await api(`/api/v1/rollouts/${id}`);
  const channel = await api(`/api/v1/channels/${r.channelId}`);
  const own = me.roles.includes("oem") && me.org === r.owner;
  const done = el("p", { class: "success", role: "status", hidden: true });
  const head = el("div");
  const body = el("div");
  const reasons = el("section", { "aria-labelledby": "fr-h" }, el("h2", { id: "fr-h" }, "Failure reasons"));
  const problem = alertBox();
  view.append(el("nav", { class: "crumbs", "aria-label": "Breadcrumb" }, link("#/rollouts", "Releases and rollouts"), " / ",
    link(`#/rollouts/${channel.id}`, channel.name), " / rollout ", id.slice(0, 8)),
  heading(`Rollout of ${r.version} on ${channel.name}`), done, problem, head, body, reasons);

  const draw = async () => {
    head.replaceChildren(el("p", { id: "rollout-status" }, statusBadge(r.status), ` Stage ${r.currentStage + 1} of ${r.stages.length} since `, when(r.stageStartedAt),
      r.autoAdvance ? " · advances by itself" : " · advances when told", r.haltReason ? el("span", { class: "error-text" }, ` · halted: ${r.haltReason}`) : null),
    el("p", { class: "hint" }, "Version ", link(versionHref(r.version), r.version), " · cohort: ",
      `regions ${r.cohort.regions.join(", ") || "any"}; device classes ${r.cohort.deviceClasses.join(", ") || "any"}; models ${r.cohort.deviceModels.join(", ") || "any"}`,
      " · started by ", r.createdBy, " ", when(r.createdAt)),
    own ? controls(r, async (next, action) => {
      r = next;
      done.hidden = false;
      done.textContent = `${action.label}: the rollout is now ${r.status.toLowerCase()}.`;
      await draw();
    }) : null);
    body.replaceChildren(el("section", { "aria-labelledby": "tl-h" }, el("h2", { id: "tl-h" }, "Stages"), timeline(r)),
      el("section", { "aria-labelledby": "ch-h" }, el("h2", { id: "ch-h" }, "Devices per stage"),
        el("p", { class: "hint" }, "From the devices' latest reports; refreshed every 3 seconds."), chart(r),
        table("Devices per stage", ["Stage", "Share", "Devices", "Installing", "Healthy", "Failed"],
          r.stages.map((s) => [String(s.index + 1), `${s.percent}%`, String(s.devices), String(s.installing), String(s.healthy), String(s.failed)]))));
    const ranked = await api(withQuery("/api/v1/fleet/failures", { owner: r.owner, rollout: r.id, limit: 10 }));
    reasons.replaceChildren(reasons.firstChild, ranked.length === 0
      ? el("p", { class: "empty" }, "No device has reported a failure in this rollout.")
      : table("Failure reasons, most frequent first", ["Reason", "Reports", "Devices"], ranked.map((f) => [f.reasonCode, String(f.events), String(f.devices)])));
  };
  await draw();
  poll(view, 3000, async () => {
    try {
      r = await api(`/api/v1/rollouts/${id}`);
      // Keep an open confirmation: redraw only the parts that carry numbers.
      if (head.querySelector(".confirm:not([hidden])")) {
        body.querySelector("section")?.replaceWith(el("section", { "aria-labelledby": "tl-h" }, el("h2", { id: "tl-h" }, "Stages"), timeline(r)));
      } else {
        await draw();
      }
    } catch (error) {
      showError(error, problem);
    }
  });
}
