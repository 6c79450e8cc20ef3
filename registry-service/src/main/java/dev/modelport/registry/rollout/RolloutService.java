package dev.modelport.registry.rollout;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.modelport.registry.audit.AuditLog;
import dev.modelport.registry.common.paging.Cursor;
import dev.modelport.registry.common.paging.Page;
import dev.modelport.registry.common.problem.DomainException;
import dev.modelport.registry.common.problem.ErrorCode;
import dev.modelport.registry.distribution.DistributionEpoch;
import dev.modelport.registry.distribution.Jurisdictions;
import dev.modelport.registry.org.OrgService;
import dev.modelport.registry.org.OrgView;
import dev.modelport.registry.release.ReleaseService;
import dev.modelport.registry.release.ReleaseStatus;
import dev.modelport.registry.release.ReleaseView;
import dev.modelport.registry.tenancy.AccessPolicy;
import dev.modelport.registry.tenancy.Caller;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * Rollouts of releases: start, pause, resume, advance, abort and roll back. Every state change is audited and
 * moves the distribution epoch, so check-ins on every instance follow within the epoch poll (at once on this one).
 */
@ApplicationScoped
public class RolloutService {

    static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    RolloutRepository rollouts;

    @Inject
    ReleaseService releases;

    @Inject
    StageCounts counts;

    @Inject
    OrgService orgs;

    @Inject
    AccessPolicy access;

    @Inject
    AuditLog audit;

    @Inject
    DistributionEpoch epoch;

    @Transactional
    public RolloutView start(Caller caller, RolloutRequest request) {
        ReleaseView release = releases.find(request.release())
                .orElseThrow(() -> DomainException.notFound("release " + request.release()));
        OrgView owner = orgs.get(release.ownerId());
        access.requireWrite(caller, owner);
        if (release.status() != ReleaseStatus.PUBLISHED) {
            throw new DomainException(ErrorCode.RELEASE_NOT_PUBLISHED, "release " + release.id() + " is "
                    + release.status() + ": the OEM has not signed its TUF targets yet");
        }
        checkStages(request.stages());
        Cohort cohort = request.cohort() == null ? new Cohort(null, null, null, null, null) : request.cohort();
        List<String> outside = cohort.regions().stream()
                .filter(r -> !Jurisdictions.covered(Set.copyOf(release.regions()), r)).toList();
        if (!outside.isEmpty()) {
            throw new DomainException(ErrorCode.VALIDATION_FAILED, "cohort.regions " + outside + " are not among "
                    + "the release's regions " + release.regions() + ", for which licence and filings were checked");
        }
        List<RolloutEntity> ofChannel = rollouts.ofChannel(release.channelId());
        ofChannel.stream().filter(r -> r.status.inProgress()).findFirst().ifPresent(r -> {
            throw new DomainException(ErrorCode.ROLLOUT_ACTIVE, "rollout " + r.id + " of this channel is "
                    + r.status + "; complete, abort or roll it back first");
        });
        RolloutEntity previous = ofChannel.stream().filter(r -> r.status == RolloutStatus.COMPLETED).findFirst()
                .orElse(null);
        Instant now = Instant.now();
        RolloutEntity r = new RolloutEntity();
        r.id = UUID.randomUUID();
        r.ownerId = owner.id();
        r.channelId = release.channelId();
        r.releaseId = release.id();
        r.status = RolloutStatus.RUNNING;
        r.cohort = write(cohort.regions().isEmpty() ? cohort.withRegions(release.regions()) : cohort);
        r.stages = write(request.stages());
        r.currentStage = 0;
        r.autoAdvance = request.autoAdvance() == null || request.autoAdvance();
        r.stageStartedAt = now;
        r.createdBy = caller.username();
        r.createdAt = now;
        r.updatedAt = now;
        if (previous != null) {
            r.previousRolloutId = previous.id;
            previous.status = RolloutStatus.SUPERSEDED;
            previous.updatedAt = now;
        }
        rollouts.persist(r);
        RolloutView view = view(r);
        audit.record(caller, owner, "rollout.started", "rollout", r.id.toString(), null, view);
        epoch.bump("rollout " + r.id + " started");
        return view;
    }

    @Transactional
    public RolloutView get(Caller caller, UUID id) {
        RolloutEntity r = rollouts.findByIdOptional(id).orElseThrow(() -> DomainException.notFound("rollout " + id));
        access.requireRead(caller, orgs.get(r.ownerId));
        return view(r);
    }

    /** A page of the channel's rollouts, newest first. */
    @Transactional
    public Page<RolloutView> ofChannel(Caller caller, UUID channelId, String cursor, int limit) {
        releases.channel(caller, channelId);
        List<RolloutEntity> rows = rollouts.pageOfChannel(channelId, pageKey(cursor), limit + 1);
        return Page.of(rows, limit, r -> r.createdAt + "/" + r.id).map(this::view);
    }

    /** The decoded cursor, checked to be a creation time and id this API issued. */
    private static String pageKey(String cursor) {
        String key = Cursor.decode(cursor);
        if (!key.isEmpty()) {
            String[] parts = key.split("/", 2);
            try {
                Instant.parse(parts[0]);
                UUID.fromString(parts[1]);
            } catch (RuntimeException e) {
                throw new DomainException(ErrorCode.BAD_CURSOR, "cursor '" + cursor + "' was not issued by this API");
            }
        }
        return key;
    }

    @Transactional
    public RolloutView pause(Caller caller, UUID id) {
        return change(caller, id, "rollout.paused", EnumSet.of(RolloutStatus.RUNNING),
                r -> r.status = RolloutStatus.PAUSED);
    }

    /**
     * Resumes a paused or halted rollout. A halted one's stage rules start afresh: from now on they count only
     * outcomes reported after the resume ({@code rulesSince}), so the failures that halted it do not halt it again
     * at once, and it needs {@code minHealthy} new healthy installs to advance. A paused one keeps its window.
     */
    @Transactional
    public RolloutView resume(Caller caller, UUID id) {
        return change(caller, id, "rollout.resumed", EnumSet.of(RolloutStatus.PAUSED, RolloutStatus.HALTED), r -> {
            if (r.status == RolloutStatus.HALTED) {
                r.rulesSince = Instant.now().truncatedTo(ChronoUnit.MICROS); // as PostgreSQL stores it
            }
            r.status = RolloutStatus.RUNNING;
            r.haltReason = null;
        });
    }

    /** Moves to the next stage whatever the rule says (the operator's call); past the last stage it completes. */
    @Transactional
    public RolloutView advance(Caller caller, UUID id) {
        return change(caller, id, "rollout.advanced", EnumSet.of(RolloutStatus.RUNNING, RolloutStatus.PAUSED),
                this::nextStage);
    }

    @Transactional
    public RolloutView abort(Caller caller, UUID id) {
        return change(caller, id, "rollout.aborted", EnumSet.of(RolloutStatus.RUNNING, RolloutStatus.PAUSED,
                RolloutStatus.HALTED), r -> r.status = RolloutStatus.ABORTED);
    }

    /**
     * Sends the release's devices back to the previous rollout's builds (check-ins answer ROLLBACK), and lets the
     * previous rollout serve the channel again.
     */
    @Transactional
    public RolloutView rollback(Caller caller, UUID id) {
        return change(caller, id, "rollout.rolled-back", EnumSet.of(RolloutStatus.RUNNING, RolloutStatus.PAUSED,
                RolloutStatus.HALTED, RolloutStatus.COMPLETED), r -> {
            if (r.previousRolloutId == null) {
                throw new DomainException(ErrorCode.INVALID_TRANSITION, "rollout " + r.id + " has no previous "
                        + "release on its channel to go back to; abort it instead");
            }
            r.status = RolloutStatus.ROLLED_BACK;
            RolloutEntity previous = rollouts.lock(r.previousRolloutId).orElseThrow();
            if (previous.status == RolloutStatus.SUPERSEDED) {
                previous.status = RolloutStatus.COMPLETED;
                previous.updatedAt = Instant.now();
            }
        });
    }

    /** Rollouts the check-in snapshot serves from: all but aborted ones, newest first. */
    @Transactional
    public List<RolloutState> states() {
        return rollouts.withStatus(EnumSet.complementOf(EnumSet.of(RolloutStatus.ABORTED))).stream()
                .map(RolloutService::state).toList();
    }

    // ------------------------------------------------------------------ used by the rule evaluator

    /** Halts a running rollout whose rule broke; joins the evaluator's transaction. */
    void halt(RolloutEntity r, String reason) {
        RolloutView before = view(r);
        r.status = RolloutStatus.HALTED;
        r.haltReason = reason.length() > 2000 ? reason.substring(0, 2000) : reason;
        r.updatedAt = Instant.now();
        audit.record(RuleEvaluator.SYSTEM, orgs.get(r.ownerId), "rollout.halted", "rollout", r.id.toString(),
                before, view(r));
        epoch.bump("rollout " + r.id + " halted");
    }

    void autoAdvance(RolloutEntity r) {
        RolloutView before = view(r);
        nextStage(r);
        audit.record(RuleEvaluator.SYSTEM, orgs.get(r.ownerId), "rollout.advanced", "rollout", r.id.toString(),
                before, view(r));
        epoch.bump("rollout " + r.id + " advanced");
    }

    // ------------------------------------------------------------------ helpers

    private RolloutView change(Caller caller, UUID id, String action, EnumSet<RolloutStatus> from,
                               Consumer<RolloutEntity> change) {
        RolloutEntity r = rollouts.lock(id).orElseThrow(() -> DomainException.notFound("rollout " + id));
        OrgView owner = orgs.get(r.ownerId);
        access.requireWrite(caller, owner);
        if (!from.contains(r.status)) {
            throw new DomainException(ErrorCode.INVALID_TRANSITION, "rollout " + id + " is " + r.status
                    + "; this needs one of " + from);
        }
        RolloutView before = view(r);
        change.accept(r);
        r.updatedAt = Instant.now();
        RolloutView after = view(r);
        audit.record(caller, owner, action, "rollout", id.toString(), before, after);
        epoch.bump(action + " " + id);
        return after;
    }

    private void nextStage(RolloutEntity r) {
        List<Stage> stages = stages(r);
        if (r.currentStage + 1 < stages.size()) {
            r.currentStage++;
            r.stageStartedAt = Instant.now();
        } else {
            r.status = RolloutStatus.COMPLETED;
        }
        r.updatedAt = Instant.now();
    }

    private static void checkStages(List<Stage> stages) {
        double last = 0;
        for (Stage s : stages) {
            if (s.percent() <= last) {
                throw new DomainException(ErrorCode.VALIDATION_FAILED, "stage percentages must rise, e.g. 1, 10, 50, "
                        + "100; " + s.percent() + " follows " + last);
            }
            last = s.percent();
        }
    }

    RolloutView view(RolloutEntity r) {
        List<Stage> stages = stages(r);
        StageCounts.Counts[] byStage = counts.of(r.id, stages.size());
        List<RolloutView.StageView> views = new java.util.ArrayList<>();
        for (int i = 0; i < stages.size(); i++) {
            Stage s = stages.get(i);
            String state = r.status == RolloutStatus.COMPLETED || r.status == RolloutStatus.SUPERSEDED
                    || i < r.currentStage ? "DONE" : i == r.currentStage ? "CURRENT" : "PENDING";
            StageCounts.Counts c = byStage[i];
            views.add(new RolloutView.StageView(i, s.percent(), s.minHealthy(), s.maxFailureRate(),
                    s.samplesBeforeHalting(), state, c.devices(), c.healthy(), c.failed(), c.installing()));
        }
        ReleaseView release = releases.find(r.releaseId).orElseThrow();
        return new RolloutView(r.id, release.owner(), r.channelId, r.releaseId, release.version(),
                r.previousRolloutId, r.status, read(r.cohort, new TypeReference<Cohort>() { }), views,
                r.currentStage, r.autoAdvance, r.haltReason, r.stageStartedAt, r.rulesSince, r.createdBy,
                r.createdAt, r.updatedAt);
    }

    static RolloutState state(RolloutEntity r) {
        return new RolloutState(r.id, r.ownerId, r.channelId, r.releaseId, r.previousRolloutId, r.status,
                read(r.cohort, new TypeReference<Cohort>() { }), stages(r), r.currentStage, r.createdAt);
    }

    static List<Stage> stages(RolloutEntity r) {
        return read(r.stages, new TypeReference<List<Stage>>() { });
    }

    static String write(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    static <T> T read(String json, TypeReference<T> type) {
        try {
            return JSON.readValue(json, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored rollout JSON does not parse", e);
        }
    }
}
