package dev.modelport.gguf.fingerprint;

import static org.assertj.core.api.Assertions.assertThat;

import dev.modelport.gguf.TestVectors;
import dev.modelport.gguf.quant.ProgressListener;
import dev.modelport.gguf.quant.QuantType;
import dev.modelport.gguf.quant.Quantizer;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FingerprintTest {
    @TempDir
    static Path tmp;

    private static SyntheticModel base;
    private static Path basePath;
    private static WeightFingerprint baseFingerprint;

    @BeforeAll
    static void createBase() throws Exception {
        base = SyntheticModel.random(1);
        basePath = tmp.resolve("base.gguf");
        base.writeTo(basePath);
        baseFingerprint = Fingerprinter.of(basePath);
    }

    @Test
    void recordsTheStandardDeviationOfEveryLayerMatrix() {
        assertThat(baseFingerprint.layers()).isEqualTo(SyntheticModel.LAYERS);
        assertThat(baseFingerprint.kinds()).containsExactlyInAnyOrder(SyntheticModel.KINDS);
        assertThat(baseFingerprint.std("attn_q", 0)).isBetween(0.005f, 0.08f);
        assertThat(baseFingerprint.std("attn_norm", 0)).isNaN(); // 1-D tensors are not part of it
    }

    @Test
    void aSmallNoiseFineTuneMatchesItsBase() throws Exception {
        assertMatches(base.withRelativeNoise(0.05, 11), "finetune");
    }

    @Test
    void continuedTrainingWithALargePerturbationStillMatches() throws Exception {
        Random r = new Random(12);
        // Rescale, then add noise of a fixed absolute size: half the typical weight, the same for every layer.
        SyntheticModel continued = base.map((name, v) -> {
            for (int i = 0; i < v.length; i++) {
                v[i] = 1.05f * v[i] + (float) (0.01 * r.nextGaussian());
            }
            return v;
        });
        assertMatches(continued, "continued");
    }

    @Test
    void attentionHeadPermutationMatches() throws Exception {
        assertMatches(base.withPermutedHeads(new int[] {2, 0, 3, 1}), "permuted");
    }

    @Test
    void quantizedCopiesMatchTheirBase() throws Exception {
        for (QuantType q : new QuantType[] {QuantType.Q8_0, QuantType.Q4_0}) {
            Path quantized = tmp.resolve("base-" + q + ".gguf");
            Quantizer.quantize(basePath, quantized, q, ProgressListener.NONE);
            FingerprintSimilarity s = baseFingerprint.compareTo(Fingerprinter.of(quantized));
            System.out.printf("fingerprint similarity base vs %s: %.4f%n", q, s.score());
            assertThat(s.isMatch()).as("%s copy, score %s", q, s.score()).isTrue();
            assertThat(s.score()).isGreaterThan(0.95);
        }
    }

    @Test
    void independentlyGeneratedModelsOfTheSameShapeDoNotMatch() throws Exception {
        for (long seed = 2; seed <= 6; seed++) {
            Path p = tmp.resolve("independent-" + seed + ".gguf");
            SyntheticModel.random(seed).writeTo(p);
            FingerprintSimilarity s = baseFingerprint.compareTo(Fingerprinter.of(p));
            System.out.printf("fingerprint similarity base vs independent seed %d: %.4f%n", seed, s.score());
            assertThat(s.isMatch()).as("independent seed %d, score %s", seed, s.score()).isFalse();
            assertThat(s.score()).isLessThan(0.5);
        }
    }

    @Test
    void modelsWithDifferentDepthsAreNotComparable() throws Exception {
        WeightFingerprint twoLayers = Fingerprinter.of(TestVectors.file("tiny-f32.gguf"));

        FingerprintSimilarity s = baseFingerprint.compareTo(twoLayers);
        assertThat(s.comparable()).isFalse();
        assertThat(s.isMatch()).isFalse();
    }

    @Test
    void roundTripsThroughItsTextForm() {
        String text = baseFingerprint.encode();

        assertThat(text).startsWith("wfp1;layers=12;attn_k=");
        assertThat(WeightFingerprint.decode(text)).isEqualTo(baseFingerprint);
        assertThat(WeightFingerprint.decode(text).compareTo(baseFingerprint).score()).isEqualTo(1.0, org.assertj.core.data.Offset.offset(1e-9));
    }

    @Test
    void givesTheSameFingerprintWhateverTheThreadCount() throws Exception {
        assertThat(Fingerprinter.withThreads(1).compute(basePath)).isEqualTo(Fingerprinter.withThreads(3).compute(basePath));
    }

    private static void assertMatches(SyntheticModel derivative, String name) throws Exception {
        Path p = tmp.resolve(name + ".gguf");
        derivative.writeTo(p);
        FingerprintSimilarity s = baseFingerprint.compareTo(Fingerprinter.of(p));
        System.out.printf("fingerprint similarity base vs %s: %.4f%n", name, s.score());
        assertThat(s.isMatch()).as("%s, score %s", name, s.score()).isTrue();
        assertThat(s.score()).isGreaterThan(0.95);
        assertThat(s.kindsCompared()).isEqualTo(SyntheticModel.KINDS.length);
    }
}
