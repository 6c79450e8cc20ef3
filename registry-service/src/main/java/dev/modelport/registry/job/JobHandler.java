package dev.modelport.registry.job;

/**
 * One kind of long job, as a CDI bean. A job may run more than once: when the instance running it dies, another
 * instance runs it again from the start, so {@link #run} must be idempotent (content-addressed outputs are).
 */
public interface JobHandler {

    /** The stable name jobs of this kind are submitted under, e.g. {@code build.quantize}. */
    String kind();

    /**
     * Does the work and returns its result as JSON text. Throw a
     * {@link dev.modelport.registry.common.problem.DomainException} to fail with a stable code.
     */
    String run(String params, JobProgress progress) throws Exception;
}
