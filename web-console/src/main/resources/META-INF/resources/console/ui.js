// Small DOM helpers shared by every page: elements, tables with cursor paging, badges, errors.

/** Creates an element; attributes starting with "on" become listeners, null children are skipped. */
export function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs)) {
    if (value === null || value === undefined || value === false) continue;
    if (key.startsWith("on")) node.addEventListener(key.slice(2), value);
    else node.setAttribute(key, value === true ? "" : value);
  }
  node.append(...children.flat().filter((c) => c !== null && c !== undefined && c !== false));
  return node;
}

export const link = (href, text) => el("a", { href }, text);

/** Hash route of a model line and of a version. */
export const modelHref = (fullName) => `#/models/${fullName}`;
export const versionHref = (name) => { const [m, v] = name.split("@"); return `#/models/${m}/versions/${v}`; };

/** Shows an error (an ApiError's message is already plain words with the problem detail) in the page's alert. */
export function showError(error, where = document.getElementById("error")) {
  where.hidden = false;
  where.textContent = error.message || String(error);
  where.focus?.();
}

/** An inline alert next to a form, for errors that belong to that form. */
export function alertBox() {
  return el("p", { class: "error", role: "alert", hidden: true, tabindex: "-1" });
}

export function table(caption, headers, rows) {
  return el("table", {},
    el("caption", { class: "visually-hidden" }, caption),
    el("thead", {}, el("tr", {}, headers.map((h) => el("th", { scope: "col" }, h)))),
    el("tbody", {}, rows.map((cells) => el("tr", {}, cells.map((c, i) =>
      el("td", { "data-label": headers[i] }, c ?? "—"))))));
}

/**
 * A table that pages through a cursor-paged list ({items, nextCursor}) with a "Load more" button.
 * {@code empty} says what to do next when there is nothing to show.
 */
export async function pagedTable(container, { fetchPage, caption, headers, toCells, empty, onItems }) {
  let cursor = null;
  const tbody = el("tbody");
  const wrapper = el("div", { class: "table-wrap" }, el("table", {},
    el("caption", { class: "visually-hidden" }, caption),
    el("thead", {}, el("tr", {}, headers.map((h) => el("th", { scope: "col" }, h)))), tbody));
  const more = el("button", { type: "button", class: "secondary", hidden: true }, "Load more");
  const problem = alertBox();
  const emptyNote = el("p", { class: "empty", hidden: true }, empty);
  async function load() {
    problem.hidden = true;
    more.disabled = true;
    try {
      const page = await fetchPage(cursor);
      for (const item of page.items) {
        const cells = toCells(item);
        tbody.append(el("tr", {}, cells.map((c, i) => el("td", { "data-label": headers[i] }, c ?? "—"))));
      }
      onItems?.(page.items);
      cursor = page.nextCursor;
      more.hidden = !cursor;
      const none = tbody.children.length === 0;
      emptyNote.hidden = !none;
      wrapper.hidden = none;
    } catch (error) {
      showError(error, problem);
    } finally {
      more.disabled = false;
    }
  }
  more.addEventListener("click", load);
  container.append(problem, emptyNote, wrapper, more);
  await load();
}

const PROVENANCE_TEXT = {
  SELF_DEVELOPED: "Self-developed",
  DERIVED_FROM_LICENSED: "Derived from licensed",
  DERIVED_FROM_OPEN: "Derived from open",
};

/** A provenance badge; the class is computed by the server from lineage and licences, never typed in. */
export function provenanceBadge(provenanceClass, settled = true) {
  if (!provenanceClass) return el("span", { class: "badge" }, "No published version");
  return el("span", { class: `badge prov-${provenanceClass.toLowerCase()}`,
    title: settled ? "Computed from recorded lineage and licences" : "Draft: licences are fixed at publication" },
  PROVENANCE_TEXT[provenanceClass] + (settled ? "" : " (draft)"));
}

export function statusBadge(status) {
  return el("span", { class: `badge status-${String(status).toLowerCase()}` }, status);
}

export function bytes(n) {
  if (n === null || n === undefined) return "—";
  const units = ["B", "KiB", "MiB", "GiB", "TiB"];
  let value = n;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) { value /= 1024; unit++; }
  return `${unit === 0 ? value : value.toFixed(1)} ${units[unit]}`;
}

export function parameters(n) {
  if (n >= 1e9) return `${+(n / 1e9).toFixed(1)}B`;
  if (n >= 1e6) return `${+(n / 1e6).toFixed(1)}M`;
  return String(n);
}

export function when(iso) {
  return iso ? el("time", { datetime: iso }, iso.replace("T", " ").replace(/\.\d+Z$/, "Z")) : "—";
}

/** A labelled form control; {@code control} is an input, select or textarea element. */
export function field(label, control, hint) {
  const id = control.id || `f-${Math.random().toString(36).slice(2, 9)}`;
  control.id = id;
  const hintEl = hint ? el("span", { class: "hint", id: `${id}-hint` }, hint) : null;
  if (hintEl) control.setAttribute("aria-describedby", hintEl.id);
  return el("div", { class: "field" }, el("label", { for: id }, label), control, hintEl);
}

export function heading(text, level = 1) {
  return el(`h${level}`, { tabindex: level === 1 ? "-1" : null }, text);
}
