package dev.modelport.registry.compliance;

/**
 * CDI event fired after a transaction that placed or lifted a hold commits; distribution rebuilds its check-in
 * snapshot on it.
 */
public record HoldsChanged() {
}
