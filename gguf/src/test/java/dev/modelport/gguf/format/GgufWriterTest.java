package dev.modelport.gguf.format;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.modelport.gguf.TestVectors;
import dev.modelport.gguf.internal.Sha256;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GgufWriterTest {
    @TempDir
    Path tmp;

    @Test
    void copyingAFileThroughReaderAndWriterReproducesItByteForByte() throws Exception {
        Path in = TestVectors.file("tiny-f32.gguf");
        Path out = tmp.resolve("copy.gguf");
        WriteResult result;
        try (GgufReader r = GgufReader.open(in)) {
            GgufWriter.Builder b = GgufWriter.builder().metadata(r.header().metadata());
            for (GgufTensorInfo t : r.header().tensors()) {
                b.addTensor(t.name(), t.type(), t.shape(), TensorSource.copyOf(r, t));
            }
            result = b.build().writeTo(out);
        }

        assertThat(Files.readAllBytes(out)).isEqualTo(Files.readAllBytes(in));
        assertThat(result.size()).isEqualTo(Files.size(in));
        assertThat(result.sha256()).isEqualTo("30613871c167cb1d1a42fa0f752a986cd3d096261b9442fb7018c4d1868738fa");
    }

    @Test
    void roundTripsEveryValueTypeIncludingNestedArrays() throws Exception {
        GgufArray nested = GgufArray.ofValues(GgufValueType.ARRAY, List.of(
                GgufArray.ofInt32(1, -2, 3),
                GgufArray.ofValues(GgufValueType.ARRAY, List.of(GgufArray.ofStrings(List.of("deep", "ünïcode"))))));
        GgufMetadata metadata = GgufMetadata.builder()
                .put("u8", GgufScalar.uint8(255))
                .put("i8", GgufScalar.int8(-128))
                .put("u16", GgufScalar.uint16(65535))
                .put("i16", GgufScalar.int16(-32768))
                .put("u32", GgufScalar.uint32(0xFFFF_FFFFL))
                .put("i32", GgufScalar.int32(Integer.MIN_VALUE))
                .put("u64", GgufScalar.uint64(-1L))
                .put("i64", GgufScalar.int64(Long.MIN_VALUE))
                .put("f32", GgufScalar.float32(-0.0f))
                .put("f64", GgufScalar.float64(Math.PI))
                .put("bool", GgufScalar.bool(true))
                .put("str", "héllo")
                .put("floats", GgufArray.ofFloat32(1.5f, Float.NaN))
                .put("bools", GgufArray.ofValues(GgufValueType.BOOL, List.of(GgufScalar.bool(false), GgufScalar.bool(true))))
                .put("empty", GgufArray.ofStrings(List.of()))
                .put("nested", nested)
                .build();
        byte[] data = new byte[4 * 48];
        data[5] = 42;
        Path out = tmp.resolve("all.gguf");
        GgufWriter.builder().metadata(metadata).alignment(64)
                .addTensor("t.weight", GgmlType.F32, TensorShape.of(16, 3), TensorSource.ofBytes(data))
                .addTensor("q.weight", GgmlType.Q8_0, TensorShape.of(32), TensorSource.ofBytes(new byte[34]))
                .build().writeTo(out);

        try (GgufReader r = GgufReader.open(out)) {
            GgufHeader h = r.header();
            assertThat(h.metadata().asMap()).containsAllEntriesOf(metadata.asMap());
            assertThat(h.metadata().findLong("u32")).hasValue(0xFFFF_FFFFL);
            assertThat(h.metadata().get("u64").orElseThrow().toString()).isEqualTo("18446744073709551615");
            assertThat(h.metadata().findArray("nested").orElseThrow()).isEqualTo(nested);
            assertThat(h.alignment()).isEqualTo(64);
            assertThat(h.dataOffset() % 64).isZero();
            GgufTensorInfo q = h.tensor("q.weight").orElseThrow();
            assertThat(q.offset()).isEqualTo(192);
            ByteBuffer buf = ByteBuffer.allocate(data.length);
            r.read(h.tensor("t.weight").orElseThrow(), 0, buf);
            assertThat(buf.array()).isEqualTo(data);
        }
    }

    @Test
    void reportsPerTensorDigestsOfTheBytesWritten() throws Exception {
        byte[] a = new byte[64];
        a[0] = 1;
        WriteResult result = GgufWriter.builder()
                .addTensor("a", GgmlType.F32, TensorShape.of(16), TensorSource.ofBytes(a))
                .build().writeTo(tmp.resolve("d.gguf"));

        assertThat(result.tensorSha256()).containsEntry("a", Sha256.hex(Sha256.newDigest().digest(a)));
        assertThat(result.sha256()).isEqualTo(Sha256.hex(Sha256.newDigest().digest(Files.readAllBytes(tmp.resolve("d.gguf")))));
    }

    @Test
    void padsTheLastTensorToTheAlignmentAsGgmlDoes() throws Exception {
        Path out = tmp.resolve("pad.gguf");
        WriteResult r = GgufWriter.builder()
                .addTensor("a", GgmlType.F32, TensorShape.of(3), TensorSource.ofBytes(new byte[12]))
                .build().writeTo(out);

        assertThat(Files.size(out) % 32).isZero();
        assertThat(r.size()).isEqualTo(Files.size(out)).isEqualTo(r.header().fileSize());
        assertThat(GgufReader.readHeader(out).tensor("a").orElseThrow().byteSize()).isEqualTo(12);
    }

    @Test
    void rejectsASourceThatWritesTheWrongNumberOfBytes() throws Exception {
        GgufWriter w = GgufWriter.builder()
                .addTensor("a", GgmlType.F32, TensorShape.of(16), TensorSource.ofBytes(new byte[60]))
                .build();

        assertThatThrownBy(() -> w.writeTo(tmp.resolve("bad.gguf")))
                .isInstanceOfSatisfying(GgufFormatException.class,
                        e -> assertThat(e.error()).isEqualTo(GgufError.TENSOR_SIZE_MISMATCH));
        assertThat(tmp.resolve("bad.gguf")).doesNotExist();
        try (var files = Files.list(tmp)) {
            assertThat(files).isEmpty();
        }
    }

    @Test
    void rejectsShapesThatAreNotWholeBlocks() {
        assertThatThrownBy(() -> GgufWriter.builder().addTensor("a", GgmlType.Q4_0, TensorShape.of(33), TensorSource.ofBytes(new byte[0])))
                .isInstanceOf(GgufFormatException.class)
                .hasMessageContaining("block size 32");
    }
}
