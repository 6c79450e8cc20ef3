package dev.modelport.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * The resumable upload API ({@code /api/v1/uploads}, docs/api-walkthrough.md) spoken by hand against any server URL,
 * with one user's bearer token: the chunks' sizes, targets and interruptions are the test's to choose. A PATCH that
 * breaks off mid-body, or two that must overlap, go over raw sockets, where the test controls when each byte leaves.
 */
final class UploadClient {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final String OCTETS = "application/offset+octet-stream";

    private final String token;

    UploadClient(String token) {
        this.token = token;
    }

    /** A status, the Upload-Offset header (-1 if absent), the content type and the body. */
    record Reply(int status, long offset, String contentType, String body) {
        JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new UncheckedIOException("not JSON: " + body, e);
            }
        }
    }

    static String sha256(byte[] bytes) throws NoSuchAlgorithmException {
        return "sha256:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }

    /** Starts an upload of {@code size} bytes declared to hash to {@code digest}; returns its id. */
    String create(String url, String digest, long size) throws IOException, InterruptedException {
        Reply reply = send(HttpRequest.newBuilder(URI.create(url + "/api/v1/uploads"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(Map.of("sha256", digest,
                        "size", size)))));
        if (reply.status() != 201) {
            throw new AssertionError("creating the upload: " + reply);
        }
        return reply.json().get("id").asText();
    }

    /** Sends {@code length} bytes of {@code file} from {@code offset} as one chunk. */
    Reply patch(String url, String id, long offset, byte[] file, long length) throws IOException,
            InterruptedException {
        return send(HttpRequest.newBuilder(URI.create(url + "/api/v1/uploads/" + id))
                .header("Content-Type", OCTETS).header("Upload-Offset", Long.toString(offset))
                .method("PATCH", HttpRequest.BodyPublishers.ofByteArray(file, (int) offset, (int) length)));
    }

    /** The offset the server at {@code url} reports ({@code HEAD}). */
    long offset(String url, String id) throws IOException, InterruptedException {
        Reply reply = send(HttpRequest.newBuilder(URI.create(url + "/api/v1/uploads/" + id))
                .method("HEAD", HttpRequest.BodyPublishers.noBody()));
        if (reply.status() != 200) {
            throw new AssertionError("HEAD of upload " + id + ": " + reply);
        }
        return reply.offset();
    }

    /**
     * Asks {@code url} for the offset until it has moved past {@code before}: the instance whose client went away
     * records what arrived once it notices, a moment after the connection closed.
     */
    long awaitOffsetBeyond(String url, String id, long before) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        while (true) {
            long offset = offset(url, id);
            if (offset != before || System.nanoTime() > deadline) {
                return offset;
            }
            Thread.sleep(50);
        }
    }

    Reply complete(String url, String id) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(URI.create(url + "/api/v1/uploads/" + id + "/complete"))
                .PUT(HttpRequest.BodyPublishers.noBody()));
    }

    Reply get(String url, String path) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(URI.create(url + path)).GET());
    }

    /**
     * A chunk of {@code length} bytes announced in full (Content-Length), of which only {@code sent} leave before
     * the connection is closed: a client whose network went away mid-body.
     */
    void patchBrokenOff(int port, String id, long offset, byte[] file, long length, long sent) throws IOException,
            InterruptedException {
        try (Socket socket = new Socket("localhost", port)) {
            OutputStream out = socket.getOutputStream();
            out.write(patchHead(port, id, offset, length));
            out.write(file, (int) offset, (int) sent);
            out.flush();
            Thread.sleep(200);
        }
    }

    /**
     * Chunks at the same {@code offset} to each port at once: every request's headers and the first half of every
     * body go out, then (once every server is streaming) the rest of each. Returns the replies in port order.
     */
    List<Reply> patchAtOnce(List<Integer> ports, String id, long offset, byte[] file, long[] lengths)
            throws Exception {
        CountDownLatch halfSent = new CountDownLatch(ports.size());
        CountDownLatch goOn = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(ports.size());
        try {
            List<Future<Reply>> replies = new ArrayList<>();
            for (int i = 0; i < ports.size(); i++) {
                int port = ports.get(i);
                long length = lengths[i];
                Callable<Reply> request = () -> {
                    try (Socket socket = new Socket("localhost", port)) {
                        OutputStream out = socket.getOutputStream();
                        out.write(patchHead(port, id, offset, length));
                        long half = length / 2;
                        out.write(file, (int) offset, (int) half);
                        out.flush();
                        halfSent.countDown();
                        goOn.await();
                        try {
                            out.write(file, (int) (offset + half), (int) (length - half));
                            out.flush();
                        } catch (IOException answeredEarly) {
                            // the server refused before reading the whole body; its answer is what counts
                        }
                        return read(socket.getInputStream());
                    }
                };
                replies.add(pool.submit(request));
            }
            if (!halfSent.await(30, TimeUnit.SECONDS)) {
                throw new AssertionError("the first halves were not sent within 30 s");
            }
            Thread.sleep(500); // both servers read the headers, checked the offset and stream the body
            goOn.countDown();
            List<Reply> result = new ArrayList<>();
            for (Future<Reply> reply : replies) {
                result.add(reply.get(60, TimeUnit.SECONDS));
            }
            return result;
        } finally {
            goOn.countDown();
            pool.shutdownNow();
        }
    }

    private byte[] patchHead(int port, String id, long offset, long length) {
        return ("PATCH /api/v1/uploads/" + id + " HTTP/1.1\r\n"
                + "Host: localhost:" + port + "\r\n"
                + "Authorization: Bearer " + token + "\r\n"
                + "Content-Type: " + OCTETS + "\r\n"
                + "Upload-Offset: " + offset + "\r\n"
                + "Content-Length: " + length + "\r\n"
                + "Connection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
    }

    /** One HTTP/1.1 response with a Content-Length (or none) on a connection the server closes afterwards. */
    private static Reply read(InputStream in) throws IOException {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        in.transferTo(all);
        String text = all.toString(StandardCharsets.UTF_8);
        int end = text.indexOf("\r\n\r\n");
        if (end < 0) {
            throw new IOException("no complete response: " + text);
        }
        String[] lines = text.substring(0, end).split("\r\n");
        int status = Integer.parseInt(lines[0].split(" ")[1]);
        long offset = -1;
        String type = "";
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            String name = lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT);
            String value = lines[i].substring(colon + 1).trim();
            if (name.equals("upload-offset")) {
                offset = Long.parseLong(value);
            } else if (name.equals("content-type")) {
                type = value;
            }
        }
        return new Reply(status, offset, type, text.substring(end + 4));
    }

    private Reply send(HttpRequest.Builder request) throws IOException, InterruptedException {
        HttpResponse<String> response = HTTP.send(request.header("Authorization", "Bearer " + token).build(),
                HttpResponse.BodyHandlers.ofString());
        return new Reply(response.statusCode(),
                response.headers().firstValueAsLong("Upload-Offset").orElse(-1),
                response.headers().firstValue("Content-Type").orElse(""), response.body());
    }
}
