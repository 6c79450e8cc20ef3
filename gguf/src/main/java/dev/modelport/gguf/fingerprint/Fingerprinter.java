package dev.modelport.gguf.fingerprint;

import dev.modelport.gguf.format.GgufError;
import dev.modelport.gguf.format.GgufFormatException;
import dev.modelport.gguf.format.GgufReader;
import dev.modelport.gguf.format.GgufTensorInfo;
import dev.modelport.gguf.quant.BlockCodec;
import dev.modelport.gguf.quant.Codecs;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Computes a {@link WeightFingerprint} by streaming a GGUF file: every per-layer matrix
 * ({@code blk.<n>.<kind>.weight} with two or more dimensions) is dequantized chunk by chunk and
 * reduced to its standard deviation. Tensors are processed in parallel on a bounded pool; memory
 * is two chunk buffers per worker.
 */
public final class Fingerprinter {
    private static final Pattern LAYER_MATRIX = Pattern.compile("blk\\.(\\d{1,6})\\.(.+)\\.weight");
    private static final int CHUNK_ELEMENTS = 256 * 1024;

    private final int threads;

    private Fingerprinter(int threads) {
        this.threads = threads;
    }

    /** Uses every available processor. */
    public static Fingerprinter create() {
        return withThreads(Runtime.getRuntime().availableProcessors());
    }

    public static Fingerprinter withThreads(int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1");
        }
        return new Fingerprinter(threads);
    }

    /** Shortcut for {@code create().compute(file)}. */
    public static WeightFingerprint of(Path file) throws IOException {
        return create().compute(file);
    }

    /**
     * @throws GgufFormatException if the file is malformed or a layer matrix has a type we cannot
     *     dequantize
     */
    public WeightFingerprint compute(Path file) throws IOException {
        ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "gguf-fingerprint");
            t.setDaemon(true);
            return t;
        });
        try (GgufReader reader = GgufReader.open(file)) {
            Map<String, Map<Integer, Future<Double>>> pending = new HashMap<>();
            int layers = 0;
            for (GgufTensorInfo t : reader.header().tensors()) {
                Matcher m = LAYER_MATRIX.matcher(t.name());
                if (!m.matches() || t.shape().rank() < 2) {
                    continue;
                }
                BlockCodec codec = Codecs.of(t.type()).orElseThrow(() -> new GgufFormatException(GgufError.UNSUPPORTED_TENSOR_TYPE,
                        "cannot fingerprint tensor '" + t.name() + "' of type " + t.type()));
                int layer = Integer.parseInt(m.group(1));
                layers = Math.max(layers, layer + 1);
                pending.computeIfAbsent(m.group(2), k -> new HashMap<>()).put(layer, pool.submit(() -> std(reader, t, codec)));
            }
            return new WeightFingerprint(layers, collect(pending, layers));
        } finally {
            pool.shutdownNow();
        }
    }

    private static Map<String, float[]> collect(Map<String, Map<Integer, Future<Double>>> pending, int layers) throws IOException {
        Map<String, float[]> out = new HashMap<>();
        for (Map.Entry<String, Map<Integer, Future<Double>>> kind : pending.entrySet()) {
            float[] v = new float[layers];
            Arrays.fill(v, Float.NaN);
            for (Map.Entry<Integer, Future<Double>> layer : kind.getValue().entrySet()) {
                v[layer.getKey()] = (float) await(layer.getValue());
            }
            out.put(kind.getKey(), v);
        }
        return out;
    }

    private static double std(GgufReader reader, GgufTensorInfo t, BlockCodec codec) throws IOException {
        RunningStats stats = new RunningStats();
        long n = t.elementCount();
        ByteBuffer buf = ByteBuffer.allocate((int) codec.bytesFor(Math.min(n, CHUNK_ELEMENTS))).order(ByteOrder.LITTLE_ENDIAN);
        float[] values = new float[(int) Math.min(n, CHUNK_ELEMENTS)];
        for (long start = 0; start < n; start += CHUNK_ELEMENTS) {
            int count = (int) Math.min(CHUNK_ELEMENTS, n - start);
            buf.clear().limit((int) codec.bytesFor(count));
            reader.read(t, codec.bytesFor(start), buf);
            buf.flip();
            codec.decode(buf, values, count);
            stats.add(values, count);
        }
        return stats.std();
    }

    private static double await(Future<Double> f) throws IOException {
        try {
            return f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while fingerprinting");
        } catch (ExecutionException e) {
            if (e.getCause() instanceof IOException) {
                throw (IOException) e.getCause();
            }
            throw new IOException(e.getCause());
        }
    }
}
