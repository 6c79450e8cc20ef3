package dev.modelport.registry.tenancy;

import dev.modelport.registry.common.problem.DomainException;
import dev.modelport.registry.common.problem.ErrorCode;
import dev.modelport.registry.org.OrgService;
import dev.modelport.registry.org.OrgView;
import io.quarkus.security.UnauthorizedException;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import java.util.Optional;
import org.eclipse.microprofile.jwt.JsonWebToken;

/** Resolves the caller of the current request once, from the verified token. */
@RequestScoped
public class CallerResolver {

    /** The token claim naming the organisation a user acts for (a Keycloak user attribute, see the realm file). */
    public static final String ORG_CLAIM = "org";

    @Inject
    SecurityIdentity identity;

    @Inject
    OrgService orgs;

    private Caller caller;

    public Caller current() {
        if (caller == null) {
            caller = resolve();
        }
        return caller;
    }

    /** The caller's organisation, which every write needs. */
    public OrgView requireOrg() {
        return current().org().orElseThrow(() -> new DomainException(ErrorCode.ORG_NOT_RESOLVED,
                "your token has no '" + ORG_CLAIM + "' claim naming a registered organisation"));
    }

    private Caller resolve() {
        if (identity.isAnonymous()) {
            throw new UnauthorizedException();
        }
        String orgSlug = null;
        String subject = identity.getPrincipal().getName();
        if (identity.getPrincipal() instanceof JsonWebToken jwt) {
            orgSlug = jwt.getClaim(ORG_CLAIM);
            subject = jwt.getSubject() != null ? jwt.getSubject() : subject;
        }
        Optional<OrgView> org = orgSlug == null ? Optional.empty() : orgs.find(orgSlug);
        return new Caller(subject, identity.getPrincipal().getName(), identity.getRoles(), org);
    }
}
