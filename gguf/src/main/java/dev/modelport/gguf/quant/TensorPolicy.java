package dev.modelport.gguf.quant;

import dev.modelport.gguf.format.GgmlType;
import dev.modelport.gguf.format.GgufTensorInfo;
import java.util.List;

/**
 * Which tensors get the target type. Mirrors the selection in llama.cpp's
 * {@code llama_model_quantize_impl} (src/llama-quant.cpp) with {@code --pure}: weights of two or
 * more dimensions, except norms, expert gates and a list of small special matrices. Everything
 * else is copied unchanged, which keeps 1-D norm tensors in F32.
 */
final class TensorPolicy {
    private static final List<String> NEVER_CONTAINS = List.of(
            "_norm.weight", "ffn_gate_inp.weight", "altup", "laurel", "per_layer_model_proj",
            "ssm_conv1d.weight", "shortconv.conv.weight", "attn_rel_b.weight",
            "time_mix_first.weight", "time_mix_w0.weight", "time_mix_w1.weight", "time_mix_w2.weight",
            "time_mix_v0.weight", "time_mix_v1.weight", "time_mix_v2.weight", "time_mix_a0.weight",
            "time_mix_a1.weight", "time_mix_a2.weight", "time_mix_g1.weight", "time_mix_g2.weight",
            "time_mix_decay_w1.weight", "time_mix_decay_w2.weight", "time_mix_lerp_fused.weight");
    private static final List<String> NEVER_EQUALS = List.of("position_embd.weight", "token_types.weight");

    private TensorPolicy() {
    }

    /** The type this tensor should have in the output. */
    static GgmlType targetType(GgufTensorInfo t, QuantType target) {
        if (!isQuantizable(t)) {
            return t.type();
        }
        // llama.cpp would abort on a row that is not a whole number of blocks; we keep the
        // tensor as it is, so odd-shaped models still convert.
        if (t.shape().dim(0) % target.tensorType().blockSize() != 0) {
            return t.type();
        }
        return target.tensorType();
    }

    static boolean isQuantizable(GgufTensorInfo t) {
        String name = t.name();
        if (!name.endsWith("weight") || t.shape().rank() < 2 || NEVER_EQUALS.contains(name)) {
            return false;
        }
        for (String part : NEVER_CONTAINS) {
            if (name.contains(part)) {
                return false;
            }
        }
        return true;
    }
}
