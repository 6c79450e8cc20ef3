package dev.modelport.gguf.format;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a write produced, hashed while the bytes streamed out.
 *
 * @param header       the header as written, with final offsets
 * @param size         file size in bytes
 * @param sha256       lower-case hex SHA-256 of the whole file
 * @param tensorSha256 tensor name to lower-case hex SHA-256 of its data bytes, in file order
 */
public record WriteResult(GgufHeader header, long size, String sha256, Map<String, String> tensorSha256) {
    public WriteResult {
        tensorSha256 = Collections.unmodifiableMap(new LinkedHashMap<>(tensorSha256));
    }
}
