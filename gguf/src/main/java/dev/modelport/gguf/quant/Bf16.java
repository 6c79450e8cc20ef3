package dev.modelport.gguf.quant;

/** bfloat16 conversions, ports of ggml's {@code ggml_compute_bf16_to_fp32} / {@code ggml_compute_fp32_to_bf16}. */
public final class Bf16 {
    private Bf16() {
    }

    public static float toFloat(short bf16) {
        return Float.intBitsToFloat((bf16 & 0xFFFF) << 16);
    }

    /** Round to nearest even; NaN stays NaN but is forced quiet, as ggml does. */
    public static short fromFloat(float f) {
        int u = Float.floatToRawIntBits(f);
        if ((u & 0x7FFF_FFFF) > 0x7F80_0000) {
            return (short) ((u >>> 16) | 64);
        }
        return (short) ((u + (0x7FFF + ((u >>> 16) & 1))) >>> 16);
    }
}
