package dev.modelport.registry.job;

import dev.modelport.registry.common.paging.Cursor;
import dev.modelport.registry.common.paging.Page;
import dev.modelport.registry.common.problem.DomainException;
import dev.modelport.registry.common.problem.ErrorCode;
import dev.modelport.registry.org.OrgService;
import dev.modelport.registry.org.OrgView;
import dev.modelport.registry.tenancy.AccessPolicy;
import dev.modelport.registry.tenancy.Caller;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.quartz.JobBuilder;
import org.quartz.JobDetail;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.quartz.Trigger;
import org.quartz.TriggerBuilder;

/**
 * Submits long jobs and keeps their state. Quartz runs them, clustered on PostgreSQL, so any instance may pick a job
 * up and a job whose instance died is run again elsewhere.
 */
@ApplicationScoped
public class JobService {

    /** A job that keeps killing its instance is not tried forever. */
    static final int MAX_ATTEMPTS = 3;

    @Inject
    JobRepository jobs;

    @Inject
    Scheduler scheduler;

    @Inject
    OrgService orgs;

    @Inject
    AccessPolicy access;

    @Inject
    Clock clock;

    /** Queues a job in the caller's transaction: if that rolls back, the job never existed. */
    @Transactional
    public UUID submit(String kind, UUID ownerId, String params) {
        JobEntity job = new JobEntity();
        job.id = UUID.randomUUID();
        job.kind = kind;
        job.ownerId = ownerId;
        job.state = JobState.QUEUED;
        job.params = params;
        job.createdAt = clock.instant();
        jobs.persist(job);
        JobDetail detail = JobBuilder.newJob(JobRunner.class).withIdentity(job.id.toString(), kind)
                .usingJobData(JobRunner.JOB_ID, job.id.toString()).requestRecovery(true).build();
        Trigger trigger = TriggerBuilder.newTrigger().withIdentity(job.id.toString(), kind).startNow().build();
        try {
            scheduler.scheduleJob(detail, trigger);
        } catch (SchedulerException e) {
            throw new IllegalStateException("could not queue job " + job.id, e);
        }
        return job.id;
    }

    @Transactional
    public JobView get(Caller caller, UUID id) {
        JobEntity job = jobs.findByIdOptional(id).orElseThrow(() -> DomainException.notFound("job " + id));
        OrgView owner = orgs.get(job.ownerId);
        access.requireRead(caller, owner);
        return job.view(owner.slug());
    }

    @Transactional
    public Page<JobView> list(Caller caller, OrgView owner, String cursor, int limit) {
        access.requireRead(caller, owner);
        List<JobEntity> rows = jobs.pageOfOwner(owner.id(), Cursor.decode(cursor), limit + 1);
        return Page.of(rows, limit, j -> j.createdAt + "/" + j.id).map(j -> j.view(owner.slug()));
    }

    /** Marks the start of an attempt; false when the job is finished or has used up its attempts. */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    boolean start(UUID id, String instance) {
        JobEntity job = jobs.findById(id);
        if (job == null || job.state == JobState.SUCCEEDED || job.state == JobState.FAILED) {
            return false;
        }
        if (job.attempts >= MAX_ATTEMPTS) {
            fail(job, ErrorCode.JOB_ATTEMPTS_EXHAUSTED.name(), "gave up after " + job.attempts + " attempts");
            return false;
        }
        job.attempts++;
        job.state = JobState.RUNNING;
        job.instance = instance;
        job.startedAt = clock.instant();
        job.bytesDone = 0;
        job.progressPercent = BigDecimal.ZERO;
        job.errorCode = null;
        job.errorDetail = null;
        return true;
    }

    @Transactional(Transactional.TxType.REQUIRES_NEW)
    void progress(UUID id, long done, long total) {
        JobEntity job = jobs.findById(id);
        if (job == null || job.state != JobState.RUNNING) {
            return;
        }
        job.bytesDone = done;
        job.bytesTotal = total;
        if (total > 0) {
            job.progressPercent = BigDecimal.valueOf(Math.min(done, total) * 100.0 / total)
                    .setScale(2, RoundingMode.HALF_UP);
        }
        long millis = Duration.between(job.startedAt, clock.instant()).toMillis();
        job.bytesPerSecond = millis > 0 ? done * 1000 / millis : null;
    }

    @Transactional(Transactional.TxType.REQUIRES_NEW)
    void succeed(UUID id, String result) {
        JobEntity job = jobs.findById(id);
        job.state = JobState.SUCCEEDED;
        job.result = result;
        job.progressPercent = BigDecimal.valueOf(100);
        job.finishedAt = clock.instant();
    }

    @Transactional(Transactional.TxType.REQUIRES_NEW)
    void fail(UUID id, String code, String detail) {
        fail(jobs.findById(id), code, detail);
    }

    private void fail(JobEntity job, String code, String detail) {
        job.state = JobState.FAILED;
        job.errorCode = code;
        job.errorDetail = detail == null ? null : detail.substring(0, Math.min(detail.length(), 2000));
        job.finishedAt = clock.instant();
    }

    @Transactional
    String params(UUID id) {
        return jobs.findById(id).params;
    }

    Instant now() {
        return clock.instant();
    }
}
