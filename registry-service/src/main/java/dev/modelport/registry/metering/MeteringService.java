package dev.modelport.registry.metering;

import dev.modelport.registry.common.problem.DomainException;
import dev.modelport.registry.licensing.EntitlementMeter;
import dev.modelport.registry.org.OrgService;
import dev.modelport.registry.org.OrgView;
import dev.modelport.registry.tenancy.AccessPolicy;
import dev.modelport.registry.tenancy.Caller;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

/**
 * Activations per entitlement and period, and vendors' royalty statements: activations in a calendar month (UTC)
 * times the royalty per activation the order fixed.
 */
@ApplicationScoped
public class MeteringService {

    public record Activations(UUID entitlement, String holder, String grantor, Long deviceCap, long total,
                              String period, long inPeriod) {
    }

    public record StatementLine(UUID entitlement, String holder, String offer, long activations,
                                String royaltyPerActivation, String currency, String amount) {
    }

    public record RoyaltyStatement(String grantor, String period, Instant from, Instant to,
                                   List<StatementLine> lines, Map<String, String> totals) {
    }

    @Inject
    EntityManager em;

    @Inject
    EntitlementMeter entitlements;

    @Inject
    OrgService orgs;

    @Inject
    AccessPolicy access;

    /** The holder (OEM), the grantor (vendor), regulators and admins by the tenancy rule may read. */
    @Transactional
    public Activations activations(Caller caller, UUID entitlementId, YearMonth period) {
        EntitlementMeter.Terms t = entitlements.terms(entitlementId)
                .orElseThrow(() -> DomainException.notFound("entitlement " + entitlementId));
        OrgView holder = orgs.get(t.holderId());
        OrgView grantor = orgs.get(t.grantorId());
        if (!caller.belongsTo(grantor)) {
            access.requireRead(caller, holder);
        }
        return new Activations(t.entitlementId(), holder.slug(), grantor.slug(), t.deviceCap(), t.activations(),
                period.toString(), count(entitlementId, period));
    }

    @Transactional
    public RoyaltyStatement statement(Caller caller, OrgView grantor, YearMonth period) {
        access.requireRead(caller, grantor);
        Map<String, BigDecimal> totals = new TreeMap<>();
        List<StatementLine> lines = entitlements.grantedBy(grantor.id()).stream().map(t -> {
            long n = count(t.entitlementId(), period);
            BigDecimal amount = t.royaltyPerActivation().multiply(BigDecimal.valueOf(n));
            totals.merge(t.currency(), amount, BigDecimal::add);
            return new StatementLine(t.entitlementId(), orgs.get(t.holderId()).slug(), t.offerTitle(), n,
                    t.royaltyPerActivation().toPlainString(), t.currency(), amount.toPlainString());
        }).filter(l -> l.activations() > 0).toList();
        Map<String, String> shown = new TreeMap<>();
        totals.forEach((currency, sum) -> shown.put(currency, sum.toPlainString()));
        return new RoyaltyStatement(grantor.slug(), period.toString(), start(period), start(period.plusMonths(1)),
                lines, shown);
    }

    private long count(UUID entitlementId, YearMonth period) {
        return ((Number) em.createNativeQuery("SELECT count(*) FROM activation WHERE entitlement_id = ?1 "
                        + "AND activated_at >= ?2 AND activated_at < ?3")
                .setParameter(1, entitlementId).setParameter(2, start(period))
                .setParameter(3, start(period.plusMonths(1))).getSingleResult()).longValue();
    }

    private static Instant start(YearMonth month) {
        return month.atDay(1).atStartOfDay().toInstant(ZoneOffset.UTC);
    }
}
