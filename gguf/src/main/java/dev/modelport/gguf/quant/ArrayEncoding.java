package dev.modelport.gguf.quant;

import java.nio.ByteBuffer;

/** Lets a codec that encodes into byte arrays write into any {@link ByteBuffer}. */
final class ArrayEncoding {

    /** Encodes {@code size} bytes at {@code out[offset..]}. */
    @FunctionalInterface
    interface Encoder {
        void encode(byte[] out, int offset);
    }

    private ArrayEncoding() {
    }

    static void writeInto(ByteBuffer y, int size, Encoder encoder) {
        if (y.hasArray()) { // the quantizer's case: write in place, no copy
            encoder.encode(y.array(), y.arrayOffset() + y.position());
            y.position(y.position() + size);
        } else {
            byte[] out = new byte[size];
            encoder.encode(out, 0);
            y.put(out);
        }
    }
}
