package dev.modelport.gguf.quant;

import dev.modelport.gguf.format.GgmlType;
import dev.modelport.gguf.format.GgufError;
import dev.modelport.gguf.format.GgufFormatException;
import dev.modelport.gguf.format.GgufHeader;
import dev.modelport.gguf.format.GgufMetadata;
import dev.modelport.gguf.format.GgufReader;
import dev.modelport.gguf.format.GgufScalar;
import dev.modelport.gguf.format.GgufTensorInfo;
import dev.modelport.gguf.format.GgufWriter;
import dev.modelport.gguf.format.ReadLimits;
import dev.modelport.gguf.format.TensorSource;
import dev.modelport.gguf.format.WriteResult;
import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Converts a GGUF model's weights to Q8_0, Q4_0, F16, BF16 or F32, producing for every tensor the
 * same bytes as {@code llama-quantize --pure} (reference vectors under shared/vectors/gguf).
 * Inputs may be F32, F16, BF16, Q8_0 or Q4_0; quantized inputs are dequantized first. Work runs
 * on a bounded pool of {@code threads} workers; memory stays at a few chunks per worker.
 * A Quantizer is immutable and can be shared.
 */
public final class Quantizer {
    /** {@code GGML_QNT_VERSION}, written to {@code general.quantization_version}. */
    public static final int QUANTIZATION_VERSION = 2;

    private static final Quantizer DEFAULTS = builder().build();

    private final int threads;
    private final int chunkElements;
    private final ReadLimits limits;

    private Quantizer(Builder b) {
        this.threads = b.threads;
        this.chunkElements = b.chunkElements;
        this.limits = b.limits;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Quantizes with every core and default limits. */
    public static QuantizeResult quantize(Path in, Path out, QuantType type, ProgressListener listener) throws IOException {
        return DEFAULTS.run(in, out, type, listener);
    }

    /**
     * Reads {@code in}, writes {@code out} (atomically: a failed run leaves no output file) and
     * returns its digests.
     *
     * @throws GgufFormatException if {@code in} is malformed or holds a weight in a type we cannot
     *     decode (for example Q6_K)
     */
    public QuantizeResult run(Path in, Path out, QuantType type, ProgressListener listener) throws IOException {
        ExecutorService pool = newPool();
        try (GgufReader reader = GgufReader.open(in, limits)) {
            GgufHeader h = reader.header();
            Progress progress = new Progress(h.tensorBytes(), listener);
            ConvertingSource.Pipeline pipeline = new ConvertingSource.Pipeline(pool, 2 * threads, chunkElements);
            GgufWriter.Builder w = GgufWriter.builder().metadata(outputMetadata(h.metadata(), type));
            for (GgufTensorInfo t : h.tensors()) {
                GgmlType target = TensorPolicy.targetType(t, type);
                w.addTensor(t.name(), target, t.shape(), source(reader, t, target, pipeline, progress));
            }
            WriteResult r = w.build().writeTo(out);
            return new QuantizeResult(out, type, r.header(), r.size(), r.sha256(), r.tensorSha256());
        } finally {
            pool.shutdownNow();
        }
    }

    /**
     * The type {@code tensor} gets in a run to {@code type} ({@code --pure} selection: weights of two or more
     * dimensions except norms and a few special matrices; everything else is copied). Lets a caller project the
     * output size, for a memory estimate, before running.
     */
    public static GgmlType targetType(GgufTensorInfo tensor, QuantType type) {
        return TensorPolicy.targetType(tensor, type);
    }

    /** As llama.cpp: all input keys, then quantization_version and file_type moved to the end. */
    static GgufMetadata outputMetadata(GgufMetadata in, QuantType type) {
        return in.toBuilder()
                .putLast(GgufMetadata.QUANTIZATION_VERSION, GgufScalar.uint32(QUANTIZATION_VERSION))
                .putLast(GgufMetadata.FILE_TYPE, GgufScalar.uint32(type.fileType()))
                .build();
    }

    private static TensorSource source(GgufReader reader, GgufTensorInfo t, GgmlType target,
                                       ConvertingSource.Pipeline pipeline, Progress progress) throws GgufFormatException {
        if (target == t.type()) {
            return out -> progress.add(reader.copyTensor(t, out));
        }
        BlockCodec from = Codecs.of(t.type()).orElseThrow(() -> new GgufFormatException(GgufError.UNSUPPORTED_TENSOR_TYPE,
                "tensor '" + t.name() + "' is " + t.type() + "; only F32, F16, BF16, Q8_0 and Q4_0 inputs can be converted"));
        BlockCodec to = Codecs.of(target).orElseThrow();
        return new ConvertingSource(reader, t, from, to, pipeline, progress);
    }

    private ExecutorService newPool() {
        AtomicInteger n = new AtomicInteger();
        return Executors.newFixedThreadPool(threads, r -> {
            Thread th = new Thread(r, "gguf-quantize-" + n.incrementAndGet());
            th.setDaemon(true);
            return th;
        });
    }

    public static final class Builder {
        private int threads = Runtime.getRuntime().availableProcessors();
        private int chunkElements = 256 * 1024;
        private ReadLimits limits = ReadLimits.defaults();

        private Builder() {
        }

        /** Worker threads; defaults to the number of available processors. */
        public Builder threads(int threads) {
            if (threads < 1) {
                throw new IllegalArgumentException("threads must be at least 1");
            }
            this.threads = threads;
            return this;
        }

        /** Elements per work item, rounded down to whole 32-element blocks; default 256 Ki (1 MiB of F32). */
        public Builder chunkElements(int elements) {
            if (elements < 32) {
                throw new IllegalArgumentException("a chunk holds at least one 32-element block");
            }
            this.chunkElements = elements / 32 * 32;
            return this;
        }

        public Builder limits(ReadLimits limits) {
            this.limits = limits;
            return this;
        }

        public Quantizer build() {
            return new Quantizer(this);
        }
    }
}
