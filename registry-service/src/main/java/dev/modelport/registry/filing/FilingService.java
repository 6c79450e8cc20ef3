package dev.modelport.registry.filing;

import dev.modelport.registry.audit.AuditLog;
import dev.modelport.registry.catalog.VersionName;
import dev.modelport.registry.catalog.VersionRef;
import dev.modelport.registry.catalog.VersionService;
import dev.modelport.registry.catalog.VersionStatus;
import dev.modelport.registry.common.paging.Cursor;
import dev.modelport.registry.common.paging.Page;
import dev.modelport.registry.common.problem.DomainException;
import dev.modelport.registry.common.problem.ErrorCode;
import dev.modelport.registry.distribution.DistributionEpoch;
import dev.modelport.registry.org.OrgService;
import dev.modelport.registry.org.OrgView;
import dev.modelport.registry.tenancy.AccessPolicy;
import dev.modelport.registry.tenancy.Caller;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

/**
 * Filings. The filer records them for its own versions in a jurisdiction it operates in; only a regulator of the
 * filing's jurisdiction decides on them. A filing is read by its filer, by regulators of its jurisdiction and by
 * admins; to anyone else it does not exist.
 */
@ApplicationScoped
public class FilingService {

    /** Filings gate distribution: every decision moves the check-in snapshots of all instances at once. */
    @Inject
    DistributionEpoch epoch;

    @Inject
    FilingLedger ledger;

    @Inject
    FilingRepository filings;

    @Inject
    VersionService versions;

    @Inject
    OrgService orgs;

    @Inject
    AccessPolicy access;

    @Inject
    AuditLog audit;

    @Inject
    FilingDecisionRepository decisions;

    @Transactional
    public FilingView file(Caller caller, OrgView filer, String jurisdiction, String number,
                           List<VersionName> covered) {
        access.requireWrite(caller, filer);
        if (!filer.jurisdictions().contains(jurisdiction)) {
            throw new DomainException(ErrorCode.VALIDATION_FAILED, "organisation '" + filer.slug()
                    + "' does not operate in " + jurisdiction + "; it operates in " + filer.jurisdictions());
        }
        if (filings.numberTaken(jurisdiction, number)) {
            throw new DomainException(ErrorCode.DUPLICATE_SLUG, "filing number " + number + " exists already in "
                    + jurisdiction);
        }
        Set<UUID> versionIds = new LinkedHashSet<>();
        for (VersionName name : covered) {
            VersionRef ref = versions.readableRef(caller, name.owner(), name.model(), name.version());
            if (!ref.model().owner().id().equals(filer.id())) {
                throw new DomainException(ErrorCode.VALIDATION_FAILED, ref.fullName()
                        + " belongs to another organisation; a filing covers the filer's own versions");
            }
            if (ref.status() == VersionStatus.DRAFT) {
                throw new DomainException(ErrorCode.VALIDATION_FAILED, ref.fullName()
                        + " is a draft; publish it before filing it");
            }
            versionIds.add(ref.id());
        }
        FilingEntity filing = new FilingEntity();
        filing.id = UUID.randomUUID();
        filing.organisationId = filer.id();
        filing.jurisdiction = jurisdiction;
        filing.filingNumber = number;
        filing.status = FilingStatus.SUBMITTED;
        filing.versionIds = versionIds;
        filing.createdBy = caller.username();
        filing.createdAt = Instant.now();
        filing.updatedAt = filing.createdAt;
        filings.persistAndFlush(filing);
        FilingView view = logged(filing);
        audit.record(caller, filer, "filing.submitted", "filing", filing.id.toString(), null, view);
        return view;
    }

    @Transactional
    public FilingView get(Caller caller, UUID id) {
        return view(readable(caller, id));
    }

    @Transactional
    public Page<FilingView> list(Caller caller, String cursor, int limit) {
        List<UUID> ownOrgs = caller.org().map(o -> List.of(o.id())).orElse(List.of());
        Set<String> jurisdictions = caller.isRegulator()
                ? caller.org().map(OrgView::jurisdictions).orElse(Set.of()) : Set.of();
        List<FilingEntity> rows = filings.page(Cursor.afterId(cursor), caller.isAdmin(), ownOrgs, jurisdictions,
                limit + 1);
        return Page.of(rows, limit, f -> f.id.toString()).map(this::view);
    }

    /**
     * A regulator's decision: SUBMITTED becomes APPROVED or REJECTED; APPROVED may be SUSPENDED, and a suspension
     * lifted back to APPROVED. The reason is mandatory. The decision is logged twice in the same transaction: as the
     * regulator's signed action and as the filing record it produces; if anything fails, neither is kept.
     */
    @Transactional
    public FilingView decide(Caller caller, UUID id, FilingStatus decision, String reason) {
        if (reason == null || reason.isBlank()) {
            throw new DomainException(ErrorCode.VALIDATION_FAILED, "a decision needs a reason: say why the filing is "
                    + decision);
        }
        FilingEntity filing = readable(caller, id);
        OrgView regulator = caller.org().filter(o -> caller.isRegulator()
                && o.jurisdictions().contains(filing.jurisdiction)).orElseThrow(() -> DomainException.forbidden(
                        "only a regulator of " + filing.jurisdiction + " decides on this filing"));
        boolean allowed = switch (decision) {
            case APPROVED -> filing.status == FilingStatus.SUBMITTED || filing.status == FilingStatus.SUSPENDED;
            case REJECTED -> filing.status == FilingStatus.SUBMITTED;
            case SUSPENDED -> filing.status == FilingStatus.APPROVED;
            case SUBMITTED, WITHDRAWN -> false;
        };
        if (!allowed) {
            throw new DomainException(ErrorCode.INVALID_TRANSITION, "a " + filing.status
                    + " filing cannot become " + decision);
        }
        FilingView before = view(filing);
        filing.status = decision;
        filing.decidedBy = caller.username();
        filing.decisionNote = reason.strip();
        filing.decidedAt = Instant.now();
        filing.updatedAt = filing.decidedAt;
        long actionIndex = ledger.recordDecision(view(filing), regulator.slug(), filing.decisionNote).index();
        FilingView after = logged(filing);
        FilingDecisionEntity row = new FilingDecisionEntity();
        row.id = UUID.randomUUID();
        row.filingId = filing.id;
        row.decision = decision;
        row.reason = filing.decisionNote;
        row.decidedBy = filing.decidedBy;
        row.decidedAt = filing.decidedAt;
        row.actionLogIndex = actionIndex;
        row.recordLogIndex = after.logIndex();
        decisions.persist(row);
        audit.record(caller, orgs.get(filing.organisationId), "filing." + decision.name().toLowerCase(), "filing",
                id.toString(), before, after);
        epoch.bump("filing " + id + " " + decision);
        return after;
    }

    /**
     * The regulator's work queue: filings of the caller's jurisdictions in {@code status} (default SUBMITTED),
     * oldest first, optionally narrowed to one jurisdiction and one filer.
     */
    @Transactional
    public Page<FilingView> queue(Caller caller, FilingQueueFilter filter, String cursor, int limit) {
        Set<String> mine = caller.isRegulator() ? caller.org().map(OrgView::jurisdictions).orElse(Set.of()) : Set.of();
        if (mine.isEmpty()) {
            throw DomainException.forbidden("the filing queue is for regulators of a jurisdiction");
        }
        if (filter.jurisdiction() != null && !mine.contains(filter.jurisdiction())) {
            throw DomainException.forbidden("you regulate " + new TreeSet<>(mine) + ", not " + filter.jurisdiction());
        }
        Set<String> jurisdictions = filter.jurisdiction() != null ? Set.of(filter.jurisdiction()) : mine;
        UUID filerId = filter.filer() == null ? null : orgs.find(filter.filer()).map(OrgView::id)
                .orElseThrow(() -> new DomainException(ErrorCode.VALIDATION_FAILED, "no organisation '"
                        + filter.filer() + "'"));
        FilingStatus status = filter.status() == null ? FilingStatus.SUBMITTED : filter.status();
        List<FilingEntity> rows = filings.queue(jurisdictions, status, filerId, QueueCursor.decode(cursor),
                limit + 1);
        return Page.of(rows, limit, f -> QueueCursor.key(f.createdAt, f.id)).map(this::view);
    }

    @Transactional
    public FilingView withdraw(Caller caller, UUID id) {
        FilingEntity filing = readable(caller, id);
        OrgView filer = orgs.get(filing.organisationId);
        access.requireWrite(caller, filer);
        if (filing.status == FilingStatus.WITHDRAWN || filing.status == FilingStatus.REJECTED) {
            throw new DomainException(ErrorCode.INVALID_TRANSITION, "a " + filing.status
                    + " filing cannot be withdrawn");
        }
        FilingView before = view(filing);
        filing.status = FilingStatus.WITHDRAWN;
        filing.updatedAt = Instant.now();
        FilingView after = logged(filing);
        audit.record(caller, filer, "filing.withdrawn", "filing", id.toString(), before, after);
        epoch.bump("filing " + id + " withdrawn");
        return after;
    }

    private FilingEntity readable(Caller caller, UUID id) {
        FilingEntity filing = filings.findById(id);
        if (filing == null) {
            throw DomainException.notFound("filing " + id);
        }
        boolean filer = caller.org().map(o -> o.id().equals(filing.organisationId)).orElse(false);
        boolean regulator = caller.isRegulator()
                && caller.org().map(o -> o.jurisdictions().contains(filing.jurisdiction)).orElse(false);
        if (!filer && !regulator && !caller.isAdmin()) {
            throw DomainException.notFound("filing " + id);
        }
        return filing;
    }

    /** Appends the filing as it now stands to the transparency log, and returns its view with the log index. */
    private FilingView logged(FilingEntity filing) {
        filing.logIndex = ledger.record(view(filing)).index();
        return view(filing);
    }

    FilingView view(FilingEntity f) {
        List<String> names = f.versionIds.stream().map(id -> versions.ref(id).fullName()).sorted().toList();
        return new FilingView(f.id, orgs.get(f.organisationId).slug(), f.jurisdiction, f.filingNumber, f.status,
                names, f.decidedBy, f.decisionNote, f.decidedAt, f.createdAt, f.updatedAt, f.logIndex);
    }
}
