package dev.modelport.gguf.quant;

import dev.modelport.gguf.format.GgufHeader;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The output of one quantization run, with the digests a build attestation needs.
 *
 * @param output       the written file
 * @param type         the target type
 * @param header       the output's header (tensor types, shapes, offsets)
 * @param size         output size in bytes
 * @param sha256       lower-case hex SHA-256 of the output file
 * @param tensorSha256 tensor name to lower-case hex SHA-256 of its output bytes, in file order
 */
public record QuantizeResult(Path output, QuantType type, GgufHeader header, long size, String sha256,
                             Map<String, String> tensorSha256) {
    public QuantizeResult {
        tensorSha256 = Collections.unmodifiableMap(new LinkedHashMap<>(tensorSha256));
    }
}
