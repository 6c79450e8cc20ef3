package dev.modelport.registry.compliance;

import dev.modelport.registry.audit.AuditLog;
import dev.modelport.registry.catalog.VersionName;
import dev.modelport.registry.catalog.VersionRef;
import dev.modelport.registry.catalog.VersionService;
import dev.modelport.registry.common.paging.Cursor;
import dev.modelport.registry.common.paging.Page;
import dev.modelport.registry.common.problem.DomainException;
import dev.modelport.registry.common.problem.ErrorCode;
import dev.modelport.registry.org.OrgView;
import dev.modelport.registry.tenancy.Caller;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

/**
 * The write side of compliance holds: a regulator suspends a model version in its jurisdiction, and lifts the hold
 * again. Each change is a signed regulator-action statement in the transparency log and an audit event, in the
 * transaction that makes it.
 *
 * <p>After each change this service fires {@link HoldsChanged} <em>inside</em> the transaction. Observers must
 * declare {@code @Observes(during = TransactionPhase.AFTER_SUCCESS)}: CDI then delivers the event only once the
 * change has committed, and never for a change that rolled back. (A plain {@code @Observes} would run at once,
 * inside our transaction, and see uncommitted state.)
 */
@ApplicationScoped
public class ComplianceService {

    @Inject
    ComplianceHoldRepository holds;

    @Inject
    HoldLedger ledger;

    @Inject
    VersionService versions;

    @Inject
    AuditLog audit;

    @Inject
    Event<HoldsChanged> changed;

    @Inject
    dev.modelport.registry.distribution.ChangeFeed feed;

    @Transactional
    public HoldView place(Caller caller, VersionName name, String jurisdiction, String reason) {
        OrgView regulator = requireRegulatorOf(caller, jurisdiction);
        requireReason(reason);
        VersionRef version = versions.readableRef(caller, name.owner(), name.model(), name.version());
        if (!version.status().isReleased()) {
            throw new DomainException(ErrorCode.INVALID_TRANSITION, version.fullName() + " is " + version.status()
                    + "; only released versions reach devices and can be held");
        }
        if (holds.activeExists(version.id(), jurisdiction)) {
            throw new DomainException(ErrorCode.HOLD_EXISTS, version.fullName() + " is already held in "
                    + jurisdiction + "; lift that hold first to place another");
        }
        ComplianceHoldEntity hold = new ComplianceHoldEntity();
        hold.id = UUID.randomUUID();
        hold.versionId = version.id();
        hold.jurisdiction = jurisdiction;
        hold.reason = reason.strip();
        hold.placedBy = caller.username();
        hold.placedAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
        holds.persistAndFlush(hold);
        hold.placeLogIndex = ledger.record(view(hold, version), regulator.slug(), HoldLedger.HOLD, hold.reason,
                hold.placedAt).index();
        HoldView after = view(hold, version);
        audit.record(caller, version.model().owner(), "hold.placed", "version", version.fullName(), null, after);
        feed.publish(dev.modelport.registry.distribution.RemoteChange.HOLDS);
        changed.fire(new HoldsChanged());
        return after;
    }

    @Transactional
    public HoldView lift(Caller caller, UUID id, String reason) {
        ComplianceHoldEntity hold = readable(caller, id);
        OrgView regulator = requireRegulatorOf(caller, hold.jurisdiction);
        requireReason(reason);
        if (hold.liftedAt != null) {
            throw new DomainException(ErrorCode.INVALID_TRANSITION, "hold " + id + " was lifted at " + hold.liftedAt);
        }
        VersionRef version = versions.ref(hold.versionId);
        HoldView before = view(hold, version);
        hold.liftedBy = caller.username();
        hold.liftedAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
        hold.liftReason = reason.strip();
        hold.liftLogIndex = ledger.record(view(hold, version), regulator.slug(), HoldLedger.LIFT, hold.liftReason,
                hold.liftedAt).index();
        HoldView after = view(hold, version);
        audit.record(caller, version.model().owner(), "hold.lifted", "version", version.fullName(), before, after);
        feed.publish(dev.modelport.registry.distribution.RemoteChange.HOLDS);
        changed.fire(new HoldsChanged());
        return after;
    }

    @Transactional
    public HoldView get(Caller caller, UUID id) {
        ComplianceHoldEntity hold = readable(caller, id);
        return view(hold, versions.ref(hold.versionId));
    }

    /** Holds the caller may see: regulators those of their jurisdictions, owners those on their versions. */
    @Transactional
    public Page<HoldView> list(Caller caller, String jurisdiction, VersionName version, boolean activeOnly,
                               String cursor, int limit) {
        UUID versionId = version == null ? null
                : versions.readableRef(caller, version.owner(), version.model(), version.version()).id();
        UUID owner = caller.org().map(OrgView::id).orElse(null);
        List<ComplianceHoldEntity> rows = holds.page(Cursor.afterId(cursor), caller.isAdmin(),
                regulatedBy(caller), owner, new HoldFilter(jurisdiction, versionId, activeOnly), limit + 1);
        return Page.of(rows, limit, h -> h.id.toString()).map(h -> view(h, versions.ref(h.versionId)));
    }

    /** Every hold, active or lifted, on a version; no tenancy check (dossiers and views apply their own). */
    @Transactional
    public List<HoldView> ofVersion(UUID versionId) {
        VersionRef version = versions.ref(versionId);
        return holds.ofVersion(versionId).stream().map(h -> view(h, version)).toList();
    }

    /** Every hold, active or lifted, in a jurisdiction, oldest first; no tenancy check. */
    @Transactional
    public List<HoldView> inJurisdiction(String jurisdiction) {
        return holds.inJurisdiction(jurisdiction).stream().map(h -> view(h, versions.ref(h.versionId))).toList();
    }

    /** Every version with a hold (active or lifted) in a jurisdiction, mapped to the ids of its active holds. */
    @Transactional
    public Map<UUID, List<UUID>> heldIn(String jurisdiction) {
        Map<UUID, List<UUID>> held = new LinkedHashMap<>();
        for (ComplianceHoldEntity h : holds.inJurisdiction(jurisdiction)) {
            List<UUID> active = held.computeIfAbsent(h.versionId, k -> new ArrayList<>());
            if (h.liftedAt == null) {
                active.add(h.id);
            }
        }
        return held;
    }

    private ComplianceHoldEntity readable(Caller caller, UUID id) {
        ComplianceHoldEntity hold = holds.findById(id);
        if (hold == null) {
            throw DomainException.notFound("hold " + id);
        }
        boolean regulator = regulatedBy(caller).contains(hold.jurisdiction);
        boolean owner = caller.org().map(o -> versions.ref(hold.versionId).model().owner().id().equals(o.id()))
                .orElse(false);
        if (!regulator && !owner && !caller.isAdmin()) {
            throw DomainException.notFound("hold " + id);
        }
        return hold;
    }

    private static Set<String> regulatedBy(Caller caller) {
        return caller.isRegulator() ? caller.org().map(OrgView::jurisdictions).orElse(Set.of()) : Set.of();
    }

    private static OrgView requireRegulatorOf(Caller caller, String jurisdiction) {
        Set<String> mine = regulatedBy(caller);
        if (!mine.contains(jurisdiction)) {
            throw DomainException.forbidden("only a regulator of " + jurisdiction + " places or lifts holds there"
                    + (mine.isEmpty() ? "" : "; you regulate " + new TreeSet<>(mine)));
        }
        return caller.org().orElseThrow();
    }

    private static void requireReason(String reason) {
        if (reason == null || reason.isBlank()) {
            throw new DomainException(ErrorCode.VALIDATION_FAILED, "a hold or lift needs a reason");
        }
    }

    private static HoldView view(ComplianceHoldEntity h, VersionRef version) {
        return new HoldView(h.id, version.fullName(), h.jurisdiction, h.reason, h.placedBy, h.placedAt,
                h.placeLogIndex, h.liftedAt == null, h.liftedBy, h.liftedAt, h.liftReason, h.liftLogIndex);
    }
}
