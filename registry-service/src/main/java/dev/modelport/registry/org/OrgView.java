package dev.modelport.registry.org;

import java.time.Instant;
import java.util.Collections;
import java.util.Set;
import java.util.UUID;

/** What other features may know of an organisation: an immutable value, never the entity. */
public record OrgView(UUID id, String slug, String name, OrgKind kind, Set<String> jurisdictions, Instant createdAt) {

    public OrgView {
        jurisdictions = Set.copyOf(jurisdictions);
    }

    public boolean sharesJurisdictionWith(OrgView other) {
        return !Collections.disjoint(jurisdictions, other.jurisdictions);
    }
}
