package dev.modelport.gguf.quant;

import dev.modelport.gguf.format.GgmlType;
import java.util.Locale;

/**
 * Target of a quantization run: the tensor type for quantizable weights, and the
 * {@code general.file_type} value ({@code enum llama_ftype} in llama.h) recorded in the output.
 */
public enum QuantType {
    /** LLAMA_FTYPE_ALL_F32: every weight widened to F32 (also how to dequantize a model). */
    F32(GgmlType.F32, 0),
    /** LLAMA_FTYPE_MOSTLY_F16. */
    F16(GgmlType.F16, 1),
    /** LLAMA_FTYPE_MOSTLY_Q4_0. */
    Q4_0(GgmlType.Q4_0, 2),
    /** LLAMA_FTYPE_MOSTLY_Q8_0. */
    Q8_0(GgmlType.Q8_0, 7),
    /** LLAMA_FTYPE_MOSTLY_BF16. */
    BF16(GgmlType.BF16, 32);

    private final GgmlType tensorType;
    private final int fileType;

    QuantType(GgmlType tensorType, int fileType) {
        this.tensorType = tensorType;
        this.fileType = fileType;
    }

    public GgmlType tensorType() {
        return tensorType;
    }

    /** The llama_ftype value written to {@code general.file_type}. */
    public int fileType() {
        return fileType;
    }

    /** Accepts {@code q8_0}, {@code Q8_0}, {@code q4_0}, {@code f16}, ... */
    public static QuantType parse(String s) {
        try {
            return valueOf(s.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown quantization type '" + s + "'; expected one of Q8_0, Q4_0, F16, BF16, F32");
        }
    }
}
