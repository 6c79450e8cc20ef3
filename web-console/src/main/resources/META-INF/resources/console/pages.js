// The console's pages: one entry per hash route. Each page is its own ES module, loaded on first visit, and
// exports render(view, context). A page with roles is offered in the navigation only to those roles and refuses
// to render for others; the API enforces the same rules anyway.

const SEGMENT = "([^/?]+)";

export const PAGES = [
  { id: "catalog", title: "Catalog", nav: true, pattern: /^catalog$/, load: () => import("./pages/catalog.js") },
  { id: "version", pattern: new RegExp(`^models/${SEGMENT}/${SEGMENT}/versions/${SEGMENT}$`),
    load: () => import("./pages/version.js") },
  { id: "model", pattern: new RegExp(`^models/${SEGMENT}/${SEGMENT}$`), load: () => import("./pages/model.js") },
  { id: "marketplace", title: "Marketplace", nav: true, roles: ["oem", "vendor"], pattern: /^marketplace$/,
    load: () => import("./pages/marketplace.js") },
  { id: "builds", title: "Builds", nav: true, roles: ["oem"], pattern: /^builds$/, load: () => import("./pages/builds.js") },
  { id: "rollouts", title: "Releases and rollouts", nav: true, roles: ["oem"], pattern: new RegExp(`^rollouts(?:/${SEGMENT})?$`),
    load: () => import("./pages/rollouts.js") },
  { id: "rollout", title: "Rollout", roles: ["oem", "admin"], pattern: new RegExp(`^rollout/${SEGMENT}$`), load: () => import("./pages/rollout.js") },
  { id: "fleet", title: "Fleet", nav: true, roles: ["oem"], pattern: /^fleet$/, load: () => import("./pages/fleet.js") },
  { id: "regulator", title: "Regulator", nav: true, roles: ["regulator", "admin"],
    pattern: new RegExp(`^regulator(?:/${SEGMENT}/${SEGMENT}/${SEGMENT})?$`),
    load: () => import("./pages/regulator.js") },
  { id: "audit", title: "Audit", nav: true, pattern: /^audit$/, load: () => import("./pages/audit.js") },
];

export function allowed(page, me) {
  return !page.roles || page.roles.some((role) => me.roles.includes(role));
}

/** The page for a location hash such as "#/models/acme-ai/glm/versions/1.0.0?x=y", with its parameters. */
export function resolve(hash) {
  const [path, query = ""] = hash.replace(/^#\/?/, "").split("?");
  const route = path || "catalog";
  for (const page of PAGES) {
    const match = page.pattern.exec(route);
    if (match) {
      return { page, params: match.slice(1).map((p) => (p === undefined ? undefined : decodeURIComponent(p))),
        query: new URLSearchParams(query) };
    }
  }
  return null;
}
