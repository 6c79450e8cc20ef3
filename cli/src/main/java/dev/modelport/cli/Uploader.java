package dev.modelport.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Map;
import java.util.function.LongConsumer;

/**
 * Resumable upload of one file through {@code /api/v1/uploads}. The session is found again by digest and size, so
 * a publish that was killed resumes where the server's offset says when it is run again; within one run, a broken
 * chunk is retried from the offset the server reports. The file is streamed; memory does not grow with its size.
 */
public final class Uploader {

    /** What the upload produced: the digest and the verified blob's header facts. */
    public record Result(String digest, long size, JsonNode blob, long resumedFrom) {
    }

    private final Api api;
    private final long chunkSize;
    private final int retries;

    public Uploader(Api api, long chunkSize, int retries) {
        this.api = api;
        this.chunkSize = chunkSize;
        this.retries = retries;
    }

    /** {@code sha256:<hex>} of a file, reported through {@code progress} as it is read. */
    public static String sha256(Path file, LongConsumer progress) throws IOException {
        MessageDigest sha;
        try {
            sha = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        byte[] buffer = new byte[1 << 20];
        long done = 0;
        try (InputStream in = java.nio.file.Files.newInputStream(file)) {
            int n;
            while ((n = in.read(buffer)) != -1) {
                sha.update(buffer, 0, n);
                done += n;
                progress.accept(done);
            }
        }
        return "sha256:" + HexFormat.of().formatHex(sha.digest());
    }

    /** Uploads {@code file} (whose digest the caller computed) and returns once the server verified it. */
    public Result upload(Path file, String digest, long size, LongConsumer progress) throws IOException,
            InterruptedException {
        JsonNode session = api.post("/api/v1/uploads", Map.of("sha256", digest, "size", size));
        String id = session.get("id").asText();
        long offset = session.get("committed").asLong();
        long resumedFrom = offset;
        progress.accept(offset);
        int failures = 0;
        while (offset < size) {
            long length = Math.min(chunkSize, size - offset);
            try {
                offset = sendChunk(id, file, offset, length, progress);
                failures = 0;
            } catch (IOException | ApiException e) {
                if (e instanceof ApiException api && api.status() / 100 == 4
                        && !"UPLOAD_OFFSET_MISMATCH".equals(api.code()) && !"UPLOAD_INCOMPLETE".equals(api.code())
                        && !"UPLOAD_BUSY".equals(api.code())) {
                    throw api;
                }
                if (++failures > retries) {
                    throw e instanceof IOException io ? io : new IOException(e.getMessage(), e);
                }
                Thread.sleep(Math.min(500L << failures, 10_000L));
                offset = serverOffset(id);
            }
            progress.accept(offset);
        }
        JsonNode done = api.put("/api/v1/uploads/" + id + "/complete", Map.of());
        return new Result(digest, size, done.get("blob"), resumedFrom);
    }

    /** Asks the server how many bytes it holds: where to continue after an interruption. */
    public long serverOffset(String id) throws IOException, InterruptedException {
        HttpResponse<Void> response = api.send(() -> HttpRequest.newBuilder(api.uri("/api/v1/uploads/" + id))
                .method("HEAD", HttpRequest.BodyPublishers.noBody()), HttpResponse.BodyHandlers.discarding());
        if (response.statusCode() != 200) {
            throw new IOException("asking for the upload offset answered " + response.statusCode());
        }
        return Long.parseLong(response.headers().firstValue("Upload-Offset").orElseThrow());
    }

    private long sendChunk(String id, Path file, long offset, long length, LongConsumer progress)
            throws IOException, InterruptedException {
        HttpResponse<String> response = api.send(() -> HttpRequest.newBuilder(api.uri("/api/v1/uploads/" + id))
                        .timeout(Duration.ofHours(6))
                        .header("Content-Type", "application/offset+octet-stream")
                        .header("Upload-Offset", Long.toString(offset))
                        .method("PATCH", HttpRequest.BodyPublishers.fromPublisher(
                                HttpRequest.BodyPublishers.ofInputStream(() -> slice(file, offset, length, progress)),
                                length)),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 204) {
            JsonNode problem = response.body().isBlank() ? null : Api.JSON.readTree(response.body());
            throw new ApiException(response.statusCode(), problem, "upload chunk answered " + response.statusCode());
        }
        return Long.parseLong(response.headers().firstValue("Upload-Offset").orElseThrow());
    }

    /** {@code length} bytes of {@code file} from {@code offset}, counting what the HTTP client has read. */
    private static InputStream slice(Path file, long offset, long length, LongConsumer progress) {
        try {
            FileChannel channel = FileChannel.open(file, StandardOpenOption.READ);
            channel.position(offset);
            InputStream in = Channels.newInputStream(channel);
            return new FilterInputStream(in) {
                private long sent;

                @Override
                public int read(byte[] b, int off, int len) throws IOException {
                    if (sent >= length) {
                        return -1;
                    }
                    int n = super.read(b, off, (int) Math.min(len, length - sent));
                    if (n > 0) {
                        sent += n;
                        progress.accept(offset + sent);
                    }
                    return n;
                }

                @Override
                public int read() throws IOException {
                    byte[] one = new byte[1];
                    return read(one, 0, 1) == -1 ? -1 : one[0] & 0xff;
                }
            };
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
