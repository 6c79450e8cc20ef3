package dev.modelport.gguf.fingerprint;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * A compact statistical signature of a model's weights: for every per-layer matrix kind
 * ({@code attn_q}, {@code ffn_down}, ...) the standard deviation of that matrix in each layer.
 * Following "Intrinsic Fingerprint of LLMs" (arXiv 2507.03014), the shape of these per-layer
 * profiles survives fine-tuning, continued training and quantization, while independently trained
 * models differ. (That paper was later withdrawn by arXiv; we use the statistic as a screening
 * signal that raises a finding for a regulator, never as proof of lineage.)
 *
 * <p>Immutable. {@link #encode()} gives a stable text form for storage next to a model version.
 */
public final class WeightFingerprint {
    private static final String PREFIX = "wfp1";

    private final int layers;
    private final Map<String, float[]> stdByKind; // kind -> std per layer; NaN where a layer lacks it

    WeightFingerprint(int layers, Map<String, float[]> stdByKind) {
        this.layers = layers;
        TreeMap<String, float[]> copy = new TreeMap<>();
        stdByKind.forEach((k, v) -> copy.put(k, v.clone()));
        this.stdByKind = Collections.unmodifiableMap(copy);
    }

    public int layers() {
        return layers;
    }

    /** Matrix kinds in sorted order. */
    public List<String> kinds() {
        return new ArrayList<>(stdByKind.keySet());
    }

    /** Standard deviation of {@code blk.<layer>.<kind>.weight}, or NaN if absent. */
    public float std(String kind, int layer) {
        float[] v = stdByKind.get(kind);
        return v == null || layer < 0 || layer >= v.length ? Float.NaN : v[layer];
    }

    /** How alike two fingerprints are; see {@link FingerprintSimilarity}. */
    public FingerprintSimilarity compareTo(WeightFingerprint other) {
        return FingerprintSimilarity.between(this, other);
    }

    float[] profile(String kind) {
        float[] v = stdByKind.get(kind);
        return v == null ? null : v.clone();
    }

    /** {@code wfp1;layers=N;<kind>=<std>,<std>,...;...} with kinds sorted. */
    public String encode() {
        StringBuilder sb = new StringBuilder(PREFIX).append(";layers=").append(layers);
        for (Map.Entry<String, float[]> e : stdByKind.entrySet()) {
            sb.append(';').append(e.getKey()).append('=');
            float[] v = e.getValue();
            for (int i = 0; i < v.length; i++) {
                sb.append(i == 0 ? "" : ",").append(Float.isNaN(v[i]) ? "nan" : Float.toString(v[i]).toLowerCase(Locale.ROOT));
            }
        }
        return sb.toString();
    }

    /** Parses {@link #encode()}'s output. */
    public static WeightFingerprint decode(String text) {
        String[] parts = text.split(";");
        if (parts.length < 2 || !parts[0].equals(PREFIX) || !parts[1].startsWith("layers=")) {
            throw new IllegalArgumentException("not a " + PREFIX + " fingerprint");
        }
        int layers = Integer.parseInt(parts[1].substring("layers=".length()));
        Map<String, float[]> kinds = new TreeMap<>();
        for (int i = 2; i < parts.length; i++) {
            int eq = parts[i].indexOf('=');
            String[] values = parts[i].substring(eq + 1).split(",");
            if (eq <= 0 || values.length != layers) {
                throw new IllegalArgumentException("malformed entry '" + parts[i] + "'");
            }
            float[] v = new float[layers];
            for (int l = 0; l < layers; l++) {
                v[l] = values[l].equals("nan") ? Float.NaN : Float.parseFloat(values[l]);
            }
            kinds.put(parts[i].substring(0, eq), v);
        }
        return new WeightFingerprint(layers, kinds);
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof WeightFingerprint)) {
            return false;
        }
        WeightFingerprint other = (WeightFingerprint) o;
        if (layers != other.layers || !stdByKind.keySet().equals(other.stdByKind.keySet())) {
            return false;
        }
        return stdByKind.entrySet().stream().allMatch(e -> Arrays.equals(e.getValue(), other.stdByKind.get(e.getKey())));
    }

    @Override
    public int hashCode() {
        return encode().hashCode();
    }

    @Override
    public String toString() {
        return encode();
    }
}
