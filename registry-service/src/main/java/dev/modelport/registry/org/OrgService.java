package dev.modelport.registry.org;

import dev.modelport.registry.audit.AuditLog;
import dev.modelport.registry.common.paging.Cursor;
import dev.modelport.registry.common.paging.Page;
import dev.modelport.registry.common.problem.DomainException;
import dev.modelport.registry.common.problem.ErrorCode;
import dev.modelport.registry.tenancy.Caller;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

@ApplicationScoped
public class OrgService {

    @Inject
    OrgRepository orgs;

    @Inject
    AuditLog audit;

    @Transactional
    public OrgView create(Caller caller, String slug, String name, OrgKind kind, Set<String> jurisdictions) {
        if (orgs.findBySlug(slug).isPresent()) {
            throw new DomainException(ErrorCode.DUPLICATE_SLUG, "an organisation with slug '" + slug + "' exists");
        }
        OrgEntity org = new OrgEntity();
        org.id = UUID.randomUUID();
        org.slug = slug;
        org.name = name;
        org.kind = kind;
        org.jurisdictions = new TreeSet<>(jurisdictions);
        org.createdAt = Instant.now();
        org.updatedAt = org.createdAt;
        orgs.persistAndFlush(org);
        OrgView view = org.view();
        audit.record(caller, view, "org.created", "org", slug, null, view);
        return view;
    }

    @Transactional
    public OrgView update(Caller caller, String slug, String name, Set<String> jurisdictions) {
        OrgEntity org = orgs.findBySlug(slug).orElseThrow(() -> DomainException.notFound("organisation " + slug));
        OrgView before = org.view();
        org.name = name;
        org.jurisdictions.clear();
        org.jurisdictions.addAll(jurisdictions);
        org.updatedAt = Instant.now();
        OrgView after = org.view();
        audit.record(caller, after, "org.updated", "org", slug, before, after);
        return after;
    }

    @Transactional
    public Optional<OrgView> find(String slug) {
        return orgs.findBySlug(slug).map(OrgEntity::view);
    }

    public OrgView get(String slug) {
        return find(slug).orElseThrow(() -> DomainException.notFound("organisation " + slug));
    }

    @Transactional
    public OrgView get(UUID id) {
        return orgs.findByIdOptional(id).map(OrgEntity::view)
                .orElseThrow(() -> DomainException.notFound("organisation " + id));
    }

    @Transactional
    public Page<OrgView> list(String cursor, int limit) {
        List<OrgView> rows = orgs.pageAfter(Cursor.decode(cursor), limit + 1).stream().map(OrgEntity::view).toList();
        return Page.of(rows, limit, OrgView::slug);
    }

    /** The organisations a regulator of {@code codes} may look into. */
    @Transactional
    public List<UUID> idsInJurisdictions(Set<String> codes) {
        return codes.isEmpty() ? List.of() : orgs.idsInJurisdictions(codes);
    }
}
