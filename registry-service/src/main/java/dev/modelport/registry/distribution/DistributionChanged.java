package dev.modelport.registry.distribution;

/**
 * CDI event fired inside a transaction that changed what check-ins answer (a release, a rollout's state, a reached
 * licence cap). Observers act after the commit; other instances hear of it through the {@link ChangeFeed}.
 */
public record DistributionChanged(String why) {
}
