package dev.modelport.registry.provenance;

import dev.modelport.registry.audit.AuditLog;
import dev.modelport.registry.catalog.ModelService;
import dev.modelport.registry.catalog.VersionRef;
import dev.modelport.registry.catalog.VersionService;
import dev.modelport.registry.catalog.VersionStatus;
import dev.modelport.registry.common.problem.DomainException;
import dev.modelport.registry.common.problem.ErrorCode;
import dev.modelport.registry.licensing.EntitlementService;
import dev.modelport.registry.licensing.Licence;
import dev.modelport.registry.tenancy.Caller;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Computes where a version came from. Walking up the lineage, each step into another organisation's version passes
 * through the licence recorded on that edge; that licence then governs the ancestor and everything above it that
 * belongs to the same organisation. The class follows: no foreign ancestor is SELF_DEVELOPED; foreign ancestors
 * all under open (SPDX) licences is DERIVED_FROM_OPEN; anything else is DERIVED_FROM_LICENSED.
 */
@ApplicationScoped
public class ProvenanceService {

    @Inject
    LineageService lineage;

    @Inject
    VersionService versions;

    @Inject
    ModelService models;

    @Inject
    EntitlementService entitlements;

    @Inject
    ClaimRepository claims;

    @Inject
    AuditLog audit;

    @Inject
    Instance<ProvenanceEvidence> evidence;

    @Transactional
    public ProvenanceView provenance(Caller caller, String owner, String model, String label) {
        VersionRef version = versions.readableRef(caller, owner, model, label);
        return view(caller, version, compute(version));
    }

    /**
     * Attaches the owner's public claim about a released version. A claim that differs from the computed class is
     * refused: a version derived from another organisation's model is never "self-developed".
     */
    @Transactional
    public ProvenanceView claim(Caller caller, String owner, String model, String label, ProvenanceClass claim,
                                String statement) {
        models.writable(caller, owner, model);
        VersionRef version = versions.readableRef(caller, owner, model, label);
        if (!version.status().isReleased()) {
            throw new DomainException(ErrorCode.INVALID_TRANSITION, version.fullName() + " is "
                    + version.status() + "; claims are made about published versions, whose lineage is fixed");
        }
        Computed computed = compute(version);
        if (computed.provenanceClass != claim) {
            throw new DomainException(ErrorCode.CLAIM_CONTRADICTS_PROVENANCE, "you claim " + claim + " but "
                    + version.fullName() + " is " + computed.provenanceClass + computed.reason());
        }
        if (claim == ProvenanceClass.SELF_DEVELOPED) {
            requireNoContradictingFinding(version);
        }
        ProvenanceView before = view(caller, version, computed);
        ClaimEntity entity = claims.findById(version.id());
        boolean first = entity == null;
        if (first) {
            entity = new ClaimEntity();
            entity.versionId = version.id();
        }
        entity.claim = claim;
        entity.statement = statement;
        entity.suspendedAt = null;
        entity.suspendedReason = null;
        entity.claimedBy = caller.username();
        entity.createdAt = Instant.now();
        if (first) {
            claims.persist(entity);
        }
        claims.flush();
        ProvenanceView after = view(caller, version, computed);
        audit.record(caller, version.model().owner(), "provenance.claimed", "version", version.fullName(),
                before.claim(), after.claim());
        return after;
    }

    /**
     * Suspends the version's "self-developed" claim, if it has one, because a regulator confirmed a finding that
     * contradicts it. Runs in the caller's transaction; returns whether a claim was suspended.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public boolean suspendSelfDevelopedClaim(UUID versionId, String reason) {
        ClaimEntity claim = claims.findById(versionId);
        if (claim == null || claim.claim != ProvenanceClass.SELF_DEVELOPED || claim.suspendedAt != null) {
            return false;
        }
        claim.suspendedAt = Instant.now();
        claim.suspendedReason = reason.length() > 2000 ? reason.substring(0, 2000) : reason;
        return true;
    }

    /** The class a version's owner publicly claims, if any (suspended claims included). */
    @Transactional
    public Optional<ProvenanceClass> claimOf(UUID versionId) {
        return claims.findByIdOptional(versionId).map(c -> c.claim);
    }

    private void requireNoContradictingFinding(VersionRef version) {
        for (ProvenanceView.FindingNote f : findings(version.id())) {
            if (f.contradictsSelfDeveloped()) {
                throw new DomainException(ErrorCode.FINDING_OPEN, version.fullName() + " cannot claim SELF_DEVELOPED: "
                        + "its weights closely match " + (f.matchedVersion() != null ? f.matchedVersion() : "a model")
                        + " of '" + f.matchedOwner() + "' (score " + String.format(Locale.ROOT, "%.3f", f.score())
                        + "), outside its declared lineage; provenance finding " + f.id() + " is " + f.status());
            }
        }
    }

    /** Findings are for the owner, regulators in its jurisdictions and admins, even on a public model. */
    private static boolean seesFindings(Caller caller, VersionRef version) {
        var owner = version.model().owner();
        return caller.isAdmin() || caller.belongsTo(owner)
                || (caller.isRegulator() && caller.org().map(r -> r.sharesJurisdictionWith(owner)).orElse(false));
    }

    private List<ProvenanceView.FindingNote> findings(UUID versionId) {
        List<ProvenanceView.FindingNote> all = new ArrayList<>();
        evidence.forEach(e -> all.addAll(e.findingsOf(versionId)));
        return all;
    }

    /** An ancestor with the licences (entitlement ids; null for a draft's unlicensed edge) it was used under. */
    private record Reached(VersionRef ref, Set<UUID> licences, boolean unlicensedUse) {
    }

    private record Computed(ProvenanceClass provenanceClass, Map<UUID, Reached> ancestors, String foreignExample) {
        String reason() {
            return foreignExample == null ? "" : ": it derives from " + foreignExample;
        }
    }

    private Computed compute(VersionRef version) {
        UUID self = version.model().owner().id();
        Map<UUID, VersionRef> refs = new HashMap<>();
        refs.put(version.id(), version);
        // state: version id -> the licences governing it on the paths found so far (null = no licence yet)
        Map<UUID, Set<UUID>> governing = new LinkedHashMap<>();
        Map<UUID, Boolean> unlicensed = new HashMap<>();
        Set<State> seen = new HashSet<>();
        List<State> frontier = new ArrayList<>(List.of(new State(version.id(), null)));
        while (!frontier.isEmpty()) {
            Map<UUID, List<State>> byChild = new HashMap<>();
            frontier.forEach(s -> byChild.computeIfAbsent(s.version, k -> new ArrayList<>()).add(s));
            List<State> next = new ArrayList<>();
            for (LineageEdgeEntity edge : lineage.parentEdges(byChild.keySet())) {
                VersionRef child = refs.computeIfAbsent(edge.childId, versions::ref);
                VersionRef parent = refs.computeIfAbsent(edge.parentId, versions::ref);
                boolean crossesOrg = !Objects.equals(child.model().owner().id(), parent.model().owner().id());
                for (State s : byChild.get(edge.childId)) {
                    UUID licence = crossesOrg ? edge.entitlementId : s.licence;
                    boolean missing = crossesOrg && edge.entitlementId == null;
                    State reached = new State(edge.parentId, licence);
                    if (seen.add(reached)) {
                        next.add(reached);
                    }
                    governing.computeIfAbsent(edge.parentId, k -> new LinkedHashSet<>());
                    if (licence != null) {
                        governing.get(edge.parentId).add(licence);
                    }
                    if (missing || (licence == null && !parent.model().owner().id().equals(self))) {
                        unlicensed.put(edge.parentId, true);
                    }
                }
            }
            frontier = next;
        }
        Map<UUID, Reached> ancestors = new LinkedHashMap<>();
        ProvenanceClass result = ProvenanceClass.SELF_DEVELOPED;
        String example = null;
        for (var entry : governing.entrySet()) {
            VersionRef ref = refs.get(entry.getKey());
            boolean noLicence = unlicensed.getOrDefault(entry.getKey(), false);
            ancestors.put(entry.getKey(), new Reached(ref, entry.getValue(), noLicence));
            if (ref.model().owner().id().equals(self)) {
                continue;
            }
            boolean allOpen = !noLicence && !entry.getValue().isEmpty()
                    && entry.getValue().stream().allMatch(id -> entitlements.licence(id).isOpen());
            if (!allOpen) {
                result = ProvenanceClass.DERIVED_FROM_LICENSED;
                example = ref.fullName() + " of '" + ref.model().owner().slug() + "'";
            } else if (result == ProvenanceClass.SELF_DEVELOPED) {
                result = ProvenanceClass.DERIVED_FROM_OPEN;
                example = ref.fullName() + " of '" + ref.model().owner().slug() + "'";
            }
        }
        return new Computed(result, ancestors, example);
    }

    private record State(UUID version, UUID licence) {
    }

    private ProvenanceView view(Caller caller, VersionRef version, Computed computed) {
        UUID self = version.model().owner().id();
        List<ProvenanceView.Ancestor> ancestors = computed.ancestors().values().stream().map(a -> {
            boolean readable = versions.canRead(caller, a.ref());
            List<ProvenanceView.LicenceUse> uses = new ArrayList<>();
            for (UUID id : a.licences()) {
                Licence l = entitlements.licence(id);
                uses.add(new ProvenanceView.LicenceUse(id.toString(), l.grantor(), l.offerTitle(), l.spdxId(),
                        l.licenceTextDigest(), l.isOpen()));
            }
            return new ProvenanceView.Ancestor(readable ? a.ref().fullName() : null,
                    a.ref().model().owner().slug(), !a.ref().model().owner().id().equals(self), uses);
        }).toList();
        ClaimEntity claim = claims.findById(version.id());
        ProvenanceView.ClaimView claimView = claim == null ? null
                : new ProvenanceView.ClaimView(claim.claim, claim.statement, claim.createdAt.toString(),
                        claim.suspendedAt == null ? null : claim.suspendedAt.toString(), claim.suspendedReason);
        return new ProvenanceView(version.fullName(), version.model().owner().slug(), computed.provenanceClass(),
                version.status() != VersionStatus.DRAFT,
                ancestors, claimView, seesFindings(caller, version) ? findings(version.id()) : List.of());
    }
}
