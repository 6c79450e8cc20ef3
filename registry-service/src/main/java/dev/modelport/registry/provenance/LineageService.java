package dev.modelport.registry.provenance;

import dev.modelport.registry.audit.AuditLog;
import dev.modelport.registry.catalog.ModelKind;
import dev.modelport.registry.catalog.ModelService;
import dev.modelport.registry.catalog.PublicationGuard;
import dev.modelport.registry.catalog.VersionName;
import dev.modelport.registry.catalog.VersionRef;
import dev.modelport.registry.catalog.VersionService;
import dev.modelport.registry.catalog.VersionStatus;
import dev.modelport.registry.common.problem.DomainException;
import dev.modelport.registry.common.problem.ErrorCode;
import dev.modelport.registry.licensing.EntitlementService;
import dev.modelport.registry.licensing.Licence;
import dev.modelport.registry.tenancy.Caller;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Lineage: which versions a version was made from. Declared on a draft, checked again and frozen at publication,
 * when every parent of another organisation must be covered by an active entitlement allowing the relation.
 * The graph is a DAG; a declaration that would close a cycle is refused.
 */
@ApplicationScoped
public class LineageService implements PublicationGuard {

    static final int MAX_PARENTS = 32;

    @Inject
    LineageRepository edges;

    @Inject
    VersionService versions;

    @Inject
    ModelService models;

    @Inject
    EntitlementService entitlements;

    @Inject
    AuditLog audit;

    /** A declared parent: {@code owner/model@version} and how the child was made from it. */
    public record ParentDeclaration(VersionName parent, Relation relation) {
    }

    /** Replaces the parents of a draft version. */
    @Transactional
    public LineageView declare(Caller caller, String owner, String model, String label,
                               List<ParentDeclaration> parents) {
        models.writable(caller, owner, model);
        VersionRef child = versions.readableRef(caller, owner, model, label);
        if (child.status() != VersionStatus.DRAFT) {
            throw new DomainException(ErrorCode.VERSION_IMMUTABLE, child.fullName() + " is " + child.status()
                    + "; its lineage is fixed");
        }
        if (parents.size() > MAX_PARENTS) {
            throw new DomainException(ErrorCode.VALIDATION_FAILED, "at most " + MAX_PARENTS + " parents");
        }
        Map<UUID, Relation> declared = new LinkedHashMap<>();
        for (ParentDeclaration p : parents) {
            VersionRef parent = versions.readableRef(caller, p.parent().owner(), p.parent().model(),
                    p.parent().version());
            if (parent.id().equals(child.id())) {
                throw new DomainException(ErrorCode.LINEAGE_CYCLE, child.fullName() + " cannot be its own parent");
            }
            if (declared.put(parent.id(), p.relation()) != null) {
                throw new DomainException(ErrorCode.VALIDATION_FAILED, parent.fullName() + " is listed twice");
            }
            if (ancestorsOf(parent.id()).contains(child.id())) {
                throw new DomainException(ErrorCode.LINEAGE_CYCLE, "declaring " + parent.fullName() + " as parent of "
                        + child.fullName() + " would make a cycle: " + parent.fullName() + " descends from "
                        + child.fullName());
            }
        }
        LineageView before = graph(caller, child);
        edges.delete("childId", child.id());
        edges.flush();
        declared.forEach((parentId, relation) -> {
            LineageEdgeEntity edge = new LineageEdgeEntity();
            edge.childId = child.id();
            edge.parentId = parentId;
            edge.relation = relation;
            edges.persist(edge);
        });
        edges.flush();
        LineageView after = graph(caller, child);
        audit.record(caller, child.model().owner(), "lineage.declared", "version", child.fullName(),
                before.edges(), after.edges());
        return after;
    }

    /**
     * At publication: a derived model needs parents; every parent must be released; a parent of another
     * organisation needs an entitlement of the child's owner that allows the relation now. The licence found is
     * written onto the edge, so the provenance of a published version never changes.
     */
    @Override
    public void beforePublish(Caller caller, VersionRef child) {
        List<LineageEdgeEntity> parents = edges.parentsOf(child.id());
        if (parents.isEmpty() && child.model().kind() != ModelKind.BASE) {
            throw new DomainException(ErrorCode.LINEAGE_REQUIRED, child.model().fullName() + " is a "
                    + child.model().kind() + " model: declare the versions it was made from (PUT .../lineage) "
                    + "before publishing");
        }
        for (LineageEdgeEntity edge : parents) {
            VersionRef parent = versions.ref(edge.parentId);
            if (!parent.status().isReleased()) {
                throw new DomainException(ErrorCode.PARENT_NOT_PUBLISHED, "parent " + parent.fullName() + " is "
                        + parent.status() + "; only published versions can be built upon");
            }
            if (parent.model().owner().id().equals(child.model().owner().id())) {
                edge.entitlementId = null;
                edge.spdxId = null;
                edge.licenceDigest = null;
                continue;
            }
            Licence licence = entitlements.requireCoverage(child.model().owner(), parent, edge.relation.right(),
                    "publishing " + child.fullName() + " as a " + edge.relation + " of " + parent.fullName());
            edge.entitlementId = licence.entitlementId();
            edge.spdxId = licence.spdxId();
            edge.licenceDigest = licence.licenceTextDigest();
        }
    }

    @Transactional
    public LineageView graph(Caller caller, String owner, String model, String label) {
        return graph(caller, versions.readableRef(caller, owner, model, label));
    }

    private LineageView graph(Caller caller, VersionRef root) {
        Map<UUID, String> roles = new LinkedHashMap<>();
        roles.put(root.id(), "SELF");
        List<LineageEdgeEntity> all = new ArrayList<>();
        walk(root.id(), true, roles, all);
        walk(root.id(), false, roles, all);
        Map<UUID, VersionRef> refs = new HashMap<>();
        Set<UUID> visible = new HashSet<>();
        for (UUID id : roles.keySet()) {
            VersionRef ref = id.equals(root.id()) ? root : versions.ref(id);
            refs.put(id, ref);
            if (id.equals(root.id()) || versions.canRead(caller, ref)) {
                visible.add(id);
            }
        }
        List<LineageView.Node> nodes = roles.entrySet().stream().filter(e -> visible.contains(e.getKey()))
                .map(e -> {
                    VersionRef ref = refs.get(e.getKey());
                    return new LineageView.Node(ref.fullName(), ref.model().owner().slug(), ref.status().name(),
                            ref.model().kind().name(), e.getValue());
                }).toList();
        List<LineageView.Edge> edgeViews = all.stream()
                .filter(e -> visible.contains(e.childId) && visible.contains(e.parentId))
                .map(e -> new LineageView.Edge(refs.get(e.childId).fullName(), refs.get(e.parentId).fullName(),
                        e.relation, e.entitlementId == null ? null : e.entitlementId.toString()))
                .toList();
        return new LineageView(root.fullName(), nodes, edgeViews, roles.size() - visible.size());
    }

    /** Breadth-first over parents ({@code up}) or children, one query per generation. */
    private void walk(UUID start, boolean up, Map<UUID, String> roles, List<LineageEdgeEntity> collected) {
        Set<UUID> seen = new HashSet<>(Set.of(start));
        Set<UUID> frontier = Set.of(start);
        while (!frontier.isEmpty()) {
            List<LineageEdgeEntity> found = up ? edges.parentsOf(frontier) : edges.childrenOf(frontier);
            Set<UUID> next = new HashSet<>();
            for (LineageEdgeEntity edge : found) {
                collected.add(edge);
                UUID other = up ? edge.parentId : edge.childId;
                if (seen.add(other)) {
                    next.add(other);
                    roles.putIfAbsent(other, up ? "ANCESTOR" : "DESCENDANT");
                }
            }
            frontier = next;
        }
    }

    /**
     * Every edge above {@code versionId} (its parents, their parents, ...), sorted, with owners and licences. No
     * tenancy check: the dossier shows the whole ancestry to whoever may read the version's dossier.
     */
    @Transactional
    public List<AncestryEdge> ancestry(UUID versionId) {
        Map<UUID, String> roles = new LinkedHashMap<>();
        List<LineageEdgeEntity> found = new ArrayList<>();
        walk(versionId, true, roles, found);
        Map<UUID, VersionRef> refs = new HashMap<>();
        return found.stream().map(e -> {
            VersionRef child = refs.computeIfAbsent(e.childId, versions::ref);
            VersionRef parent = refs.computeIfAbsent(e.parentId, versions::ref);
            return new AncestryEdge(child.fullName(), child.model().owner().slug(), parent.fullName(),
                    parent.model().owner().slug(), e.relation, e.entitlementId == null ? null
                    : e.entitlementId.toString(), e.spdxId, e.licenceDigest);
        }).sorted(java.util.Comparator.comparing(AncestryEdge::child).thenComparing(AncestryEdge::parent)).toList();
    }

    /** Every ancestor id of {@code start}. */
    Set<UUID> ancestorsOf(UUID start) {
        Set<UUID> seen = new HashSet<>();
        Deque<UUID> frontier = new ArrayDeque<>(List.of(start));
        while (!frontier.isEmpty()) {
            for (LineageEdgeEntity edge : edges.parentsOf(frontier.pop())) {
                if (seen.add(edge.parentId)) {
                    frontier.push(edge.parentId);
                }
            }
        }
        return seen;
    }

    /** The direct parents of a version (for builds: where a licence boundary is crossed). */
    @Transactional
    public List<UUID> parents(UUID child) {
        return edges.parentsOf(child).stream().map(e -> e.parentId).toList();
    }

    /**
     * Every version in the declared lineage of {@code version}: its ancestors and its descendants (for weight
     * fingerprints, a match with any of them is expected, not a finding).
     */
    @Transactional
    public Set<UUID> relatives(UUID version) {
        Map<UUID, String> roles = new LinkedHashMap<>();
        walk(version, true, roles, new ArrayList<>());
        walk(version, false, roles, new ArrayList<>());
        return Set.copyOf(roles.keySet());
    }

    /** Parent edges of a set of versions, for the provenance walk. */
    List<LineageEdgeEntity> parentEdges(Set<UUID> children) {
        return edges.parentsOf(children);
    }
}
