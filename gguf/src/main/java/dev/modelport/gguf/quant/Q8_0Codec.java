package dev.modelport.gguf.quant;

import dev.modelport.gguf.format.GgmlType;
import java.nio.ByteBuffer;

/**
 * Q8_0: blocks of 32 values as an fp16 scale and 32 int8 ({@code block_q8_0}, 34 bytes).
 * Encoding is a port of {@code quantize_row_q8_0_ref} in ggml-quants.c, which llama-quantize uses
 * for Q8_0 without an importance matrix; it must stay bit-identical to it.
 */
final class Q8_0Codec implements BlockCodec {
    static final int QK = 32;

    @Override
    public GgmlType type() {
        return GgmlType.Q8_0;
    }

    @Override
    public void encode(float[] x, int count, ByteBuffer y) {
        ArrayEncoding.writeInto(y, (int) bytesFor(count), (out, offset) -> encode(x, count, out, offset));
    }

    /** Writes whole blocks into {@code out} (quantize_row_q8_0_ref). */
    static void encode(float[] x, int count, byte[] out, int offset) {
        int o = offset;
        for (int b = 0; b < count; b += QK) {
            float amax = 0.0f;
            for (int j = 0; j < QK; j++) {
                final float a = Math.abs(x[b + j]);
                amax = amax > a ? amax : a; // ggml's MAX macro, not Math.max (which treats NaN and -0 specially)
            }
            final float d = amax / 127;
            // Multiplying by the float inverse (not dividing by d) is what the C code does; the
            // two differ in the last bit for some inputs.
            final float id = d != 0 ? 1.0f / d : 0.0f;
            final short h = Fp16.fromFloat(d);
            out[o] = (byte) h;
            out[o + 1] = (byte) (h >> 8);
            o += 2;
            for (int j = 0; j < QK; j++) {
                out[o + j] = (byte) roundf(x[b + j] * id);
            }
            o += QK;
        }
    }

    @Override
    public void decode(ByteBuffer src, float[] y, int count) {
        // dequantize_row_q8_0
        for (int b = 0; b < count; b += QK) {
            final float d = Fp16.toFloat(src.getShort());
            for (int j = 0; j < QK; j++) {
                y[b + j] = src.get() * d;
            }
        }
    }

    private static final float JUST_BELOW_HALF = Math.nextDown(0.5f);

    /**
     * C {@code roundf} (halfway cases away from zero) for |v| up to 128, which covers every
     * {@code x * id} here (at most 127.5). {@link Math#round(float)} differs: it rounds -2.5 to
     * -2, roundf to -3. Adding the float just below 0.5 and truncating is exact in that range:
     * a true tie still rounds up to the next integer, a value just below a tie cannot reach it.
     * Checked against {@code copySign(floor(|v| + 0.5), v)} for all 2.2e9 floats in [-128, 128];
     * float-only and branch-free, so the loop stays cheap.
     */
    static int roundf(float v) {
        return (int) (v + Math.copySign(JUST_BELOW_HALF, v));
    }
}
