package dev.modelport.registry.tenancy;

import dev.modelport.registry.org.OrgView;
import java.util.Optional;
import java.util.Set;

/**
 * Who is calling: the token's subject, its realm roles, and the organisation named by its {@code org} claim, which
 * must exist. A caller with no organisation can read public data only.
 */
public record Caller(String subject, String username, Set<String> roles, Optional<OrgView> org) {

    public Caller {
        roles = Set.copyOf(roles);
    }

    public boolean has(String role) {
        return roles.contains(role);
    }

    public boolean isAdmin() {
        return has(Roles.ADMIN);
    }

    public boolean isRegulator() {
        return has(Roles.REGULATOR);
    }

    public boolean belongsTo(OrgView owner) {
        return org.map(o -> o.id().equals(owner.id())).orElse(false);
    }
}
