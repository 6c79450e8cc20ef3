package dev.modelport.gguf.quant;

import dev.modelport.gguf.format.GgufReader;
import dev.modelport.gguf.format.GgufTensorInfo;
import dev.modelport.gguf.format.TensorSource;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.WritableByteChannel;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;

/**
 * Streams one tensor converted to another type. The tensor is cut into chunks of whole blocks;
 * workers read, decode and re-encode chunks in parallel, while the calling thread writes them out
 * in order. At most {@code window} chunks are in flight, so memory is bounded by the window and
 * not by the tensor or the model. Blocks never span rows (a row is a whole number of blocks), so
 * cutting the flat element sequence anywhere on a block boundary gives llama.cpp's exact bytes.
 */
final class ConvertingSource implements TensorSource {
    private static final ThreadLocal<Scratch> SCRATCH = ThreadLocal.withInitial(Scratch::new);

    private final GgufReader reader;
    private final GgufTensorInfo tensor;
    private final BlockCodec from;
    private final BlockCodec to;
    private final ExecutorService pool;
    private final int window;
    private final int chunkElements;
    private final Progress progress;

    ConvertingSource(GgufReader reader, GgufTensorInfo tensor, BlockCodec from, BlockCodec to,
                     Pipeline pipeline, Progress progress) {
        this.reader = reader;
        this.tensor = tensor;
        this.from = from;
        this.to = to;
        this.pool = pipeline.pool();
        this.window = pipeline.window();
        this.chunkElements = pipeline.chunkElements();
        this.progress = progress;
    }

    /** The shared worker pool and chunking parameters of one run. */
    record Pipeline(ExecutorService pool, int window, int chunkElements) {
    }

    private record Chunk(ByteBuffer bytes, long inputBytes) {
    }

    @Override
    public void writeTo(WritableByteChannel out) throws IOException {
        long n = tensor.elementCount();
        Deque<Future<Chunk>> inFlight = new ArrayDeque<>();
        try {
            for (long start = 0; start < n; start += chunkElements) {
                final long s = start;
                final int count = (int) Math.min(chunkElements, n - start);
                if (inFlight.size() >= window) {
                    writeNext(inFlight, out);
                }
                inFlight.add(pool.submit(() -> convert(s, count)));
            }
            while (!inFlight.isEmpty()) {
                writeNext(inFlight, out);
            }
        } finally {
            inFlight.forEach(f -> f.cancel(true));
        }
    }

    private void writeNext(Deque<Future<Chunk>> inFlight, WritableByteChannel out) throws IOException {
        Chunk chunk = await(inFlight.removeFirst());
        while (chunk.bytes().hasRemaining()) {
            out.write(chunk.bytes());
        }
        progress.add(chunk.inputBytes());
    }

    private Chunk convert(long start, int count) throws IOException {
        Scratch scratch = SCRATCH.get();
        int inBytes = (int) from.bytesFor(count);
        ByteBuffer in = scratch.input(inBytes);
        reader.read(tensor, from.bytesFor(start), in);
        in.flip();
        float[] values = scratch.floats(count);
        from.decode(in, values, count);
        ByteBuffer out = ByteBuffer.allocate((int) to.bytesFor(count)).order(ByteOrder.LITTLE_ENDIAN);
        to.encode(values, count, out);
        return new Chunk(out.flip(), inBytes);
    }

    private static Chunk await(Future<Chunk> f) throws IOException {
        try {
            return f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while converting");
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof IOException) {
                throw (IOException) cause;
            }
            if (cause instanceof UncheckedIOException) {
                throw ((UncheckedIOException) cause).getCause();
            }
            if (cause instanceof RuntimeException) {
                throw (RuntimeException) cause;
            }
            if (cause instanceof Error) {
                throw (Error) cause;
            }
            throw new IOException(cause);
        }
    }

    /** Per-worker buffers, reused across chunks so workers do not churn the heap. */
    private static final class Scratch {
        private ByteBuffer input = ByteBuffer.allocate(0);
        private float[] floats = new float[0];

        ByteBuffer input(int size) {
            if (input.capacity() < size) {
                input = ByteBuffer.allocate(size).order(ByteOrder.LITTLE_ENDIAN);
            }
            input.clear().limit(size);
            return input;
        }

        float[] floats(int size) {
            if (floats.length < size) {
                floats = new float[size];
            }
            return floats;
        }
    }
}
