package dev.modelport.gguf.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.modelport.gguf.TestVectors;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GgufCliTest {
    private static final String TINY = TestVectors.file("tiny-f32.gguf").toString();

    @TempDir
    Path tmp;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        return GgufCli.run(args, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private String stdout() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private String stderr() {
        return err.toString(StandardCharsets.UTF_8);
    }

    @Test
    void inspectPrintsMetadataTensorTableAndMemoryEstimate() {
        assertThat(run("inspect", TINY)).isZero();

        assertThat(stdout())
                .contains("GGUF v3", "alignment 32", "tensor data at offset 7872")
                .containsPattern("general\\.architecture\\s+STRING\\s+llama")
                .containsPattern("token_embd\\.weight\\s+F32\\s+\\[64, 264]\\s+7872\\s+67584")
                .contains("memory estimate at context 256: weights 453.3 KiB + KV cache (f16) 128.0 KiB");
    }

    @Test
    void inspectHonoursAContextLength() {
        assertThat(run("inspect", TINY, "--context", "4096")).isZero();
        assertThat(stdout()).contains("memory estimate at context 4096", "KV cache (f16) 2.0 MiB");
    }

    @Test
    void quantizeWritesTheFileShowsProgressAndPrintsDigests() throws Exception {
        Path q = tmp.resolve("q.gguf");

        assertThat(run("quantize", TINY, q.toString(), "q4_0", "--threads", "2")).isZero();

        assertThat(q).exists();
        assertThat(stderr()).contains("quantizing 100.0%");
        assertThat(stdout()).contains("(Q4_0,").containsPattern("sha256:[0-9a-f]{64}\\n")
                .containsPattern("blk\\.0\\.attn_q\\.weight sha256:[0-9a-f]{64}");
        assertThat(Files.size(q)).isEqualTo(Files.size(TestVectors.file("tiny-q4_0-ref.gguf")));
    }

    @Test
    void digestListsTensorRangesForRangedDownloads() {
        assertThat(run("digest", TINY)).isZero();
        assertThat(stdout())
                .contains("file    sha256:30613871c167cb1d1a42fa0f752a986cd3d096261b9442fb7018c4d1868738fa 472000 bytes")
                .contains("header  sha256:")
                .containsPattern("tensor  sha256:[0-9a-f]{64} bytes=7872-75455 token_embd\\.weight");
    }

    @Test
    void fingerprintComparesTwoModels() {
        assertThat(run("fingerprint", TINY)).isZero();
        assertThat(stdout()).startsWith("wfp1;layers=2;");
        assertThat(run("fingerprint", TINY, TINY)).isZero();
        assertThat(stdout()).contains("not comparable"); // two layers are too few to correlate
    }

    @Test
    void reportsUsageErrorsWithStatus2() {
        assertThat(run()).isEqualTo(2);
        assertThat(run("quantize", TINY)).isEqualTo(2);
        assertThat(run("quantize", TINY, tmp.resolve("x").toString(), "Q5_K")).isEqualTo(2);
        assertThat(stderr()).contains("unknown quantization type 'Q5_K'");
        assertThat(run("frobnicate")).isEqualTo(2);
    }

    @Test
    void reportsMalformedFilesWithStatus1() throws Exception {
        Path bad = tmp.resolve("bad.gguf");
        Files.write(bad, "NOPE, not a model".getBytes(StandardCharsets.US_ASCII));

        assertThat(run("inspect", bad.toString())).isEqualTo(1);
        assertThat(stderr()).contains("malformed GGUF: BAD_MAGIC");
        assertThat(run("inspect", tmp.resolve("missing.gguf").toString())).isEqualTo(1);
    }
}
