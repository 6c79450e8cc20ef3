import { init, login, logout } from "./auth.js";
import { api } from "./api.js";

const $ = (id) => document.getElementById(id);

function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs)) {
    if (key.startsWith("on")) node.addEventListener(key.slice(2), value);
    else node.setAttribute(key, value);
  }
  node.append(...children.filter((c) => c !== null && c !== undefined));
  return node;
}

function showError(error) {
  $("error").hidden = false;
  $("error").textContent = error.message;
}

function table(headers, rows) {
  return el("table", {},
    el("thead", {}, el("tr", {}, ...headers.map((h) => el("th", { scope: "col" }, h)))),
    el("tbody", {}, ...rows.map((cells) => el("tr", {}, ...cells.map((c) => el("td", {}, c))))));
}

async function pagedList(view, path, headers, toCells, empty) {
  let cursor = null;
  const body = el("div");
  const more = el("button", { type: "button" }, "Load more");
  async function load() {
    const page = await api(path + (cursor ? `${path.includes("?") ? "&" : "?"}cursor=${cursor}` : ""));
    if (!cursor && page.items.length === 0) body.append(el("p", { class: "empty" }, empty));
    else body.append(table(headers, page.items.map(toCells)));
    cursor = page.nextCursor;
    more.hidden = !cursor;
  }
  more.addEventListener("click", () => load().catch(showError));
  view.append(body, more);
  await load();
}

const routes = {
  async catalog(view) {
    view.append(el("h1", {}, "Catalog"));
    await pagedList(view, "/api/v1/models?limit=50",
      ["Model", "Kind", "Architecture", "Parameters", "Visibility"],
      (m) => [`${m.owner}/${m.slug}`, m.kind, m.architecture, m.parameterCount.toLocaleString(), m.visibility],
      "No models yet. Vendors list base models; OEMs register their fine-tunes.");
  },
  async orgs(view) {
    view.append(el("h1", {}, "Organisations"));
    await pagedList(view, "/api/v1/orgs?limit=50", ["Slug", "Name", "Kind", "Jurisdictions"],
      (o) => [o.slug, o.name, o.kind, o.jurisdictions.join(", ") || "—"],
      "No organisations yet. A platform admin registers them.");
  },
};

async function render() {
  const view = $("view");
  view.replaceChildren();
  $("error").hidden = true;
  const name = (window.location.hash.replace("#/", "") || "catalog");
  await (routes[name] || routes.catalog)(view);
}

async function start() {
  $("login").addEventListener("click", () => login());
  let signedIn = false;
  try {
    signedIn = await init();
  } catch (error) {
    showError(error);
  }
  $("signed-out").hidden = signedIn;
  $("view").hidden = !signedIn;
  if (!signedIn) return;
  const me = await api("/api/v1/me");
  $("who").replaceChildren(
    el("span", {}, `${me.username} · ${me.org || "no organisation"} · ${me.roles.join(", ") || "no role"}`),
    el("button", { type: "button", onclick: logout }, "Sign out"));
  window.addEventListener("hashchange", () => render().catch(showError));
  await render();
}

start().catch(showError);
