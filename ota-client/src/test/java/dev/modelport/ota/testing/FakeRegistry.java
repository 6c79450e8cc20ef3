package dev.modelport.ota.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.modelport.signing.json.CanonicalJson;
import dev.modelport.signing.key.Ed25519PublicKey;
import dev.modelport.signing.key.SignatureVerificationException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A stand-in for the registry's device API ({@code /device/v1}) and a channel's TUF metadata, on
 * loopback with the JDK's HTTP server. It is a fake of a server that does not exist yet: it
 * implements the wire protocol proposed in {@code docs/ota-client.md} just far enough for the
 * device to be tested end to end (enrollment with signed token requests, check-in with ETag,
 * reports with acknowledgements, blobs with single and multiple byte ranges) and it can
 * misbehave on purpose like a malicious mirror ({@link #blobMode}, {@link FakeTufRepo#mirror}).
 * It counts every body byte it serves, per blob.
 */
public final class FakeRegistry implements AutoCloseable {
  public static final String ENROLLMENT_TOKEN = "enroll-me";
  public static final String TUF_PREFIX = "tuf/stable/";
  private static final ObjectMapper JSON = new ObjectMapper();

  /** How blobs are served: honestly, or as an attacker would. */
  public enum BlobMode {
    NORMAL,
    /** Right length, one byte flipped in the middle of every range served. */
    WRONG_BYTES,
    /** 200 without a length, the blob followed by endless junk. */
    ENDLESS,
    /** 200 stating a longer Content-Length and sending that many bytes. */
    LONGER,
    /** Drops the connection after half of the blob (a flaky network). */
    HALF_THEN_DROP
  }

  public final FakeTufRepo tuf;
  private final HttpServer server;
  private final Map<String, Path> blobs = new ConcurrentHashMap<>();
  private final Map<String, AtomicLong> served = new ConcurrentHashMap<>();
  private final Map<String, Ed25519PublicKey> devices = new ConcurrentHashMap<>();
  private final Map<String, String> tokens = new ConcurrentHashMap<>();
  public final List<String> rangeRequests = Collections.synchronizedList(new ArrayList<>());
  public final List<JsonNode> reports = Collections.synchronizedList(new ArrayList<>());
  public final AtomicInteger checkIns = new AtomicInteger();
  public final AtomicInteger notModified = new AtomicInteger();
  public volatile BlobMode blobMode = BlobMode.NORMAL;
  public volatile boolean failReports;
  public volatile boolean multipartRanges = true;
  /** Serve blobs without a token (for benchmarking with curl). */
  public volatile boolean openBlobs;
  /**
   * When set, blob requests are answered with a 302 to {@code blobBaseUrl + <hex>} (as the registry
   * redirects to presigned object-store URLs); the benchmark points it at nginx.
   */
  public volatile String blobBaseUrl;
  private volatile ObjectNode offer;

  public FakeRegistry() throws IOException {
    this(new FakeTufRepo());
  }

  public FakeRegistry(FakeTufRepo tuf) throws IOException {
    this.tuf = tuf;
    this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
    server.createContext("/", this::handle);
    server.setExecutor(Executors.newFixedThreadPool(8, r -> {
      Thread t = new Thread(r, "fake-registry");
      t.setDaemon(true);
      return t;
    }));
    server.start();
    offerNothing();
  }

  public String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/";
  }

  public int port() {
    return server.getAddress().getPort();
  }

  /** Makes {@code file} downloadable and returns its digest. */
  public String addBlob(Path file) {
    return addBlob(file, TestModels.digest(file));
  }

  /** Makes {@code file}, whose digest the caller already knows, downloadable. */
  public String addBlob(Path file, String digest) {
    blobs.put(digest, file);
    return digest;
  }

  /** Publishes {@code file} as a signed target and a blob; returns the target path. */
  public String publish(String name, Path file, long antiRollback) {
    addBlob(file);
    return tuf.addBuild(name, file, antiRollback, List.of(FakeTufRepo.DEVICE_CLASS));
  }

  /** Check-ins answer UPDATE (or {@code action}) to {@code targetPath}, the build in {@code file}. */
  public void offer(String action, String targetPath, Path file) {
    ObjectNode o = JSON.createObjectNode().put("action", action).put("nextPollSeconds", 1);
    o.putObject("tuf").put("repository", TUF_PREFIX).put("targetPath", targetPath);
    o.putObject("target").put("digest", TestModels.digest(file)).put("length", file.toFile().length());
    o.putObject("filing").put("jurisdiction", "CN").put("number", "CN-GENAI-2025-0042");
    o.put("someFieldFromANewerServer", true); // devices must ignore unknown fields
    offer = o;
  }

  public void offer(String targetPath, Path file) {
    offer("UPDATE", targetPath, file);
  }

  public void offerNothing() {
    offer = JSON.createObjectNode().put("action", "NO_UPDATE").put("nextPollSeconds", 1);
  }

  public void offerRaw(ObjectNode answer) {
    offer = answer;
  }

  /** Accepts the devices enrolled at {@code other} (several fakes sharing one repository and fleet). */
  public void trustDevicesOf(FakeRegistry other) {
    devices.putAll(other.devices);
  }

  /** Body bytes served for {@code digest} so far. */
  public long bytesServed(String digest) {
    AtomicLong n = served.get(digest);
    return n == null ? 0 : n.get();
  }

  public void resetCounters() {
    served.clear();
    rangeRequests.clear();
  }

  /** Reports received with {@code type}, as JSON events. */
  public List<JsonNode> reportsOf(String type) {
    synchronized (reports) {
      return reports.stream().filter(r -> type.equals(r.path("type").asText())).toList();
    }
  }

  @Override
  public void close() {
    server.stop(0);
  }

  // ---- handlers ----

  private void handle(HttpExchange ex) throws IOException {
    try (ex) {
      String path = ex.getRequestURI().getPath();
      if (path.startsWith("/" + TUF_PREFIX)) {
        byte[] b = tuf.mirror.get(path.substring(TUF_PREFIX.length() + 1));
        if (b == null) {
          send(ex, 404, "application/json", "{}".getBytes(StandardCharsets.UTF_8));
        } else {
          send(ex, 200, "application/json", b);
        }
        return;
      }
      switch (path) {
        case "/device/v1/enroll" -> enroll(ex);
        case "/device/v1/token" -> token(ex);
        case "/device/v1/checkin" -> checkIn(ex);
        case "/device/v1/reports" -> report(ex);
        default -> {
          if (path.startsWith("/device/v1/blobs/")) {
            blob(ex, path.substring("/device/v1/blobs/".length()));
          } else {
            send(ex, 404, "application/json", "{}".getBytes(StandardCharsets.UTF_8));
          }
        }
      }
    } catch (IOException e) {
      // client went away (the crash tests kill it mid-download)
    } catch (DropConnection e) {
      throw e; // the JDK server closes the connection when a handler throws
    } catch (RuntimeException e) {
      e.printStackTrace();
      throw e;
    }
  }

  private JsonNode body(HttpExchange ex) throws IOException {
    try (InputStream in = ex.getRequestBody()) {
      return JSON.readTree(in.readAllBytes());
    }
  }

  private void enroll(HttpExchange ex) throws IOException {
    JsonNode b = body(ex);
    if (!ENROLLMENT_TOKEN.equals(b.path("enrollmentToken").asText())) {
      problem(ex, 403, "bad enrollment token");
      return;
    }
    Ed25519PublicKey key = Ed25519PublicKey.fromRaw(Base64.getDecoder().decode(b.path("publicKey").asText()));
    if (b.path("profile").path("deviceClass").isMissingNode()) {
      problem(ex, 400, "profile.deviceClass missing");
      return;
    }
    String id = "dev-" + UUID.randomUUID();
    devices.put(id, key);
    json(ex, 200, JSON.createObjectNode().put("deviceId", id));
  }

  private void token(HttpExchange ex) throws IOException {
    JsonNode b = body(ex);
    String id = b.path("deviceId").asText();
    Ed25519PublicKey key = devices.get(id);
    if (key == null) {
      problem(ex, 401, "unknown device");
      return;
    }
    ObjectNode signed = JSON.createObjectNode().put("deviceId", id).put("nonce", b.path("nonce").asText())
        .put("timestamp", b.path("timestamp").asText());
    Instant ts = Instant.parse(b.path("timestamp").asText());
    if (Duration.between(ts, Instant.now()).abs().toMinutes() > 5) {
      problem(ex, 401, "stale timestamp");
      return;
    }
    try {
      key.verifier().verify(Base64.getDecoder().decode(b.path("signature").asText()), CanonicalJson.canonicalize(signed));
    } catch (SignatureVerificationException e) {
      problem(ex, 401, "bad signature");
      return;
    }
    String token = "tok-" + UUID.randomUUID();
    tokens.put(token, id);
    json(ex, 200, JSON.createObjectNode().put("token", token).put("expiresAt", Instant.now().plusSeconds(600).toString()));
  }

  private String authorized(HttpExchange ex) throws IOException {
    String h = ex.getRequestHeaders().getFirst("Authorization");
    String id = h != null && h.startsWith("Bearer ") ? tokens.get(h.substring(7)) : null;
    if (id == null) {
      problem(ex, 401, "bad token");
    }
    return id;
  }

  private void checkIn(HttpExchange ex) throws IOException {
    if (authorized(ex) == null) {
      return;
    }
    JsonNode req = body(ex);
    checkIns.incrementAndGet();
    ObjectNode answer = offer.deepCopy();
    String installed = req.path("installed").path("buildDigest").asText(null);
    if (installed != null && answer.has("target")) {
      answer.putObject("delta").put("fromDigest", installed);
    }
    byte[] bytes = JSON.writeValueAsBytes(answer);
    String etag = "\"" + sha256(bytes).substring(0, 16) + "\"";
    if (etag.equals(ex.getRequestHeaders().getFirst("If-None-Match"))) {
      notModified.incrementAndGet();
      ex.getResponseHeaders().set("ETag", etag);
      ex.sendResponseHeaders(304, -1);
      return;
    }
    ex.getResponseHeaders().set("ETag", etag);
    send(ex, 200, "application/json", bytes);
  }

  private void report(HttpExchange ex) throws IOException {
    if (authorized(ex) == null) {
      return;
    }
    JsonNode req = body(ex);
    if (failReports) {
      problem(ex, 503, "reports unavailable");
      return;
    }
    ObjectNode answer = JSON.createObjectNode();
    ArrayNode acked = answer.putArray("acknowledged");
    for (JsonNode e : req.path("events")) {
      String id = e.path("eventId").asText();
      synchronized (reports) {
        if (reports.stream().noneMatch(r -> r.path("eventId").asText().equals(id))) {
          reports.add(e);
        }
      }
      acked.add(id);
    }
    json(ex, 200, answer);
  }

  private void blob(HttpExchange ex, String name) throws IOException {
    if (!openBlobs && authorized(ex) == null) {
      return;
    }
    Path file = blobs.get(name);
    if (file == null) {
      problem(ex, 404, "no such blob");
      return;
    }
    String redirectTo = blobBaseUrl;
    if (redirectTo != null) {
      ex.getResponseHeaders().set("Location", redirectTo + name.substring("sha256:".length()));
      ex.sendResponseHeaders(302, -1);
      return;
    }
    AtomicLong counter = served.computeIfAbsent(name, k -> new AtomicLong());
    long len = file.toFile().length();
    String range = ex.getRequestHeaders().getFirst("Range");
    rangeRequests.add(range == null ? "(none)" : range);
    ex.getResponseHeaders().set("ETag", "\"" + name + "\"");
    ex.getResponseHeaders().set("Cache-Control", "public, max-age=31536000, immutable");
    ex.getResponseHeaders().set("Accept-Ranges", "bytes");
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
      BlobMode mode = blobMode;
      if (mode == BlobMode.ENDLESS) {
        ex.sendResponseHeaders(200, 0);
        try (OutputStream out = counting(ex.getResponseBody(), counter)) {
          copy(ch, 0, len, out, mode);
          byte[] junk = new byte[8192];
          for (long sent = 0; sent < (64L << 20); sent += junk.length) {
            out.write(junk); // "endless": far more than any device should read
          }
        }
        return;
      }
      if (mode == BlobMode.LONGER) {
        ex.sendResponseHeaders(200, len + 4096);
        try (OutputStream out = counting(ex.getResponseBody(), counter)) {
          copy(ch, 0, len, out, mode);
          out.write(new byte[4096]);
        }
        return;
      }
      List<long[]> ranges = parseRanges(range, len);
      if (ranges == null) {
        ex.getResponseHeaders().set("Content-Range", "bytes */" + len);
        ex.sendResponseHeaders(416, -1);
        return;
      }
      if (ranges.isEmpty()) {
        ex.getResponseHeaders().set("Content-Type", "application/octet-stream");
        ex.sendResponseHeaders(200, len);
        try (OutputStream out = counting(ex.getResponseBody(), counter)) {
          copy(ch, 0, len, out, mode);
        }
      } else if (ranges.size() == 1 || !multipartRanges) {
        long[] r = ranges.get(0);
        ex.getResponseHeaders().set("Content-Type", "application/octet-stream");
        ex.getResponseHeaders().set("Content-Range", "bytes " + r[0] + "-" + (r[1] - 1) + "/" + len);
        ex.sendResponseHeaders(206, r[1] - r[0]);
        try (OutputStream out = counting(ex.getResponseBody(), counter)) {
          copy(ch, r[0], r[1], out, mode);
        }
      } else {
        String boundary = "MODELPORT_" + UUID.randomUUID().toString().replace("-", "");
        ex.getResponseHeaders().set("Content-Type", "multipart/byteranges; boundary=" + boundary);
        ex.sendResponseHeaders(206, 0);
        try (OutputStream out = counting(ex.getResponseBody(), counter)) {
          for (long[] r : ranges) {
            out.write(("\r\n--" + boundary + "\r\nContent-Type: application/octet-stream\r\nContent-Range: bytes "
                + r[0] + "-" + (r[1] - 1) + "/" + len + "\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
            copy(ch, r[0], r[1], out, mode);
          }
          out.write(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.ISO_8859_1));
        }
      }
    }
  }

  /** Thrown out of a handler to make the JDK server close the connection mid-answer. */
  static final class DropConnection extends RuntimeException {
    private static final long serialVersionUID = 1L;

    DropConnection() {
      super("dropping the connection on purpose", null, false, false);
    }
  }

  /** [start, end) pairs; empty for no Range header; null if unsatisfiable. */
  static List<long[]> parseRanges(String header, long len) {
    List<long[]> out = new ArrayList<>();
    if (header == null) {
      return out;
    }
    if (!header.startsWith("bytes=")) {
      return out;
    }
    for (String spec : header.substring(6).split(",")) {
      String[] ab = spec.trim().split("-", 2);
      long start;
      long end;
      if (ab[0].isEmpty()) {
        start = Math.max(0, len - Long.parseLong(ab[1]));
        end = len;
      } else {
        start = Long.parseLong(ab[0]);
        end = ab[1].isEmpty() ? len : Math.min(len, Long.parseLong(ab[1]) + 1);
      }
      if (start >= len || end <= start) {
        return null;
      }
      out.add(new long[] {start, end});
    }
    return out;
  }

  private void copy(FileChannel ch, long from, long to, OutputStream out, BlobMode mode) throws IOException {
    ByteBuffer buf = ByteBuffer.allocate(1 << 20);
    long pos = from;
    long flip = (from + to) / 2; // in every range served, so deltas meet it too
    long stopAt = mode == BlobMode.HALF_THEN_DROP ? Math.max(from + 1, (from + to) / 2) : Long.MAX_VALUE;
    while (pos < to) {
      buf.clear().limit((int) Math.min(buf.capacity(), to - pos));
      int n = ch.read(buf, pos);
      if (n < 0) {
        break;
      }
      byte[] a = buf.array();
      if (mode == BlobMode.WRONG_BYTES && flip >= pos && flip < pos + n) {
        a[(int) (flip - pos)] ^= 0x5a;
      }
      if (pos + n > stopAt) {
        out.write(a, 0, (int) (stopAt - pos));
        out.flush();
        throw new DropConnection();
      }
      out.write(a, 0, n);
      pos += n;
    }
  }

  private static OutputStream counting(OutputStream out, AtomicLong counter) {
    return new OutputStream() {
      @Override
      public void write(int b) throws IOException {
        out.write(b);
        counter.incrementAndGet();
      }

      @Override
      public void write(byte[] b, int off, int len) throws IOException {
        out.write(b, off, len);
        counter.addAndGet(len);
      }

      @Override
      public void flush() throws IOException {
        out.flush();
      }

      @Override
      public void close() throws IOException {
        out.close();
      }
    };
  }

  private static void json(HttpExchange ex, int status, JsonNode body) throws IOException {
    send(ex, status, "application/json", JSON.writeValueAsBytes(body));
  }

  private static void problem(HttpExchange ex, int status, String detail) throws IOException {
    send(ex, status, "application/problem+json", JSON.writeValueAsBytes(JSON.createObjectNode()
        .put("status", status).put("title", detail).put("code", "DEVICE_" + status)));
  }

  private static void send(HttpExchange ex, int status, String type, byte[] body) throws IOException {
    ex.getResponseHeaders().set("Content-Type", type);
    ex.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
    if (body.length > 0) {
      try (OutputStream out = ex.getResponseBody()) {
        out.write(body);
      }
    }
  }

  static String sha256(byte[] b) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
