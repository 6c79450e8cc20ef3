package dev.modelport.gguf.digest;

import dev.modelport.gguf.format.ByteRange;
import dev.modelport.gguf.format.GgmlType;
import dev.modelport.gguf.format.TensorShape;

/**
 * One tensor's place in the file and the SHA-256 of its data bytes.
 *
 * @param range  absolute byte range in the file
 * @param sha256 lower-case hex
 */
public record TensorDigest(String name, GgmlType type, TensorShape shape, ByteRange range, String sha256) {
}
