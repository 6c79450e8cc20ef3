package dev.modelport.gguf.bench;

import dev.modelport.gguf.fingerprint.Fingerprinter;
import dev.modelport.gguf.format.GgmlType;
import dev.modelport.gguf.format.GgufReader;
import dev.modelport.gguf.format.GgufWriter;
import dev.modelport.gguf.format.TensorShape;
import dev.modelport.gguf.internal.Sha256;
import dev.modelport.gguf.quant.ProgressListener;
import dev.modelport.gguf.quant.QuantType;
import dev.modelport.gguf.quant.Quantizer;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Throughput of the quantizer and the fingerprinter on a generated F32 model (default 1 GiB),
 * each next to a baseline that bounds it: a memory copy for the quantizer, a plain SHA-256 of the
 * same file for the fingerprinter. Prints a markdown table. Not a test; run it by hand:
 * {@code java -cp gguf.jar dev.modelport.gguf.bench.QuantizerBench [--size-mib N] [--dir DIR]}.
 * The file is read from the page cache after being written, so this measures CPU, not disk.
 */
public final class QuantizerBench {
    private static final int DIM = 4096; // one 4096 x 4096 F32 matrix is 64 MiB
    private static final int REPEATS = 2; // best of two: the first run also warms the JIT

    private final List<String> rows = new ArrayList<>();

    private QuantizerBench() {
    }

    public static void main(String[] args) throws Exception {
        int sizeMib = 1024;
        Path dir = Paths.get(System.getProperty("java.io.tmpdir"));
        for (int i = 0; i + 1 < args.length; i += 2) {
            if (args[i].equals("--size-mib")) {
                sizeMib = Integer.parseInt(args[i + 1]);
            } else if (args[i].equals("--dir")) {
                dir = Paths.get(args[i + 1]);
            }
        }
        Path work = Files.createTempDirectory(dir, "gguf-bench");
        try {
            new QuantizerBench().run(work, Math.max(1, sizeMib / 64));
        } finally {
            try (var files = Files.list(work)) {
                for (Path p : (Iterable<Path>) files::iterator) {
                    Files.deleteIfExists(p);
                }
            }
            Files.deleteIfExists(work);
        }
    }

    private void run(Path work, int matrices) throws Exception {
        Path model = work.resolve("bench-f32.gguf");
        System.err.printf("generating %d x 64 MiB F32 matrices in %s ...%n", matrices, model);
        generate(model, matrices);
        long input = GgufReader.readHeader(model).tensorBytes();
        long fileSize = Files.size(model);

        measure("memory copy (System.arraycopy, 1 thread)", 4L * (256 << 20), QuantizerBench::copyMemory);
        for (QuantType q : new QuantType[] {QuantType.Q8_0, QuantType.Q4_0}) {
            Path out = work.resolve("bench-" + q + ".gguf");
            measure("quantize F32 -> " + q + " (" + Runtime.getRuntime().availableProcessors() + " threads, incl. SHA-256 of output)",
                    input, () -> Quantizer.quantize(model, out, q, ProgressListener.NONE));
            Files.deleteIfExists(out);
        }
        measure("sha256 of the file (1 thread)", fileSize, () -> sha256(model));
        measure("fingerprint (" + Runtime.getRuntime().availableProcessors() + " threads)", input, () -> Fingerprinter.of(model));
        print(input);
    }

    private interface Work {
        void run() throws Exception;
    }

    private void measure(String what, long bytes, Work work) throws Exception {
        double best = Double.MAX_VALUE;
        for (int i = 0; i < REPEATS; i++) {
            long start = System.nanoTime();
            work.run();
            best = Math.min(best, (System.nanoTime() - start) / 1e9);
        }
        rows.add(String.format(Locale.ROOT, "| %s | %.2f | %.3f | %.2f |", what, bytes / 1e9, best, bytes / 1e9 / best));
        System.err.println(rows.get(rows.size() - 1));
    }

    private void print(long input) {
        System.out.printf(Locale.ROOT, "%nGGUF bench: %.2f GB of F32 weights, %d cores, Java %s, best of %d%n%n",
                input / 1e9, Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"), REPEATS);
        System.out.println("| operation | GB | seconds | GB/s |");
        System.out.println("|---|---:|---:|---:|");
        rows.forEach(System.out::println);
    }

    private static void generate(Path model, int matrices) throws IOException {
        GgufWriter.Builder b = GgufWriter.builder();
        for (int m = 0; m < matrices; m++) {
            final long seed = 0x9E37_79B9_7F4A_7C15L * (m + 1);
            b.addTensor("blk." + m + ".ffn_up.weight", GgmlType.F32, TensorShape.of(DIM, DIM), out -> {
                ByteBuffer buf = ByteBuffer.allocate(4 << 20).order(ByteOrder.LITTLE_ENDIAN);
                long state = seed;
                for (long written = 0; written < 4L * DIM * DIM; written += buf.capacity()) {
                    buf.clear();
                    while (buf.hasRemaining()) {
                        state ^= state << 13;
                        state ^= state >>> 7;
                        state ^= state << 17;
                        // Sum of two uniforms: a cheap bell-ish shape around 0 with std ~0.02.
                        buf.putFloat(((state & 0xFFFF) + ((state >>> 16) & 0xFFFF) - 65535) * 3.0e-7f);
                    }
                    buf.flip();
                    while (buf.hasRemaining()) {
                        out.write(buf);
                    }
                }
            });
        }
        b.build().writeTo(model);
    }

    private static void copyMemory() {
        byte[] a = new byte[256 << 20];
        byte[] b = new byte[256 << 20];
        for (int i = 0; i < 4; i++) {
            System.arraycopy(i % 2 == 0 ? a : b, 0, i % 2 == 0 ? b : a, 0, a.length);
        }
    }

    private static String sha256(Path file) throws IOException {
        MessageDigest d = Sha256.newDigest();
        ByteBuffer buf = ByteBuffer.allocateDirect(1 << 20);
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            while (ch.read(buf) >= 0) {
                buf.flip();
                d.update(buf);
                buf.clear();
            }
        }
        return Sha256.hex(d.digest());
    }
}
