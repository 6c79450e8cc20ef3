package dev.modelport.gguf.fingerprint;

import java.util.ArrayList;
import java.util.List;

/**
 * Similarity of two fingerprints: for each matrix kind both have, the Pearson correlation of
 * their per-layer log standard deviations, averaged over kinds. Logs make the score blind to a
 * uniform rescaling of a layer profile (what continued training and quantization do), and
 * correlation is blind to a constant shift.
 *
 * <p>{@link #THRESHOLD} 0.80 was calibrated on synthetic 12-layer models (see
 * FingerprintTest): small-noise fine-tunes, Q8_0/Q4_0 copies, a perturbation half the
 * weights' size ("continued training") and attention-head permutations all score above 0.95,
 * while independently initialised models of the same shape score below 0.5. Only models with
 * the same number of layers and at least {@link #MIN_LAYERS} layers are comparable.
 *
 * @param score        mean correlation in [-1, 1], or NaN when not comparable
 * @param kindsCompared how many matrix kinds entered the mean
 */
public record FingerprintSimilarity(double score, int kindsCompared) {
    public static final double THRESHOLD = 0.80;
    public static final int MIN_LAYERS = 4;

    /** True when the fingerprints are comparable and at or above {@link #THRESHOLD}. */
    public boolean isMatch() {
        return kindsCompared > 0 && score >= THRESHOLD;
    }

    public boolean comparable() {
        return kindsCompared > 0;
    }

    static FingerprintSimilarity between(WeightFingerprint a, WeightFingerprint b) {
        if (a.layers() != b.layers() || a.layers() < MIN_LAYERS) {
            return new FingerprintSimilarity(Double.NaN, 0);
        }
        List<Double> correlations = new ArrayList<>();
        for (String kind : a.kinds()) {
            float[] x = a.profile(kind);
            float[] y = b.profile(kind);
            if (y != null) {
                double r = logCorrelation(x, y);
                if (!Double.isNaN(r)) {
                    correlations.add(r);
                }
            }
        }
        if (correlations.isEmpty()) {
            return new FingerprintSimilarity(Double.NaN, 0);
        }
        double mean = correlations.stream().mapToDouble(Double::doubleValue).average().orElseThrow();
        return new FingerprintSimilarity(mean, correlations.size());
    }

    /** Pearson correlation over layers where both have a positive std; NaN if fewer than MIN_LAYERS or a flat profile. */
    private static double logCorrelation(float[] x, float[] y) {
        List<double[]> pairs = new ArrayList<>();
        for (int i = 0; i < x.length; i++) {
            if (x[i] > 0 && y[i] > 0) {
                pairs.add(new double[] {Math.log(x[i]), Math.log(y[i])});
            }
        }
        int n = pairs.size();
        if (n < MIN_LAYERS) {
            return Double.NaN;
        }
        double mx = 0;
        double my = 0;
        for (double[] p : pairs) {
            mx += p[0] / n;
            my += p[1] / n;
        }
        double sxy = 0;
        double sxx = 0;
        double syy = 0;
        for (double[] p : pairs) {
            sxy += (p[0] - mx) * (p[1] - my);
            sxx += (p[0] - mx) * (p[0] - mx);
            syy += (p[1] - my) * (p[1] - my);
        }
        return sxx == 0 || syy == 0 ? Double.NaN : sxy / Math.sqrt(sxx * syy);
    }
}
