package dev.modelport.registry.distribution;

/**
 * CDI event fired inside a transaction that changed what check-ins answer (a release, a rollout's state, a reached
 * licence cap). Observers act after the commit; other instances notice the moved epoch.
 */
public record DistributionChanged(String why) {
}
