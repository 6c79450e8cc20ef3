import { init, login, logout } from "./auth.js";
import { api } from "./api.js";
import { allowed, PAGES, resolve } from "./pages.js";
import { el, heading, showError } from "./ui.js";

const $ = (id) => document.getElementById(id);
let me;
let rendering = 0;

function navigation() {
  const links = PAGES.filter((p) => p.nav && allowed(p, me)).map((p) => el("a", { href: `#/${p.id}`, "data-page": p.id }, p.title));
  $("nav").replaceChildren(...links);
}

function markCurrent(pageId) {
  for (const a of $("nav").querySelectorAll("a")) {
    if (a.dataset.page === pageId) a.setAttribute("aria-current", "page");
    else a.removeAttribute("aria-current");
  }
}

function notFound(view) {
  view.append(heading("Page not found"), el("p", {}, "This address names no page of the console. ",
    el("a", { href: "#/catalog" }, "Go to the catalog"), "."));
}

function forbidden(view, page) {
  const roles = me.roles.length ? me.roles.join(", ") : "none";
  view.append(heading(`${page.title} is not available to you`),
    el("p", { class: "notice" }, `This page is for the ${page.roles.join(" or ")} role. Your account's roles: ${roles}. `,
      "Ask your organisation's administrator for a role, or go back to the ", el("a", { href: "#/catalog" }, "catalog"), "."));
}

async function render() {
  const generation = ++rendering;
  const view = $("view");
  $("error").hidden = true;
  const route = resolve(window.location.hash);
  const next = el("div");
  markCurrent(route?.page.id);
  if (!route) notFound(next);
  else if (!allowed(route.page, me)) forbidden(next, route.page);
  else {
    view.setAttribute("aria-busy", "true");
    const module = await route.page.load();
    await module.render(next, { params: route.params, query: route.query, me });
    view.removeAttribute("aria-busy");
  }
  if (generation !== rendering) return; // the user moved on while this page was loading
  view.replaceChildren(next);
  document.body.dataset.rendered = window.location.hash; // which route is on screen (the browser tests wait for it)
  document.title = `${next.querySelector("h1")?.textContent || "Modelport"} · Modelport console`;
  // Move focus to the new page's heading so keyboard and screen-reader users land on the new content.
  next.querySelector("h1")?.focus({ preventScroll: false });
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
  me = await api("/api/v1/me");
  me.roles = me.roles || [];
  $("who").replaceChildren(
    el("span", { id: "who-text" }, `${me.username} · ${me.org || "no organisation"} · ${me.roles.join(", ") || "no role"}`),
    el("button", { type: "button", class: "secondary", onclick: logout }, "Sign out"));
  navigation();
  window.addEventListener("hashchange", () => render().catch((e) => { $("view").removeAttribute("aria-busy"); showError(e); }));
  await render();
}

start().catch(showError);
