package dev.modelport.registry.job;

import dev.modelport.registry.common.problem.DomainException;
import dev.modelport.registry.common.problem.ErrorCode;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.jboss.logging.Logger;
import org.quartz.Job;
import org.quartz.JobExecutionContext;
import org.quartz.SchedulerException;

/** The Quartz job that runs every Modelport job: finds the handler for the kind and records the outcome. */
public class JobRunner implements Job {

    static final String JOB_ID = "modelportJobId";
    private static final Duration PROGRESS_INTERVAL = Duration.ofMillis(500);
    private static final Logger LOG = Logger.getLogger(JobRunner.class);

    @Inject
    JobService jobs;

    @Inject
    @Any
    Instance<JobHandler> handlers;

    @Override
    public void execute(JobExecutionContext context) {
        UUID id = UUID.fromString(context.getMergedJobDataMap().getString(JOB_ID));
        String kind = context.getJobDetail().getKey().getGroup();
        if (!jobs.start(id, instanceId(context))) {
            return;
        }
        JobHandler handler = handlers.stream().filter(h -> h.kind().equals(kind)).findFirst().orElse(null);
        if (handler == null) {
            jobs.fail(id, ErrorCode.INTERNAL.name(), "no handler for job kind " + kind);
            return;
        }
        try {
            String result = handler.run(jobs.params(id), throttled(id));
            jobs.succeed(id, result);
        } catch (DomainException e) {
            jobs.fail(id, e.code().name(), e.getMessage());
        } catch (Exception e) {
            LOG.errorf(e, "job %s (%s) failed", id, kind);
            jobs.fail(id, ErrorCode.INTERNAL.name(), e.getClass().getSimpleName() + ": " + e.getMessage());
        }
    }

    private JobProgress throttled(UUID id) {
        return new JobProgress() {
            private Instant last = Instant.EPOCH;

            @Override
            public void bytes(long done, long total) {
                Instant now = jobs.now();
                if (done >= total || Duration.between(last, now).compareTo(PROGRESS_INTERVAL) >= 0) {
                    last = now;
                    jobs.progress(id, done, total);
                }
            }
        };
    }

    private static String instanceId(JobExecutionContext context) {
        try {
            return context.getScheduler().getSchedulerInstanceId();
        } catch (SchedulerException e) {
            return "unknown";
        }
    }
}
