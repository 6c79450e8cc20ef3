package dev.modelport.registry.filing;

import java.time.Instant;

/**
 * One regulator decision on a filing. {@code actionLogIndex} is the signed regulator-action statement,
 * {@code recordLogIndex} the filing record as it stood after the decision; both are in the transparency log.
 */
public record FilingDecisionView(FilingStatus decision, String reason, String decidedBy, Instant decidedAt,
                                 long actionLogIndex, long recordLogIndex) {
}
