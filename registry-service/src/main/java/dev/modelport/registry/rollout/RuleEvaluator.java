package dev.modelport.registry.rollout;

import dev.modelport.registry.tenancy.Caller;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * Evaluates the current stage's rule of running rollouts: after every committed batch of device reports (for the
 * rollouts it touched) and on a schedule. A broken rule halts the rollout; a passed one advances it if the rollout
 * advances by itself. A rollout resumed after a halt is judged on outcomes reported since the resume.
 */
@ApplicationScoped
public class RuleEvaluator {

    /** The actor of automatic rollout changes in the audit trail. */
    static final Caller SYSTEM = new Caller("system:rollout-rules", "rollout-rules", Set.of(), Optional.empty());

    private static final Logger LOG = Logger.getLogger(RuleEvaluator.class);

    @Inject
    RolloutRepository rollouts;

    @Inject
    RolloutService service;

    @Inject
    StageCounts counts;

    /** Evaluates each rollout in its own transaction, so one failure does not hold back the others. */
    public void evaluate(Collection<UUID> ids) {
        for (UUID id : ids) {
            try {
                evaluateOne(id);
            } catch (RuntimeException e) {
                LOG.warnf(e, "evaluating rollout %s failed; the next report or the schedule retries", id);
            }
        }
    }

    @Scheduled(every = "${modelport.distribution.evaluate-every:30s}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void evaluateRunning() {
        evaluate(runningIds());
    }

    @Transactional
    List<UUID> runningIds() {
        return rollouts.running();
    }

    @Transactional
    void evaluateOne(UUID id) {
        RolloutEntity r = rollouts.lock(id).orElse(null);
        if (r == null || r.status != RolloutStatus.RUNNING) {
            return;
        }
        List<Stage> stages = RolloutService.stages(r);
        Stage stage = stages.get(r.currentStage);
        StageCounts.Counts c = counts.upTo(r.id, stages.size(), r.currentStage, r.rulesSince);
        long outcomes = c.healthy() + c.failed();
        double failureRate = outcomes == 0 ? 0 : (double) c.failed() / outcomes;
        if (outcomes >= stage.samplesBeforeHalting() && failureRate > stage.maxFailureRate()) {
            service.halt(r, String.format(java.util.Locale.ROOT, "stage %d (%s%%): failure rate %.3f exceeds %.3f "
                    + "(%d FAILED of %d outcomes%s)", r.currentStage + 1, stage.percent(), failureRate,
                    stage.maxFailureRate(), c.failed(), outcomes,
                    r.rulesSince == null ? "" : " since the resume at " + r.rulesSince));
        } else if (r.autoAdvance && c.healthy() >= stage.minHealthy() && failureRate <= stage.maxFailureRate()) {
            service.autoAdvance(r);
        }
    }
}
