// Draws a lineage graph (LineageView) as SVG: ancestors above, the version itself in the middle, descendants below.
// Each node is a link to its version page, labelled with its owner and the licence under which it is used.
import { versionHref } from "./ui.js";

const SVG = "http://www.w3.org/2000/svg";
const W = 240;
const H = 78;
const GAP_X = 24;
const GAP_Y = 64;

function svg(tag, attrs = {}, ...children) {
  const node = document.createElementNS(SVG, tag);
  for (const [key, value] of Object.entries(attrs)) node.setAttribute(key, value);
  node.append(...children);
  return node;
}

const clip = (text, max) => (text.length > max ? `${text.slice(0, max - 1)}…` : text);

/** Depth of every node: negative for ancestors (by their shortest path up), positive for descendants. */
function depths(graph) {
  const depth = new Map([[graph.version, 0]]);
  const walk = (from, step, next) => {
    const queue = [from];
    while (queue.length) {
      const current = queue.shift();
      for (const other of next(current)) {
        if (!depth.has(other)) { depth.set(other, depth.get(current) + step); queue.push(other); }
      }
    }
  };
  walk(graph.version, -1, (v) => graph.edges.filter((e) => e.child === v).map((e) => e.parent));
  walk(graph.version, 1, (v) => graph.edges.filter((e) => e.parent === v).map((e) => e.child));
  return depth;
}

/**
 * The licence under which a node is used here: for ancestors the provenance evidence (SPDX id or offer), for the
 * others the entitlement on the edges to their parents; a model of the same organisation needs none.
 */
export function licenceLabel(node, graph, provenance) {
  const ancestor = provenance?.ancestors.find((a) => a.version === node.version);
  if (ancestor && ancestor.licences.length) {
    return ancestor.licences.map((l) => (l.spdxId ? `open: ${l.spdxId}` : `licensed: ${l.offer || "offer"}`)).join(", ");
  }
  const held = graph.edges.filter((e) => e.child === node.version && e.entitlement).map((e) => e.entitlement.slice(0, 8));
  if (held.length) return `under entitlement ${held.join(", ")}`;
  const self = graph.nodes.find((n) => n.role === "SELF");
  return node.owner === self?.owner ? "own model, no licence needed" : "licence not shown to you";
}

export function lineageSvg(graph, provenance) {
  const depth = depths(graph);
  const rows = new Map();
  for (const node of graph.nodes) {
    const d = depth.get(node.version) ?? 0;
    if (!rows.has(d)) rows.set(d, []);
    rows.get(d).push(node);
  }
  const order = [...rows.keys()].sort((a, b) => a - b);
  const widest = Math.max(...[...rows.values()].map((r) => r.length));
  const width = widest * W + (widest - 1) * GAP_X + 16;
  const height = order.length * H + (order.length - 1) * GAP_Y + 16;
  const place = new Map();
  order.forEach((d, rowIndex) => {
    const row = rows.get(d);
    const rowWidth = row.length * W + (row.length - 1) * GAP_X;
    row.forEach((node, i) => place.set(node.version, { x: 8 + (width - 16 - rowWidth) / 2 + i * (W + GAP_X), y: 8 + rowIndex * (H + GAP_Y) }));
  });

  const self = graph.nodes.find((n) => n.role === "SELF");
  const root = svg("svg", { viewBox: `0 0 ${width} ${height}`, class: "lineage", role: "group",
    "aria-label": `Lineage graph of ${graph.version}: ${graph.nodes.length} versions, ${graph.edges.length} links` });
  root.style.maxWidth = `${width}px`;
  root.append(svg("defs", {}, svg("marker", { id: "arrow", viewBox: "0 0 10 10", refX: "10", refY: "5",
    markerWidth: "8", markerHeight: "8", orient: "auto-start-reverse" }, svg("path", { d: "M 0 0 L 10 5 L 0 10 z", class: "arrowhead" }))));

  for (const edge of graph.edges) {
    const child = place.get(edge.child);
    const parent = place.get(edge.parent);
    if (!child || !parent) continue;
    const [x1, y1, x2, y2] = [child.x + W / 2, child.y, parent.x + W / 2, parent.y + H];
    root.append(svg("g", { class: "edge" },
      svg("line", { x1, y1, x2, y2, "marker-end": "url(#arrow)" }),
      svg("text", { x: (x1 + x2) / 2 + 6, y: (y1 + y2) / 2 + 4 }, edge.relation.toLowerCase())));
  }
  for (const node of graph.nodes) {
    const { x, y } = place.get(node.version);
    const foreign = node.owner !== self?.owner;
    const licence = licenceLabel(node, graph, provenance);
    const label = `${node.role.toLowerCase()}: ${node.version}, owner ${node.owner}, ${licence}, ${node.status}`;
    root.append(svg("a", { href: versionHref(node.version), class: `node role-${node.role.toLowerCase()}${foreign ? " foreign" : ""}`,
      "data-version": node.version, "data-role": node.role, "aria-label": label },
    svg("title", {}, label),
    svg("rect", { x, y, width: W, height: H, rx: 8 }),
    svg("text", { x: x + 10, y: y + 22, class: "name" }, clip(node.version.slice(node.owner.length + 1), 32)),
    svg("text", { x: x + 10, y: y + 44 }, clip(`owner ${node.owner} · ${node.kind.toLowerCase()}`, 36)),
    svg("text", { x: x + 10, y: y + 64, class: "licence" }, clip(licence, 36))));
  }
  return root;
}
