package dev.modelport.registry.trust.log;

import java.util.List;

/**
 * Everything needed to verify one logged statement offline ({@code ./modelport verify}): the envelope, its inclusion
 * proof, the signed checkpoint the proof leads to, and the root-signed key events that introduce (or revoke) the
 * keys involved: the envelope's signing keys and the checkpoint key. Media type {@value #MEDIA_TYPE}.
 */
public record LogBundle(String mediaType, byte[] envelope, LogEntry entry, InclusionProof inclusionProof,
                        String checkpoint, String logOrigin, List<byte[]> keyEvents) {

    public static final String MEDIA_TYPE = "application/vnd.modelport.bundle.v1+json";
}
