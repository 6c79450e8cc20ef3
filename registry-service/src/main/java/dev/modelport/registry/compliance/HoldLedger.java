package dev.modelport.registry.compliance;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.modelport.registry.common.crypto.Sha256;
import dev.modelport.registry.trust.log.LogEntry;
import dev.modelport.registry.trust.log.TransparencyLog;
import dev.modelport.signing.intoto.RegulatorActionPredicate;
import dev.modelport.signing.intoto.Statement;
import dev.modelport.signing.intoto.Subject;
import dev.modelport.signing.json.CanonicalJson;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Puts every hold and lift into the transparency log as a platform-signed regulator-action statement (HOLD,
 * LIFT_HOLD). The target is {@code model-version:<owner/model@version>}; the subject is the hold record by the
 * digest of its canonical JSON (without log indexes, which exist only after the append).
 */
@ApplicationScoped
class HoldLedger {

    static final String HOLD = "HOLD";
    static final String LIFT = "LIFT_HOLD";

    private static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    @Inject
    TransparencyLog log;

    /** Joins the caller's transaction: if the hold change rolls back, so does its log entry. */
    LogEntry record(HoldView hold, String regulator, String action, String reason, Instant at) {
        RegulatorActionPredicate predicate = RegulatorActionPredicate.builder().regulator(regulator)
                .jurisdiction(hold.jurisdiction()).action(action).target("model-version:" + hold.version())
                .reason(reason).effectiveAt(at).build();
        HoldView unindexed = new HoldView(hold.id(), hold.version(), hold.jurisdiction(), hold.reason(),
                hold.placedBy(), hold.placedAt(), null, hold.active(), hold.liftedBy(), hold.liftedAt(),
                hold.liftReason(), null);
        Subject subject = new Subject("hold:" + hold.id(), Map.of("sha256",
                Sha256.hex(CanonicalJson.canonicalize(JSON.valueToTree(unindexed)))));
        return log.signAndAppend(Statement.of(List.of(subject), predicate));
    }
}
