package dev.modelport.ota.agent;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.modelport.ota.ActiveModel;
import dev.modelport.ota.CompletionRequest;
import dev.modelport.ota.CompletionResult;
import dev.modelport.ota.Inference;
import dev.modelport.ota.InferenceException;
import dev.modelport.ota.ModelUnavailableException;
import dev.modelport.ota.TokenListener;
import dev.modelport.ota.internal.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The device's local inference API on loopback: an OpenAI-compatible subset over the JDK's
 * {@code com.sun.net.httpserver} (outside the Android core; an Android app would expose {@link
 * Inference} through its own IPC instead).
 *
 * <ul>
 *   <li>{@code GET /v1/models}: the active build, id = its digest, with {@code filing}
 *   <li>{@code POST /v1/completions}: {@code prompt, max_tokens, temperature, stop, stream}
 *   <li>{@code POST /v1/chat/completions}: {@code messages, max_tokens, temperature, stop, stream}
 *   <li>{@code GET /health}
 * </ul>
 *
 * Streaming answers are server-sent events ending with {@code data: [DONE]}. Errors use OpenAI's
 * {@code {"error":{"message","type","code"}}}; 503 with {@code Retry-After} when no model can
 * take the request. The server stays up across swaps; requests arriving during a swap are routed
 * or queued by {@link Inference}.
 */
public final class LocalApiServer implements AutoCloseable {
  private static final Logger LOG = Logger.getLogger(LocalApiServer.class.getName());
  private static final int MAX_BODY = 1 << 20;

  private final Inference inference;
  private final HttpServer server;
  private final ExecutorService executor;

  private LocalApiServer(Inference inference, HttpServer server, ExecutorService executor) {
    this.inference = inference;
    this.server = server;
    this.executor = executor;
  }

  /** Starts on {@code 127.0.0.1:port} (0: any free port) with up to {@code threads} concurrent requests. */
  public static LocalApiServer start(Inference inference, int port, int threads) throws IOException {
    HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 128);
    AtomicInteger n = new AtomicInteger();
    ThreadPoolExecutor executor = new ThreadPoolExecutor(threads, threads, 60, TimeUnit.SECONDS,
        new java.util.concurrent.LinkedBlockingQueue<>(), r -> {
          Thread t = new Thread(r, "local-api-" + n.incrementAndGet());
          t.setDaemon(true);
          return t;
        });
    LocalApiServer s = new LocalApiServer(inference, server, executor);
    server.createContext("/", s::handle);
    server.setExecutor(executor);
    server.start();
    return s;
  }

  public int port() {
    return server.getAddress().getPort();
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }

  private void handle(HttpExchange ex) throws IOException {
    try (ex) {
      String path = ex.getRequestURI().getPath();
      String method = ex.getRequestMethod();
      switch (path) {
        case "/v1/models" -> {
          if (!method.equals("GET")) {
            error(ex, 405, "method not allowed", "invalid_request_error", null);
            return;
          }
          models(ex);
        }
        case "/v1/completions", "/v1/chat/completions" -> {
          if (!method.equals("POST")) {
            error(ex, 405, "method not allowed", "invalid_request_error", null);
            return;
          }
          complete(ex, path.equals("/v1/chat/completions"));
        }
        case "/health" -> {
          ActiveModel a = inference.active();
          ObjectNode o = Json.object().put("status", a == null ? "no_model" : "ok");
          Json.putNullable(o, "active", a == null ? null : a.buildDigest());
          json(ex, 200, o);
        }
        default -> error(ex, 404, "no such endpoint: " + path, "invalid_request_error", null);
      }
    } catch (IOException e) {
      LOG.log(Level.FINE, "client went away", e);
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "local API handler failed", e);
    }
  }

  private void models(HttpExchange ex) throws IOException {
    ObjectNode o = Json.object().put("object", "list");
    ArrayNode data = o.putArray("data");
    ActiveModel a = inference.active();
    if (a != null) {
      ObjectNode m = data.addObject().put("id", a.buildDigest()).put("object", "model").put("created", 0)
          .put("owned_by", "modelport");
      m.put("build_digest", a.buildDigest());
      Json.putNullable(m, "target_path", a.targetPath());
      Json.putNullable(m, "provenance_class", a.provenanceClass());
      if (a.filing() == null) {
        m.putNull("filing"); // placeholder until the regulator filing issue fills it in
      } else {
        ObjectNode f = m.putObject("filing");
        Json.putNullable(f, "jurisdiction", a.filing().jurisdiction());
        Json.putNullable(f, "number", a.filing().number());
      }
    }
    json(ex, 200, o);
  }

  private void complete(HttpExchange ex, boolean chat) throws IOException {
    JsonNode body;
    try (InputStream in = ex.getRequestBody()) {
      byte[] b = in.readNBytes(MAX_BODY + 1);
      if (b.length > MAX_BODY) {
        error(ex, 413, "request body too large", "invalid_request_error", null);
        return;
      }
      body = Json.parse(b);
    } catch (IOException e) {
      error(ex, 400, "request body is not JSON: " + e.getMessage(), "invalid_request_error", null);
      return;
    }
    String prompt;
    List<String> stop = new ArrayList<>();
    JsonNode s = body.get("stop");
    if (s != null && s.isTextual()) {
      stop.add(s.textValue());
    } else if (s != null && s.isArray()) {
      s.forEach(v -> stop.add(v.asText()));
    }
    if (chat) {
      JsonNode messages = body.get("messages");
      if (messages == null || !messages.isArray() || messages.isEmpty()) {
        error(ex, 400, "messages must be a non-empty array", "invalid_request_error", "messages");
        return;
      }
      prompt = ChatPrompt.render(messages);
      stop.add(ChatPrompt.TURN_STOP);
    } else {
      JsonNode p = body.get("prompt");
      if (p != null && p.isArray() && p.size() == 1) {
        p = p.get(0);
      }
      if (p == null || !p.isTextual()) {
        error(ex, 400, "prompt must be a string", "invalid_request_error", "prompt");
        return;
      }
      prompt = p.textValue();
    }
    int maxTokens = body.path("max_tokens").asInt(16);
    if (maxTokens < 1 || maxTokens > 4096) {
      error(ex, 400, "max_tokens must be between 1 and 4096", "invalid_request_error", "max_tokens");
      return;
    }
    double temperature = body.path("temperature").asDouble(0);
    boolean stream = body.path("stream").asBoolean(false);
    CompletionRequest req = new CompletionRequest(prompt, maxTokens, temperature, stop);
    String id = (chat ? "chatcmpl-" : "cmpl-") + UUID.randomUUID();
    long created = Instant.now().getEpochSecond();
    if (stream) {
      streamCompletion(ex, req, chat, id, created);
    } else {
      try {
        CompletionResult r = inference.complete(req, TokenListener.NONE);
        json(ex, 200, answer(r, chat, id, created));
      } catch (ModelUnavailableException e) {
        ex.getResponseHeaders().set("Retry-After", Integer.toString(e.retryAfterSeconds()));
        error(ex, 503, e.getMessage(), "model_unavailable", null);
      } catch (InferenceException e) {
        error(ex, 500, e.getMessage(), "inference_error", null);
      }
    }
  }

  private static ObjectNode answer(CompletionResult r, boolean chat, String id, long created) {
    ObjectNode o = Json.object().put("id", id).put("object", chat ? "chat.completion" : "text_completion")
        .put("created", created).put("model", r.buildDigest());
    ObjectNode choice = o.putArray("choices").addObject().put("index", 0);
    if (chat) {
      choice.putObject("message").put("role", "assistant").put("content", r.text());
    } else {
      choice.put("text", r.text());
      choice.putNull("logprobs");
    }
    choice.put("finish_reason", r.finishReason());
    o.putObject("usage").put("prompt_tokens", r.promptTokens()).put("completion_tokens", r.tokens())
        .put("total_tokens", r.promptTokens() + r.tokens());
    return o;
  }

  private void streamCompletion(HttpExchange ex, CompletionRequest req, boolean chat, String id, long created)
      throws IOException {
    SseWriter sse = new SseWriter(ex);
    String[] model = {null};
    boolean[] roleSent = {false};
    try {
      CompletionResult r = inference.complete(req, piece -> {
        ObjectNode chunk = chunk(chat, id, created, model[0]);
        ObjectNode choice = (ObjectNode) chunk.get("choices").get(0);
        if (chat) {
          ObjectNode delta = choice.putObject("delta");
          if (!roleSent[0]) {
            delta.put("role", "assistant");
            roleSent[0] = true;
          }
          delta.put("content", piece);
        } else {
          choice.put("text", piece);
          choice.putNull("logprobs");
        }
        choice.putNull("finish_reason");
        sse.send(chunk);
      });
      ObjectNode last = chunk(chat, id, created, r.buildDigest());
      ObjectNode choice = (ObjectNode) last.get("choices").get(0);
      if (chat) {
        choice.putObject("delta");
      } else {
        choice.put("text", "");
        choice.putNull("logprobs");
      }
      choice.put("finish_reason", r.finishReason());
      sse.send(last);
      sse.done();
    } catch (ModelUnavailableException e) {
      if (!sse.started()) {
        ex.getResponseHeaders().set("Retry-After", Integer.toString(e.retryAfterSeconds()));
        error(ex, 503, e.getMessage(), "model_unavailable", null);
      } else {
        sse.error(e.getMessage());
      }
    } catch (InferenceException e) {
      if (!sse.started()) {
        error(ex, 500, e.getMessage(), "inference_error", null);
      } else {
        sse.error(e.getMessage());
      }
    } catch (SseWriter.ClientGone e) {
      LOG.fine("streaming client went away");
    }
  }

  private ObjectNode chunk(boolean chat, String id, long created, String model) {
    ObjectNode o = Json.object().put("id", id).put("object", chat ? "chat.completion.chunk" : "text_completion")
        .put("created", created);
    ActiveModel a = inference.active();
    Json.putNullable(o, "model", model != null ? model : a == null ? null : a.buildDigest());
    o.putArray("choices").addObject().put("index", 0);
    return o;
  }

  static void json(HttpExchange ex, int status, JsonNode body) throws IOException {
    byte[] b = Json.bytes(body);
    ex.getResponseHeaders().set("Content-Type", "application/json");
    ex.sendResponseHeaders(status, b.length);
    try (OutputStream out = ex.getResponseBody()) {
      out.write(b);
    }
  }

  static void error(HttpExchange ex, int status, String message, String type, String param) throws IOException {
    ObjectNode o = Json.object();
    ObjectNode e = o.putObject("error").put("message", message).put("type", type);
    Json.putNullable(e, "param", param);
    e.put("code", status);
    json(ex, status, o);
  }

  /** Server-sent events on an exchange. */
  static final class SseWriter {
    static final class ClientGone extends RuntimeException {
      private static final long serialVersionUID = 1L;

      ClientGone(IOException e) {
        super(e);
      }
    }

    private final HttpExchange ex;
    private OutputStream out;

    SseWriter(HttpExchange ex) {
      this.ex = ex;
    }

    boolean started() {
      return out != null;
    }

    void send(JsonNode data) {
      write("data: " + Json.string(data) + "\n\n");
    }

    void done() {
      write("data: [DONE]\n\n");
    }

    void error(String message) {
      ObjectNode o = Json.object();
      o.putObject("error").put("message", message).put("type", "inference_error");
      send(o);
    }

    private void write(String s) {
      try {
        if (out == null) {
          ex.getResponseHeaders().set("Content-Type", "text/event-stream");
          ex.getResponseHeaders().set("Cache-Control", "no-cache");
          ex.sendResponseHeaders(200, 0);
          out = ex.getResponseBody();
        }
        out.write(s.getBytes(StandardCharsets.UTF_8));
        out.flush();
      } catch (IOException e) {
        throw new ClientGone(e);
      }
    }
  }
}
