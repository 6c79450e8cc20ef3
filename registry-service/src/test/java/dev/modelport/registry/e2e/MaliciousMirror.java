package dev.modelport.registry.e2e;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.InetSocketAddress;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A mirror in front of the real registry (the origin): passes every device request through unchanged, except that
 * in an attack {@link Mode} it rewrites the answers the way a compromised mirror could without holding any key.
 * The device only ever talks to this mirror.
 */
final class MaliciousMirror implements AutoCloseable {

    enum Mode {
        HONEST,
        /** Blob answers carry the asked-for length, but one byte of the build differs (arbitrary software). */
        WRONG_BYTES,
        /** Blob answers ignore Range and send the whole build followed by 64 MiB more (endless data). */
        ENDLESS,
        /** {@code timestamp.json} is replayed from the first one this mirror saw (rollback attack). */
        OLD_TIMESTAMP
    }

    private static final Set<String> HOP_BY_HOP = Set.of("host", "content-length", "connection", "transfer-encoding",
            "keep-alive");
    private static final long ENDLESS_EXTRA = 64L << 20;

    private final URL origin;
    private final HttpServer server;
    volatile Mode mode = Mode.HONEST;
    /** Blob bytes sent to the device in the current mode (reset with {@link #reset}). */
    final AtomicLong blobBytesSent = new AtomicLong();
    private volatile byte[] firstTimestamp;
    /** The {@code Range} header of every blob request, in arrival order ("none" without one). */
    final List<String> blobRanges = java.util.Collections.synchronizedList(new java.util.ArrayList<>());

    MaliciousMirror(URL origin) throws IOException {
        this.origin = origin;
        this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(Executors.newFixedThreadPool(8));
        server.createContext("/", this::handle);
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/";
    }

    void reset(Mode m) {
        mode = m;
        blobBytesSent.set(0);
    }

    private void handle(HttpExchange ex) throws IOException {
        try (ex) {
            String path = ex.getRequestURI().getRawPath();
            Mode m = mode;
            if (path.endsWith("/timestamp.json") && m == Mode.OLD_TIMESTAMP && firstTimestamp != null) {
                send(ex, 200, Map.of("Content-Type", List.of("application/json")), firstTimestamp);
                return;
            }
            boolean blob = path.contains("/device/v1/blobs/") && "GET".equals(ex.getRequestMethod());
            if (blob) {
                String range = ex.getRequestHeaders().getFirst("Range");
                blobRanges.add(range == null ? "none" : range);
            }
            HttpURLConnection up = forward(ex, blob && m == Mode.ENDLESS);
            int status = up.getResponseCode();
            byte[] body = read(status >= 400 ? up.getErrorStream() : up.getInputStream());
            if (path.endsWith("/timestamp.json") && status == 200 && firstTimestamp == null) {
                firstTimestamp = body;
            }
            if (blob && status / 100 == 2 && m == Mode.WRONG_BYTES) {
                flipOneByte(body, up.getContentType());
            }
            if (blob && status / 100 == 2 && m == Mode.ENDLESS) {
                endless(ex, body);
                return;
            }
            if (blob) {
                blobBytesSent.addAndGet(body.length);
            }
            send(ex, status, up.getHeaderFields(), body);
        }
    }

    /** Sends the origin's request on, without the Range header when the answer will ignore it anyway. */
    private HttpURLConnection forward(HttpExchange ex, boolean dropRange) throws IOException {
        URL target = new URL(origin, ex.getRequestURI().toString().substring(1));
        HttpURLConnection up = (HttpURLConnection) target.openConnection();
        up.setRequestMethod(ex.getRequestMethod());
        up.setInstanceFollowRedirects(true);
        up.setConnectTimeout(5000);
        up.setReadTimeout(30000);
        ex.getRequestHeaders().forEach((name, values) -> {
            String n = name.toLowerCase(java.util.Locale.ROOT);
            if (!HOP_BY_HOP.contains(n) && !(dropRange && n.equals("range"))) {
                values.forEach(v -> up.addRequestProperty(name, v));
            }
        });
        byte[] requestBody = read(ex.getRequestBody());
        if (requestBody.length > 0) {
            up.setDoOutput(true);
            try (OutputStream out = up.getOutputStream()) {
                out.write(requestBody);
            }
        }
        return up;
    }

    /** Flips a byte in the middle of the (first part's) build bytes, leaving any multipart framing intact. */
    private static void flipOneByte(byte[] body, String contentType) {
        int from = 0;
        int to = body.length;
        if (contentType != null && contentType.startsWith("multipart/")) {
            String boundary = "\r\n--" + contentType.substring(contentType.indexOf("boundary=") + 9).replace("\"", "");
            from = indexOf(body, "\r\n\r\n".getBytes(StandardCharsets.US_ASCII), 0) + 4;
            to = indexOf(body, boundary.getBytes(StandardCharsets.US_ASCII), from);
        }
        body[(from + to) / 2] ^= 0x5a;
    }

    private void endless(HttpExchange ex, byte[] whole) throws IOException {
        ex.getResponseHeaders().set("Content-Type", "application/octet-stream");
        ex.sendResponseHeaders(200, 0);
        OutputStream out = ex.getResponseBody();
        try {
            out.write(whole);
            blobBytesSent.addAndGet(whole.length);
            byte[] junk = new byte[8192];
            for (long sent = 0; sent < ENDLESS_EXTRA; sent += junk.length) {
                out.write(junk);
                blobBytesSent.addAndGet(junk.length);
            }
            out.close();
        } catch (IOException deviceHungUp) {
            // the device cut the answer off: what the attack is meant to provoke
        }
    }

    private static void send(HttpExchange ex, int status, Map<String, List<String>> headers, byte[] body)
            throws IOException {
        headers.forEach((name, values) -> {
            if (name != null && !HOP_BY_HOP.contains(name.toLowerCase(java.util.Locale.ROOT))) {
                ex.getResponseHeaders().put(name, values);
            }
        });
        boolean noBody = status == 204 || status == 304 || "HEAD".equals(ex.getRequestMethod());
        ex.sendResponseHeaders(status, noBody ? -1 : body.length == 0 ? -1 : body.length);
        if (!noBody && body.length > 0) {
            ex.getResponseBody().write(body);
        }
    }

    private static int indexOf(byte[] hay, byte[] needle, int from) {
        outer:
        for (int i = from; i <= hay.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (hay[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        throw new IllegalStateException("multipart answer without the expected framing");
    }

    private static byte[] read(InputStream in) throws IOException {
        if (in == null) {
            return new byte[0];
        }
        try (in) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            in.transferTo(out);
            return out.toByteArray();
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
