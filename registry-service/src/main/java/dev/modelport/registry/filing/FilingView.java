package dev.modelport.registry.filing;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** A regulatory filing: who filed which model versions where, and the regulator's decision. */
public record FilingView(UUID id, String filer, String jurisdiction, String filingNumber, FilingStatus status,
                         List<String> versions, String decidedBy, String decisionNote, Instant decidedAt,
                         Instant createdAt, Instant updatedAt, Long logIndex) {

    public FilingView {
        versions = List.copyOf(versions);
    }
}
