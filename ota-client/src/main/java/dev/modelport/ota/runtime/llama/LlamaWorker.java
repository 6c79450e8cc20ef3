package dev.modelport.ota.runtime.llama;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.modelport.ota.CompletionRequest;
import dev.modelport.ota.CompletionResult;
import dev.modelport.ota.InferenceException;
import dev.modelport.ota.LoadedModel;
import dev.modelport.ota.ModelRuntime.ModelLoadException;
import dev.modelport.ota.TokenListener;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Logger;
import java.util.stream.Stream;

/** The parent's side of one {@link LlamaWorkerMain} process. */
final class LlamaWorker implements LoadedModel {
  private static final Logger LOG = Logger.getLogger(LlamaWorker.class.getName());
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final JsonNode DIED = JSON.createObjectNode().put("died", true);

  private final Process process;
  private final Path dir;
  private final String digest;
  private final Duration requestTimeout;
  private final OutputStream stdin;
  private final Map<Long, BlockingQueue<JsonNode>> pending = new ConcurrentHashMap<>();
  private final AtomicLong ids = new AtomicLong();
  private final CountDownLatch ready = new CountDownLatch(1);
  private final List<Runnable> exitCallbacks = new ArrayList<>();
  private volatile String loadError;
  private volatile boolean exited;

  private LlamaWorker(Process process, Path dir, String digest, Duration requestTimeout) {
    this.process = process;
    this.dir = dir;
    this.digest = digest;
    this.requestTimeout = requestTimeout;
    this.stdin = process.getOutputStream();
  }

  static LlamaWorker start(List<String> cmd, Path dir, String digest, Duration startTimeout, Duration requestTimeout)
      throws ModelLoadException {
    Process p;
    try {
      p = new ProcessBuilder(cmd)
          .directory(dir.toFile()) // a native crash's hs_err file lands here
          .redirectError(dir.resolve("worker.log").toFile())
          .start();
    } catch (IOException e) {
      deleteTree(dir);
      throw new ModelLoadException("cannot start worker: " + e.getMessage(), e);
    }
    LlamaWorker w = new LlamaWorker(p, dir, digest, requestTimeout);
    Thread reader = new Thread(w::readLoop, "llama-worker-" + p.pid());
    reader.setDaemon(true);
    reader.start();
    p.onExit().thenRun(w::onProcessExit);
    try {
      if (!w.ready.await(startTimeout.toMillis(), TimeUnit.MILLISECONDS)) {
        w.close();
        throw new ModelLoadException("worker did not load the model within " + startTimeout.toSeconds() + " s");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      w.close();
      throw new ModelLoadException("interrupted while loading");
    }
    if (w.exited || w.loadError != null) {
      String why = w.loadError != null ? w.loadError : "worker exited with status " + exitStatus(p);
      w.close();
      throw new ModelLoadException(why + logTail(dir));
    }
    return w;
  }

  private static String exitStatus(Process p) {
    try {
      return p.waitFor(5, TimeUnit.SECONDS) ? Integer.toString(p.exitValue()) : "unknown";
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return "unknown";
    }
  }

  private void readLoop() {
    try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
      String line;
      while ((line = r.readLine()) != null) {
        if (!line.startsWith("{")) {
          continue; // not ours: a native library printed to stdout
        }
        JsonNode m;
        try {
          m = JSON.readTree(line);
        } catch (IOException e) {
          continue;
        }
        String event = m.path("event").asText(null);
        if ("ready".equals(event)) {
          ready.countDown();
        } else if ("failed".equals(event)) {
          loadError = "llama.cpp could not load the model: " + m.path("error").asText();
          ready.countDown();
        } else if (m.has("id")) {
          BlockingQueue<JsonNode> q = pending.get(m.get("id").asLong());
          if (q != null) {
            q.add(m);
          }
        }
      }
    } catch (IOException e) {
      // stream closed: the process is gone
    }
    onProcessExit();
  }

  private void onProcessExit() {
    List<Runnable> callbacks;
    synchronized (this) {
      if (exited) {
        return;
      }
      exited = true;
      callbacks = new ArrayList<>(exitCallbacks);
    }
    ready.countDown();
    pending.values().forEach(q -> q.add(DIED));
    process.destroyForcibly();
    process.onExit().thenRun(() -> deleteTree(dir));
    callbacks.forEach(LlamaWorker::runQuietly);
  }

  @Override
  public String buildDigest() {
    return digest;
  }

  @Override
  public long pid() {
    return process.pid();
  }

  @Override
  public boolean isAlive() {
    return !exited && process.isAlive();
  }

  @Override
  public CompletionResult complete(CompletionRequest request, TokenListener listener) throws InferenceException {
    long id = ids.incrementAndGet();
    BlockingQueue<JsonNode> q = new LinkedBlockingQueue<>();
    pending.put(id, q);
    boolean textSent = false;
    try {
      if (!isAlive()) {
        throw new InferenceException("worker for " + digest + " is not running", true, false);
      }
      ObjectNode msg = JSON.createObjectNode().put("id", id).put("op", "complete").put("prompt", request.prompt())
          .put("maxTokens", request.maxTokens()).put("temperature", request.temperature());
      request.stop().forEach(msg.putArray("stop")::add);
      try {
        byte[] line = JSON.writeValueAsBytes(msg);
        synchronized (stdin) {
          stdin.write(line);
          stdin.write('\n');
          stdin.flush();
        }
      } catch (IOException e) {
        throw new InferenceException("worker for " + digest + " is gone: " + e.getMessage(), true, false, e);
      }
      StringBuilder text = new StringBuilder();
      long deadline = System.nanoTime() + requestTimeout.toNanos();
      while (true) {
        JsonNode m;
        try {
          m = q.poll(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new InferenceException("interrupted", false, textSent);
        }
        if (m == null) {
          LOG.warning("worker " + pid() + " did not answer within " + requestTimeout + "; killing it");
          close();
          throw new InferenceException("worker did not answer within " + requestTimeout.toSeconds() + " s", true, textSent);
        }
        if (m == DIED) {
          throw new InferenceException("worker for " + digest + " died", true, textSent);
        }
        if (m.has("token")) {
          String piece = m.get("token").asText();
          text.append(piece);
          textSent = true;
          listener.onToken(piece);
        } else if (m.has("error")) {
          throw new InferenceException("llama.cpp: " + m.get("error").asText(), false, textSent);
        } else if (m.path("done").asBoolean()) {
          return new CompletionResult(text.toString(), m.path("tokens").asInt(), m.path("promptTokens").asInt(),
              m.path("finish").asText("stop"), digest);
        }
      }
    } finally {
      pending.remove(id);
    }
  }

  @Override
  public void onExit(Runnable callback) {
    boolean runNow;
    synchronized (this) {
      runNow = exited;
      if (!runNow) {
        exitCallbacks.add(callback);
      }
    }
    if (runNow) {
      runQuietly(callback);
    }
  }

  @Override
  public void close() {
    process.destroyForcibly(); // SIGKILL: close() in the worker would free nothing
    onProcessExit();
  }

  private static void runQuietly(Runnable r) {
    try {
      r.run();
    } catch (RuntimeException e) {
      LOG.warning("worker exit callback failed: " + e);
    }
  }

  private static String logTail(Path dir) {
    Path log = dir.resolve("worker.log");
    try {
      List<String> lines = Files.exists(log) ? Files.readAllLines(log, StandardCharsets.UTF_8) : List.of();
      List<String> tail = lines.subList(Math.max(0, lines.size() - 5), lines.size());
      return tail.isEmpty() ? "" : "; worker log: " + String.join(" | ", tail).trim();
    } catch (IOException | RuntimeException e) {
      return "";
    }
  }

  private static void deleteTree(Path dir) {
    try (Stream<Path> s = Files.walk(dir)) {
      s.sorted(Comparator.reverseOrder()).forEach(p -> {
        try {
          Files.deleteIfExists(p);
        } catch (IOException ignored) {
          // best effort
        }
      });
    } catch (IOException | RuntimeException ignored) {
      // best effort
    }
  }
}
