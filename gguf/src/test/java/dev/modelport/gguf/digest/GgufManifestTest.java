package dev.modelport.gguf.digest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.modelport.gguf.TestVectors;
import dev.modelport.gguf.format.ByteRange;
import dev.modelport.gguf.format.GgufReader;
import dev.modelport.gguf.format.GgufTensorInfo;
import dev.modelport.gguf.format.GgufWriter;
import dev.modelport.gguf.format.TensorSource;
import dev.modelport.gguf.internal.Sha256;
import dev.modelport.gguf.quant.ProgressListener;
import dev.modelport.gguf.quant.QuantType;
import dev.modelport.gguf.quant.QuantizeResult;
import dev.modelport.gguf.quant.Quantizer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GgufManifestTest {
    private static final Path TINY = TestVectors.file("tiny-f32.gguf");

    @TempDir
    Path tmp;

    @Test
    void digestsEveryTensorAndTheWholeFileInOnePass() throws Exception {
        GgufManifest m = GgufManifest.of(TINY);

        assertThat(m.sha256()).isEqualTo("30613871c167cb1d1a42fa0f752a986cd3d096261b9442fb7018c4d1868738fa");
        assertThat(m.fileSize()).isEqualTo(Files.size(TINY));
        assertThat(m.header()).isEqualTo(new ByteRange(0, 7872));
        assertThat(m.headerSha256()).isEqualTo(sha(Arrays.copyOf(Files.readAllBytes(TINY), 7872)));
        assertThat(m.tensors()).hasSize(21);
        byte[] file = Files.readAllBytes(TINY);
        for (TensorDigest t : m.tensors()) {
            byte[] slice = Arrays.copyOfRange(file, (int) t.range().offset(), (int) t.range().end());
            assertThat(t.sha256()).as(t.name()).isEqualTo(sha(slice));
        }
    }

    @Test
    void agreesWithTheDigestsTheQuantizerReports() throws Exception {
        Path out = tmp.resolve("q.gguf");
        QuantizeResult r = Quantizer.quantize(TINY, out, QuantType.Q4_0, ProgressListener.NONE);

        GgufManifest m = GgufManifest.of(out);
        Map<String, String> fromManifest = m.tensors().stream().collect(Collectors.toMap(TensorDigest::name, TensorDigest::sha256));
        assertThat(fromManifest).isEqualTo(r.tensorSha256());
        assertThat(m.sha256()).isEqualTo(r.sha256());
    }

    @Test
    void deltaFetchesOnlyTheHeaderGapsAndChangedTensorsAndRebuildsTheTarget() throws Exception {
        Path target = tmp.resolve("target.gguf");
        try (GgufReader r = GgufReader.open(TINY)) {
            GgufWriter.Builder b = GgufWriter.builder().metadata(r.header().metadata());
            for (GgufTensorInfo t : r.header().tensors()) {
                TensorSource src = TensorSource.copyOf(r, t);
                if (t.name().equals("blk.1.ffn_down.weight")) {
                    byte[] changed = new byte[(int) t.byteSize()];
                    changed[7] = 1;
                    src = TensorSource.ofBytes(changed);
                }
                b.addTensor(t.name(), t.type(), t.shape(), src);
            }
            b.build().writeTo(target);
        }
        GgufManifest installed = GgufManifest.of(TINY);
        GgufManifest wanted = GgufManifest.of(target);

        DeltaPlan plan = wanted.deltaFrom(installed);

        long changedTensor = wanted.tensor("blk.1.ffn_down.weight").orElseThrow().range().length();
        assertThat(plan.reuse()).hasSize(20);
        assertThat(plan.fetchBytes()).isBetween(changedTensor, changedTensor + 7872 + 21 * 32L);
        assertThat(sha(assemble(plan, Files.readAllBytes(TINY), Files.readAllBytes(target)))).isEqualTo(wanted.sha256());
    }

    /** What an OTA client does: copy reused tensors, download the rest ("server" = target bytes). */
    private static byte[] assemble(DeltaPlan plan, byte[] installed, byte[] server) {
        byte[] out = new byte[server.length];
        for (DeltaPlan.Copy c : plan.reuse()) {
            System.arraycopy(installed, (int) c.installedOffset(), out, (int) c.targetOffset(), (int) c.length());
        }
        for (ByteRange r : plan.fetch()) {
            System.arraycopy(server, (int) r.offset(), out, (int) r.offset(), (int) r.length());
        }
        return out;
    }

    private static String sha(byte[] b) {
        return Sha256.hex(Sha256.newDigest().digest(b));
    }

}
