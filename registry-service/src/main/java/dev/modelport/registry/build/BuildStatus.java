package dev.modelport.registry.build;

public enum BuildStatus {
    QUEUED,
    RUNNING,
    READY,
    FAILED
}
