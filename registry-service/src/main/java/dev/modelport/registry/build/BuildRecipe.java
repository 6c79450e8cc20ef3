package dev.modelport.registry.build;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.modelport.gguf.quant.QuantType;
import dev.modelport.gguf.quant.Quantizer;
import dev.modelport.signing.json.CanonicalJson;

/**
 * What re-running a build means: the quantizer, its version and the target type. Running the same recipe on the
 * same input reproduces the same bytes, which is what makes a platform build's derivation verifiable.
 */
record BuildRecipe(QuantType quantType) {

    static final String TOOL = "modelport-gguf";
    /** The quantizer's own version and ggml's quantization format version; both change the output bytes. */
    static final String QUANTIZER_VERSION = "0.1.0+qnt" + Quantizer.QUANTIZATION_VERSION;

    ObjectNode json() {
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        o.put("tool", TOOL);
        o.put("quantType", quantType.name());
        o.put("pure", true); // every 2-D weight gets quantType, as llama-quantize --pure
        return o;
    }

    String canonical() {
        return CanonicalJson.canonicalString(json());
    }

    static BuildRecipe parse(String canonical) {
        return new BuildRecipe(QuantType.parse(CanonicalJson.parse(canonical).get("quantType").asText()));
    }
}
