package dev.modelport.registry.job;

/** How a running job reports progress. Cheap to call often: updates are written at most twice a second. */
public interface JobProgress {

    void bytes(long done, long total);
}
