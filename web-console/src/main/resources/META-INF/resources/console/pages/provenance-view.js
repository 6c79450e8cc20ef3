// The computed provenance of a version with its evidence: shared by the version page and the regulator view.
import { el, link, provenanceBadge, table, versionHref, when } from "../ui.js";

const EXPLAIN = {
  SELF_DEVELOPED: "No ancestor belongs to another organisation.",
  DERIVED_FROM_LICENSED: "At least one ancestor of another organisation is used under a licence that is not an open licence.",
  DERIVED_FROM_OPEN: "Every ancestor of another organisation is used under an open (SPDX) licence.",
};

export function provenanceSection(p) {
  const evidence = p.ancestors.length === 0
    ? el("p", { class: "empty" }, "No ancestors are recorded: the lineage declares no parent version.")
    : table("Provenance evidence: ancestors and their licences", ["Ancestor", "Owner", "Other organisation", "Licences (evidence)"],
      p.ancestors.map((a) => [a.version ? link(versionHref(a.version), a.version) : "(not visible to you)", a.owner,
        a.foreign ? "yes" : "no",
        a.licences.length === 0 ? "none needed" : el("ul", { class: "plain" }, a.licences.map((l) => el("li", {},
          l.spdxId ? `Open licence ${l.spdxId}` : `Offer "${l.offer}" granted by ${l.grantor}`,
          l.entitlement ? ` · entitlement ${l.entitlement.slice(0, 8)}` : " · entitlement fixed at publication",
          l.licenceTextDigest ? el("span", {}, " · text ", el("code", { class: "digest" }, l.licenceTextDigest)) : null)))]));
  return el("section", { class: "provenance", "aria-labelledby": "prov-h" },
    el("h2", { id: "prov-h" }, "Provenance"),
    el("p", {}, provenanceBadge(p.provenanceClass, p.settled), " ", EXPLAIN[p.provenanceClass]),
    el("p", { class: "hint" }, p.settled ? "Computed from the recorded lineage and the licences fixed at publication."
      : "This version is a draft: its class is provisional until it is published."),
    el("h3", {}, "Evidence"), evidence,
    p.claim ? el("p", {}, `Public claim: ${p.claim.claim} — "${p.claim.statement}" (`, when(p.claim.claimedAt), ")")
      : el("p", { class: "hint" }, "No public claim has been made for this version."));
}
