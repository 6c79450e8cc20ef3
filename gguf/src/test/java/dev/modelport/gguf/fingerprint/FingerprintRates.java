package dev.modelport.gguf.fingerprint;

import dev.modelport.gguf.quant.QuantType;
import dev.modelport.gguf.quant.Quantizer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Measures the fingerprint's error rates on synthetic 12-layer models (not a test; results in docs/fingerprints.md):
 * false negatives over derivatives of many bases (small-noise fine-tune, large perturbation, Q8_0 and Q4_0 copies,
 * head permutation), false positives over every pair of independently generated models.
 *
 * <pre>java -cp gguf/target/classes:gguf/target/test-classes dev.modelport.gguf.fingerprint.FingerprintRates 60</pre>
 */
public final class FingerprintRates {

    private FingerprintRates() {
    }

    public static void main(String[] args) throws Exception {
        int models = args.length > 0 ? Integer.parseInt(args[0]) : 60;
        Path dir = Files.createTempDirectory("fingerprint-rates");
        Fingerprinter fingerprinter = Fingerprinter.withThreads(1);
        List<WeightFingerprint> bases = new ArrayList<>();
        String[] kinds = {"noise 0.05", "noise 0.5", "Q8_0", "Q4_0", "heads permuted"};
        int[] misses = new int[kinds.length];
        double[] lowest = {1, 1, 1, 1, 1};
        Random r = new Random(42);
        for (int i = 0; i < models; i++) {
            SyntheticModel base = SyntheticModel.random(r.nextLong());
            Path basePath = dir.resolve("base.gguf");
            base.writeTo(basePath);
            WeightFingerprint fp = fingerprinter.compute(basePath);
            bases.add(fp);
            for (int k = 0; k < kinds.length; k++) {
                Path d = dir.resolve("derivative.gguf");
                switch (k) {
                    case 0 -> base.withRelativeNoise(0.05, r.nextLong()).writeTo(d);
                    case 1 -> base.withRelativeNoise(0.5, r.nextLong()).writeTo(d);
                    case 2 -> Quantizer.quantize(basePath, d, QuantType.Q8_0, (a, b) -> { });
                    case 3 -> Quantizer.quantize(basePath, d, QuantType.Q4_0, (a, b) -> { });
                    default -> base.withPermutedHeads(new int[] {2, 0, 3, 1}).writeTo(d);
                }
                FingerprintSimilarity s = fp.compareTo(fingerprinter.compute(d));
                lowest[k] = Math.min(lowest[k], s.score());
                if (!s.isMatch()) {
                    misses[k]++;
                }
                Files.delete(d);
            }
        }
        int pairs = 0;
        int falseMatches = 0;
        double highest = -1;
        for (int i = 0; i < bases.size(); i++) {
            for (int j = i + 1; j < bases.size(); j++) {
                FingerprintSimilarity s = bases.get(i).compareTo(bases.get(j));
                pairs++;
                highest = Math.max(highest, s.score());
                if (s.isMatch()) {
                    falseMatches++;
                }
            }
        }
        System.out.printf("threshold %.2f, %d bases, 12 layers%n", FingerprintSimilarity.THRESHOLD, models);
        for (int k = 0; k < kinds.length; k++) {
            System.out.printf("derivative %-15s missed %d of %d (lowest score %.4f)%n", kinds[k], misses[k], models,
                    lowest[k]);
        }
        System.out.printf("independent pairs: %d of %d matched (highest score %.4f)%n", falseMatches, pairs, highest);
    }
}
