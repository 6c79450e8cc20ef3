package dev.modelport.registry.filing;

/** Narrows the regulator's filing queue; every field is optional. {@code filer} is an organisation slug. */
public record FilingQueueFilter(String jurisdiction, FilingStatus status, String filer) {
}
