package dev.modelport.registry.blob;

import dev.modelport.gguf.format.GgufFormatException;
import dev.modelport.gguf.format.GgufHeader;
import dev.modelport.gguf.format.GgufReader;
import dev.modelport.gguf.format.GgufTensorInfo;
import dev.modelport.gguf.format.ReadLimits;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.NonWritableChannelException;
import java.nio.channels.SeekableByteChannel;
import java.util.Arrays;
import java.util.List;

/**
 * Reads a weight file's header with the shared {@code gguf} module's strict reader (hostile-header limits, bounds,
 * alignment and overlap checks live there, with their fuzz tests), and adds the registry's own policy on top: a
 * model file has at least one tensor and names its architecture with a plain word.
 */
public final class GgufWeightInspector implements WeightInspector {

    private static final String ARCHITECTURE = "[A-Za-z0-9][A-Za-z0-9._-]{0,63}";

    @Override
    public WeightInfo inspect(InputStream in, long size) throws IOException, NotGgufException {
        GgufHeader header;
        try (GgufReader reader = GgufReader.open(new ForwardChannel(in, size), ReadLimits.defaults())) {
            header = reader.header();
        } catch (GgufFormatException e) {
            throw new NotGgufException(e.getMessage());
        }
        String architecture = header.metadata().findString("general.architecture")
                .orElseThrow(() -> new NotGgufException("the header has no general.architecture string"));
        if (!architecture.matches(ARCHITECTURE)) {
            throw new NotGgufException("general.architecture '" + architecture + "' is not a plain name");
        }
        if (header.tensors().isEmpty()) {
            throw new NotGgufException("the file holds no tensors");
        }
        List<WeightInfo.Tensor> tensors = header.tensors().stream().map(GgufWeightInspector::tensor).toList();
        return new WeightInfo("GGUF", header.version(), architecture, tensors);
    }

    private static WeightInfo.Tensor tensor(GgufTensorInfo t) {
        return new WeightInfo.Tensor(t.name(), t.type().name(),
                Arrays.stream(t.shape().dims()).boxed().toList());
    }

    /**
     * The upload is read once, front to back, while it is hashed; the header parser only ever moves forward, so a
     * stream with a declared size serves as its channel.
     */
    static final class ForwardChannel implements SeekableByteChannel {
        private final InputStream in;
        private final long size;
        private long position;
        private boolean open = true;

        ForwardChannel(InputStream in, long size) {
            this.in = in;
            this.size = size;
        }

        @Override
        public int read(ByteBuffer dst) throws IOException {
            if (position >= size) {
                return -1;
            }
            int want = (int) Math.min(dst.remaining(), size - position);
            byte[] chunk = new byte[Math.min(want, 64 * 1024)];
            int n = in.read(chunk, 0, chunk.length);
            if (n < 0) {
                return -1;
            }
            dst.put(chunk, 0, n);
            position += n;
            return n;
        }

        @Override
        public SeekableByteChannel position(long target) throws IOException {
            if (target < position) {
                throw new IOException("the header reader went back from " + position + " to " + target);
            }
            in.skipNBytes(Math.min(target, size) - position);
            position = Math.min(target, size);
            return this;
        }

        @Override
        public long position() {
            return position;
        }

        @Override
        public long size() {
            return size;
        }

        @Override
        public int write(ByteBuffer src) {
            throw new NonWritableChannelException();
        }

        @Override
        public SeekableByteChannel truncate(long newSize) {
            throw new NonWritableChannelException();
        }

        @Override
        public boolean isOpen() {
            return open;
        }

        /** Leaves the stream open: the caller drains the rest of it through the digest. */
        @Override
        public void close() {
            open = false;
        }
    }
}
