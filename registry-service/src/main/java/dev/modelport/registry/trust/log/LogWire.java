package dev.modelport.registry.trust.log;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.time.Instant;
import java.util.Base64;
import java.util.List;

/**
 * The log's JSON wire records, shared by the operator API and the device API: both serve the same public,
 * verifiable data, and a proof must read the same whoever fetches it.
 */
public final class LogWire {

    private static final ObjectMapper JSON = new ObjectMapper();

    private LogWire() {
    }

    /**
     * A log entry. {@code entry} is the exact stored leaf data (base64), so a client can recompute the leaf hash
     * SHA-256(0x00 || entry); {@code envelope} is the same bytes as JSON, for reading.
     */
    public record EntryResponse(long index, String leafHash, String predicateType, String subjectDigest,
                                Instant integratedAt, String entry, JsonNode envelope) {
        static EntryResponse of(StoredEntry e) {
            LogEntry l = e.entry();
            return new EntryResponse(l.index(), l.leafHash(), l.predicateType(), l.subjectDigest(), l.integratedAt(),
                    Base64.getEncoder().encodeToString(e.envelopeJson()), json(e.envelopeJson()));
        }
    }

    /** The offline verification bundle ({@value LogBundle#MEDIA_TYPE}); see docs/trust.md. */
    public record BundleResponse(String mediaType, JsonNode envelope, LogEntry logEntry, InclusionProof inclusionProof,
                                 String checkpoint, String logOrigin, List<JsonNode> keyEvents) {
        public static BundleResponse of(LogBundle b) {
            return new BundleResponse(b.mediaType(), json(b.envelope()), b.entry(), b.inclusionProof(), b.checkpoint(),
                    b.logOrigin(), b.keyEvents().stream().map(LogWire::json).toList());
        }
    }

    /** The note verifier keys ({@code <name>+<hash>+<key>}) that sign this log's checkpoints. */
    public record LogKeysResponse(String origin, List<String> verifierKeys) {
    }

    static JsonNode json(byte[] bytes) {
        try {
            return JSON.readTree(bytes);
        } catch (IOException e) {
            return null; // not JSON any more: the stored row was damaged; the base64 entry still shows what is there
        }
    }
}
