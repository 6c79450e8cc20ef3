package dev.modelport.registry.trust.log;

import dev.modelport.signing.dsse.Envelope;

/** A log entry with the envelope it holds, exactly as stored (it may have been tampered with: verify it). */
public record StoredEntry(LogEntry entry, byte[] envelopeJson) {

    public Envelope envelope() {
        return Envelope.fromJson(envelopeJson);
    }
}
