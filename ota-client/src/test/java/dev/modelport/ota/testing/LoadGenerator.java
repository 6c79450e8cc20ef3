package dev.modelport.ota.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Apps calling the device's local API without pause from several threads: plain and streaming
 * completions and chat completions in turn. Records every failure, every latency and which build
 * answered.
 */
public final class LoadGenerator implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final String base;
  private final List<Thread> threads = new ArrayList<>();
  private final AtomicBoolean running = new AtomicBoolean(true);
  public final AtomicInteger ok = new AtomicInteger();
  public final List<String> failures = Collections.synchronizedList(new ArrayList<>());
  /** (start nanos, latency nanos) of each successful request. */
  public final List<long[]> latencies = Collections.synchronizedList(new ArrayList<>());
  public final Map<String, AtomicInteger> answeredBy = new ConcurrentHashMap<>();

  public LoadGenerator(int port, int clients) {
    this.base = "http://127.0.0.1:" + port;
    for (int i = 0; i < clients; i++) {
      int id = i;
      Thread t = new Thread(() -> loop(id), "load-" + i);
      t.setDaemon(true);
      threads.add(t);
    }
  }

  public LoadGenerator start() {
    threads.forEach(Thread::start);
    return this;
  }

  private void loop(int id) {
    int n = 0;
    while (running.get()) {
      int kind = (id + n++) % 3;
      long t0 = System.nanoTime();
      try {
        String model = switch (kind) {
          case 0 -> completion(false);
          case 1 -> completion(true);
          default -> chat();
        };
        latencies.add(new long[] {t0, System.nanoTime() - t0});
        answeredBy.computeIfAbsent(model, k -> new AtomicInteger()).incrementAndGet();
        ok.incrementAndGet();
      } catch (IOException | RuntimeException e) {
        failures.add(e.toString());
      }
    }
  }

  private String completion(boolean stream) throws IOException {
    String body = "{\"prompt\":\"Hello\",\"max_tokens\":6,\"temperature\":0,\"stream\":" + stream + "}";
    String text = post("/v1/completions", body);
    if (!stream) {
      JsonNode n = JSON.readTree(text);
      if (!n.path("choices").isArray() || n.path("model").asText().isEmpty()) {
        throw new IOException("bad completion answer: " + text);
      }
      return n.path("model").asText();
    }
    if (!text.contains("data: [DONE]")) {
      throw new IOException("stream did not end with [DONE]: " + text);
    }
    String model = null;
    for (String line : text.split("\n")) {
      if (line.startsWith("data: {")) {
        JsonNode n = JSON.readTree(line.substring(6));
        if (n.has("error")) {
          throw new IOException("stream error: " + line);
        }
        model = n.path("model").asText(model);
      }
    }
    return model;
  }

  private String chat() throws IOException {
    String body = "{\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}],\"max_tokens\":5}";
    JsonNode n = JSON.readTree(post("/v1/chat/completions", body));
    if (!n.path("choices").path(0).path("message").has("content")) {
      throw new IOException("bad chat answer: " + n);
    }
    return n.path("model").asText();
  }

  private String post(String path, String body) throws IOException {
    HttpURLConnection c = (HttpURLConnection) new URL(base + path).openConnection();
    c.setConnectTimeout(5000);
    c.setReadTimeout(180_000);
    c.setRequestMethod("POST");
    c.setDoOutput(true);
    c.setRequestProperty("Content-Type", "application/json");
    try (OutputStream out = c.getOutputStream()) {
      out.write(body.getBytes(StandardCharsets.UTF_8));
    }
    int status = c.getResponseCode();
    try (InputStream in = status < 400 ? c.getInputStream() : c.getErrorStream()) {
      ByteArrayOutputStream b = new ByteArrayOutputStream();
      if (in != null) {
        in.transferTo(b);
      }
      String text = b.toString(StandardCharsets.UTF_8);
      if (status != 200) {
        throw new IOException("HTTP " + status + " from " + path + ": " + text);
      }
      return text;
    } finally {
      c.disconnect();
    }
  }

  /** GET returning the body. */
  public static String get(int port, String path) throws IOException {
    HttpURLConnection c = (HttpURLConnection) new URL("http://127.0.0.1:" + port + path).openConnection();
    try (InputStream in = c.getInputStream()) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } finally {
      c.disconnect();
    }
  }

  /** The p-th percentile (0..100) of latencies in milliseconds among requests started in [from, to) nanos. */
  public double percentileMs(double p, long fromNanos, long toNanos) {
    List<Long> l = new ArrayList<>();
    synchronized (latencies) {
      for (long[] x : latencies) {
        if (x[0] >= fromNanos && x[0] < toNanos) {
          l.add(x[1]);
        }
      }
    }
    if (l.isEmpty()) {
      return Double.NaN;
    }
    Collections.sort(l);
    int i = (int) Math.min(l.size() - 1, Math.ceil(p / 100.0 * l.size()) - 1);
    return l.get(Math.max(0, i)) / 1e6;
  }

  @Override
  public void close() throws InterruptedException {
    running.set(false);
    for (Thread t : threads) {
      t.join(200_000);
    }
  }
}
