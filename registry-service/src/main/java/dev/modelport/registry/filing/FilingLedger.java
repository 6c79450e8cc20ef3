package dev.modelport.registry.filing;

import dev.modelport.registry.common.crypto.Sha256;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.modelport.registry.trust.log.LogEntry;
import dev.modelport.registry.trust.log.TransparencyLog;
import dev.modelport.signing.intoto.FilingRecordPredicate;
import dev.modelport.signing.intoto.RegulatorActionPredicate;
import dev.modelport.signing.intoto.Statement;
import dev.modelport.signing.intoto.Subject;
import dev.modelport.signing.json.CanonicalJson;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;

/**
 * Puts every state of a filing into the transparency log as a platform-signed in-toto statement, so that what a
 * regulator decided cannot later be shown differently. The subject is the filing record itself, by the digest of its
 * canonical JSON.
 */
@ApplicationScoped
class FilingLedger {

    private static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    @Inject
    TransparencyLog log;

    /** Joins the caller's transaction: if the filing change rolls back, so does its log entry. */
    LogEntry record(FilingView filing) {
        FilingRecordPredicate.Builder predicate = FilingRecordPredicate.builder()
                .jurisdiction(filing.jurisdiction())
                .filingNumber(filing.filingNumber())
                .filer(filing.filer())
                .status(filing.status().name())
                .recordedAt(filing.updatedAt());
        filing.versions().forEach(predicate::modelVersion);
        return log.signAndAppend(Statement.of(List.of(subject(filing)), predicate.build()));
    }

    /**
     * The regulator's decision as a platform-signed regulator-action statement: who decided what, where, and why.
     * Its subject is the filing record as it stands after the decision, so the action and the record it produced
     * carry the same digest.
     */
    LogEntry recordDecision(FilingView after, String regulator, String reason) {
        RegulatorActionPredicate action = RegulatorActionPredicate.builder().regulator(regulator)
                .jurisdiction(after.jurisdiction()).action(actionName(after.status()))
                .target(target(after)).reason(reason).effectiveAt(after.decidedAt()).build();
        return log.signAndAppend(Statement.of(List.of(subject(after)), action));
    }

    /** APPROVE_FILING, REJECT_FILING or SUSPEND_FILING. */
    static String actionName(FilingStatus decision) {
        return switch (decision) {
            case APPROVED -> "APPROVE_FILING";
            case REJECTED -> "REJECT_FILING";
            case SUSPENDED -> "SUSPEND_FILING";
            case SUBMITTED, WITHDRAWN -> throw new IllegalArgumentException(decision + " is not a decision");
        };
    }

    private static String target(FilingView filing) {
        return "filing:" + filing.jurisdiction() + ":" + filing.filingNumber();
    }

    private static Subject subject(FilingView filing) {
        return new Subject(target(filing), Map.of("sha256", Sha256.hex(CanonicalJson.canonicalize(
                JSON.valueToTree(filing)))));
    }

}
