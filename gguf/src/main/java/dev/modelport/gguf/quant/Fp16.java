package dev.modelport.gguf.quant;

/**
 * IEEE half precision conversions as ggml does them. {@link #fromFloat} is a port of
 * {@code ggml_compute_fp32_to_fp16} (ggml-impl.h, after the FP16 library): round to nearest even,
 * subnormals included, NaN to 0x7E00. It gives the same bits as x86 F16C {@code _cvtss_sh(x, 0)},
 * which llama.cpp uses when available, so our scales match llama-quantize on any CPU.
 */
public final class Fp16 {
    private static final float[] TO_FLOAT = new float[1 << 16];

    static {
        for (int h = 0; h < TO_FLOAT.length; h++) {
            TO_FLOAT[h] = decode(h);
        }
    }

    private Fp16() {
    }

    /** Exact widening (every half is a float). */
    public static float toFloat(short half) {
        return TO_FLOAT[half & 0xFFFF];
    }

    public static short fromFloat(float f) {
        final float scaleToInf = Float.intBitsToFloat(0x7780_0000);
        final float scaleToZero = Float.intBitsToFloat(0x0880_0000);
        // Scaling by 2^112 then 2^-110 makes the FPU do the rounding, including for subnormals.
        float base = (Math.abs(f) * scaleToInf) * scaleToZero;
        int w = Float.floatToRawIntBits(f);
        int shl1w = w + w;
        int sign = w & 0x8000_0000;
        int bias = shl1w & 0xFF00_0000;
        if (Integer.compareUnsigned(bias, 0x7100_0000) < 0) {
            bias = 0x7100_0000;
        }
        base = Float.intBitsToFloat((bias >>> 1) + 0x0780_0000) + base;
        int bits = Float.floatToRawIntBits(base);
        int expBits = (bits >>> 13) & 0x7C00;
        int mantissaBits = bits & 0x0FFF;
        int nonsign = expBits + mantissaBits;
        return (short) ((sign >>> 16) | (Integer.compareUnsigned(shl1w, 0xFF00_0000) > 0 ? 0x7E00 : nonsign));
    }

    private static float decode(int h) {
        int sign = (h & 0x8000) << 16;
        int exp = (h >>> 10) & 0x1F;
        int mant = h & 0x3FF;
        if (exp == 0) {
            float v = mant * 0x1p-24f; // zero or subnormal
            return sign != 0 ? -v : v;
        }
        if (exp == 31) {
            return Float.intBitsToFloat(sign | 0x7F80_0000 | (mant << 13));
        }
        return Float.intBitsToFloat(sign | ((exp + 112) << 23) | (mant << 13));
    }
}
