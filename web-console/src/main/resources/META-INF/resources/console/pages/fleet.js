// The fleet: devices by build, version, status, device class and region, from the devices' latest reports.
import { api, withQuery } from "../api.js";
import { poll } from "../live.js";
import { alertBox, el, heading, link, showError, statusBadge, table, versionHref } from "../ui.js";

const counts = (caption, header, map, cell = (k) => k) => {
  const entries = Object.entries(map || {}).sort((a, b) => b[1] - a[1]);
  return entries.length === 0 ? el("p", { class: "empty" }, "No devices have reported yet.")
    : table(caption, [header, "Devices"], entries.map(([k, n]) => [cell(k), n.toLocaleString("en")]));
};

export async function render(view, { me }) {
  view.append(heading("Fleet"), el("p", { class: "lead" },
    "Your enrolled phones by what they last reported. Refreshed every 5 seconds. Enroll phones with an enrollment token (",
    el("code", {}, "POST /api/v1/enrollment-tokens"), ") and ", el("code", {}, "./modelport device run"), "."));
  const problem = alertBox();
  const body = el("div");
  view.append(problem, body);
  const draw = async () => {
    const [f, failures] = await Promise.all([api(withQuery("/api/v1/fleet", { owner: me.org })),
      api(withQuery("/api/v1/fleet/failures", { owner: me.org, limit: 10 }))]);
    problem.hidden = true;
    body.replaceChildren(el("p", { id: "fleet-total" }, `${f.devices.toLocaleString("en")} devices have reported.`),
      el("div", { class: "cards" },
        el("section", { class: "card", "aria-labelledby": "fv-h" }, el("h2", { id: "fv-h" }, "By version"),
          counts("Devices by version", "Version", f.byVersion, (v) => (v === "unknown" ? v : link(versionHref(v), v)))),
        el("section", { class: "card", "aria-labelledby": "fs-h" }, el("h2", { id: "fs-h" }, "By status"), counts("Devices by status", "Status", f.byStatus, statusBadge)),
        el("section", { class: "card", "aria-labelledby": "fc-h" }, el("h2", { id: "fc-h" }, "By device class"), counts("Devices by device class", "Device class", f.byDeviceClass)),
        el("section", { class: "card", "aria-labelledby": "fr-h" }, el("h2", { id: "fr-h" }, "By region"), counts("Devices by region", "Region", f.byRegion))),
      el("section", { "aria-labelledby": "fb-h" }, el("h2", { id: "fb-h" }, "By build"), f.byBuild.length === 0
        ? el("p", { class: "empty" }, "No devices have reported a build yet. Start a rollout under Releases and rollouts.")
        : el("div", { class: "table-wrap" }, table("Devices by build", ["Build digest", "Version", "Status", "Devices"],
          f.byBuild.map((b) => [el("code", { class: "digest" }, b.buildDigest || "none"), b.version ? link(versionHref(b.version), b.version) : "—", statusBadge(b.status), String(b.devices)])))),
      el("section", { "aria-labelledby": "ff-h" }, el("h2", { id: "ff-h" }, "Failure reasons"), failures.length === 0
        ? el("p", { class: "empty" }, "No device has reported a failure.")
        : table("Failure reasons, most frequent first", ["Reason", "Reports", "Devices"], failures.map((x) => [x.reasonCode, String(x.events), String(x.devices)]))));
  };
  try { await draw(); } catch (error) { showError(error, problem); }
  poll(view, 5000, () => draw().catch((e) => showError(e, problem)));
}
