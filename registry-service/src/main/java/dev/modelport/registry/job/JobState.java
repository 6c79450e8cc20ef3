package dev.modelport.registry.job;

public enum JobState {
    QUEUED, RUNNING, SUCCEEDED, FAILED
}
