package dev.modelport.gguf.fingerprint;

/**
 * Count, mean and sum of squared deviations, merged chunk by chunk with Chan et al.'s parallel
 * update, so the variance stays accurate over billions of elements. Mutable; confined to one task.
 */
final class RunningStats {
    private long count;
    private double mean;
    private double m2;

    /** Adds {@code values[0..n)} with a two-pass chunk mean, then merges. */
    void add(float[] values, int n) {
        if (n == 0) {
            return;
        }
        double sum = 0;
        for (int i = 0; i < n; i++) {
            sum += values[i];
        }
        double chunkMean = sum / n;
        double chunkM2 = 0;
        for (int i = 0; i < n; i++) {
            double d = values[i] - chunkMean;
            chunkM2 += d * d;
        }
        long total = count + n;
        double delta = chunkMean - mean;
        mean += delta * n / total;
        m2 += chunkM2 + delta * delta * ((double) count * n / total);
        count = total;
    }

    long count() {
        return count;
    }

    /** Population standard deviation. */
    double std() {
        return count == 0 ? 0 : Math.sqrt(m2 / count);
    }
}
