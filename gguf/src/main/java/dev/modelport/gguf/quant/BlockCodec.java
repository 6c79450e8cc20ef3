package dev.modelport.gguf.quant;

import dev.modelport.gguf.format.GgmlType;
import java.nio.ByteBuffer;

/**
 * Converts between one tensor type's bytes and floats. Buffers are little-endian; {@code count}
 * is a multiple of the type's block size. Implementations are stateless and thread-safe.
 */
public interface BlockCodec {
    GgmlType type();

    /** Reads {@code count} elements' bytes from {@code src} into {@code dst[0..count)}. */
    void decode(ByteBuffer src, float[] dst, int count);

    /** Writes {@code src[0..count)} to {@code dst} in this type's encoding. */
    void encode(float[] src, int count, ByteBuffer dst);

    /** Encoded bytes of {@code count} elements. */
    default long bytesFor(long count) {
        return count / type().blockSize() * type().typeSize();
    }
}
