package dev.modelport.registry.blob.device;

import dev.modelport.registry.blob.BlobStore;
import dev.modelport.registry.blob.Sha256Digest;
import jakarta.ws.rs.core.StreamingOutput;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;

/**
 * A {@code multipart/byteranges} body (RFC 9110 §14.6): each part carries its own {@code Content-Range}. The length
 * is known in advance, so the response has a {@code Content-Length} and the client can tell a cut-off body. Parts are
 * copied through one fixed buffer from the store (sendfile cannot interleave part headers).
 */
final class MultipartByteranges implements StreamingOutput {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final int BUFFER = 64 * 1024;

    private final BlobStore store;
    private final Sha256Digest digest;
    private final long total;
    private final List<RangeRequest.ByteRange> ranges;
    private final String boundary;

    MultipartByteranges(BlobStore store, Sha256Digest digest, long total, List<RangeRequest.ByteRange> ranges) {
        this.store = store;
        this.digest = digest;
        this.total = total;
        this.ranges = ranges;
        byte[] random = new byte[12];
        RANDOM.nextBytes(random);
        this.boundary = "mp" + HexFormat.of().formatHex(random); // never occurs in a part header
    }

    String contentType() {
        return "multipart/byteranges; boundary=" + boundary;
    }

    long contentLength() {
        long length = closing().length;
        for (RangeRequest.ByteRange range : ranges) {
            length += partHeader(range).length + range.length() + 2;
        }
        return length;
    }

    @Override
    public void write(OutputStream out) throws IOException {
        byte[] buffer = new byte[BUFFER];
        for (RangeRequest.ByteRange range : ranges) {
            out.write(partHeader(range));
            try (InputStream in = store.open(digest, range.first(), range.length())) {
                long left = range.length();
                while (left > 0) {
                    int n = in.read(buffer, 0, (int) Math.min(buffer.length, left));
                    if (n < 0) {
                        throw new IOException("blob " + digest + " ended before byte " + range.last());
                    }
                    out.write(buffer, 0, n);
                    left -= n;
                }
            }
            out.write(CRLF);
        }
        out.write(closing());
    }

    private byte[] partHeader(RangeRequest.ByteRange range) {
        return ("--" + boundary + "\r\nContent-Type: application/octet-stream\r\nContent-Range: "
                + range.contentRange(total) + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
    }

    private byte[] closing() {
        return ("--" + boundary + "--\r\n").getBytes(StandardCharsets.US_ASCII);
    }

    private static final byte[] CRLF = {'\r', '\n'};
}
