package dev.modelport.gguf.quant;

import dev.modelport.gguf.format.GgmlType;
import java.nio.ByteBuffer;

/**
 * Q4_0: blocks of 32 values as an fp16 scale and 16 bytes of nibbles ({@code block_q4_0}, 18
 * bytes); byte j holds element j in the low nibble and element j+16 in the high one. Encoding is
 * a port of {@code quantize_row_q4_0_ref} in ggml-quants.c and must stay bit-identical to it.
 */
final class Q4_0Codec implements BlockCodec {
    static final int QK = 32;

    @Override
    public GgmlType type() {
        return GgmlType.Q4_0;
    }

    @Override
    public void encode(float[] x, int count, ByteBuffer y) {
        ArrayEncoding.writeInto(y, (int) bytesFor(count), (out, offset) -> encode(x, count, out, offset));
    }

    /** Writes whole blocks into {@code out} (quantize_row_q4_0_ref). */
    static void encode(float[] x, int count, byte[] out, int offset) {
        int o = offset;
        for (int b = 0; b < count; b += QK) {
            float amax = 0.0f;
            float max = 0.0f; // the signed value of largest magnitude; the first one wins ties
            for (int j = 0; j < QK; j++) {
                final float v = x[b + j];
                if (amax < Math.abs(v)) {
                    amax = Math.abs(v);
                    max = v;
                }
            }
            // An all-zero block gives d = 0.0f / -8 = -0.0f, stored as fp16 0x8000, as in C.
            final float d = max / -8;
            final float id = d != 0 ? 1.0f / d : 0.0f;
            final short h = Fp16.fromFloat(d);
            out[o] = (byte) h;
            out[o + 1] = (byte) (h >> 8);
            o += 2;
            for (int j = 0; j < QK / 2; j++) {
                final float x0 = x[b + j] * id;
                final float x1 = x[b + QK / 2 + j] * id;
                // (int8_t)(x + 8.5f) truncates toward zero; x*id lies in [-8, 8] so the cast is safe.
                final int xi0 = Math.min(15, (int) (x0 + 8.5f));
                final int xi1 = Math.min(15, (int) (x1 + 8.5f));
                out[o + j] = (byte) (xi0 | (xi1 << 4));
            }
            o += QK / 2;
        }
    }

    @Override
    public void decode(ByteBuffer src, float[] y, int count) {
        // dequantize_row_q4_0
        for (int b = 0; b < count; b += QK) {
            final float d = Fp16.toFloat(src.getShort());
            for (int j = 0; j < QK / 2; j++) {
                int q = src.get() & 0xFF;
                y[b + j] = ((q & 0x0F) - 8) * d;
                y[b + QK / 2 + j] = ((q >>> 4) - 8) * d;
            }
        }
    }
}
