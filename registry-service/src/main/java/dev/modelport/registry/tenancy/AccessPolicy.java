package dev.modelport.registry.tenancy;

import dev.modelport.registry.common.problem.DomainException;
import dev.modelport.registry.org.OrgView;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The one tenancy rule, applied by every feature: an organisation writes only its own objects; a private object is
 * read only by its owner, by regulators of a jurisdiction the owner operates in, and by platform admins.
 */
@ApplicationScoped
public class AccessPolicy {

    public void requireRead(Caller caller, OrgView owner) {
        if (caller.isAdmin() || caller.belongsTo(owner)) {
            return;
        }
        boolean regulatorInScope = caller.isRegulator()
                && caller.org().map(regulator -> regulator.sharesJurisdictionWith(owner)).orElse(false);
        if (!regulatorInScope) {
            throw DomainException.forbidden("this object is private to organisation '" + owner.slug() + "'");
        }
    }

    public void requireWrite(Caller caller, OrgView owner) {
        if (!caller.belongsTo(owner)) {
            throw DomainException.forbidden("only organisation '" + owner.slug() + "' may change this object");
        }
    }
}
