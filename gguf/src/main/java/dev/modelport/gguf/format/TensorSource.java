package dev.modelport.gguf.format;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.WritableByteChannel;

/**
 * Produces one tensor's data bytes for {@link GgufWriter}. It must write exactly the tensor's
 * byte size; the writer checks. Sources stream, so the writer never holds a model in memory.
 */
@FunctionalInterface
public interface TensorSource {
    void writeTo(WritableByteChannel out) throws IOException;

    /** Bytes held in memory; for small tensors and tests. */
    static TensorSource ofBytes(byte[] bytes) {
        byte[] copy = bytes.clone();
        return out -> {
            ByteBuffer buf = ByteBuffer.wrap(copy);
            while (buf.hasRemaining()) {
                out.write(buf);
            }
        };
    }

    /** The unchanged bytes of a tensor in another open file. */
    static TensorSource copyOf(GgufReader reader, GgufTensorInfo tensor) {
        return out -> reader.copyTensor(tensor, out);
    }
}
