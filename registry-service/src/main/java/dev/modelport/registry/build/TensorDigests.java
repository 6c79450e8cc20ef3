package dev.modelport.registry.build;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.modelport.gguf.digest.GgufManifest;
import dev.modelport.gguf.digest.TensorDigest;
import dev.modelport.gguf.format.GgufHeader;
import dev.modelport.gguf.format.GgufTensorInfo;
import dev.modelport.signing.json.CanonicalJson;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A build's per-tensor digests as stored in {@code build.tensor_digests}: {@code [{"name", "offset", "length",
 * "digest": "sha256:..."}]} in file order, absolute byte ranges, so a delta download can fetch single tensors.
 */
final class TensorDigests {

    private TensorDigests() {
    }

    static String of(GgufHeader header, Map<String, String> sha256Hex) {
        ArrayNode list = JsonNodeFactory.instance.arrayNode();
        for (GgufTensorInfo t : header.tensors()) {
            list.addObject().put("name", t.name()).put("offset", header.rangeOf(t).offset())
                    .put("length", t.byteSize()).put("digest", "sha256:" + sha256Hex.get(t.name()));
        }
        return list.toString();
    }

    static String of(GgufManifest manifest) {
        ArrayNode list = JsonNodeFactory.instance.arrayNode();
        for (TensorDigest t : manifest.tensors()) {
            list.addObject().put("name", t.name()).put("offset", t.range().offset())
                    .put("length", t.range().length()).put("digest", "sha256:" + t.sha256());
        }
        return list.toString();
    }

    /** Tensor name to lower-case hex, in file order. */
    static Map<String, String> hexByName(String json) {
        Map<String, String> out = new LinkedHashMap<>();
        for (JsonNode t : CanonicalJson.parse(json)) {
            out.put(t.get("name").asText(), t.get("digest").asText().substring("sha256:".length()));
        }
        return out;
    }
}
