package dev.modelport.ota.runtime.llama;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import de.kherud.llama.InferenceParameters;
import de.kherud.llama.LlamaModel;
import de.kherud.llama.LlamaOutput;
import de.kherud.llama.LogLevel;
import de.kherud.llama.ModelParameters;
import de.kherud.llama.args.LogFormat;
import java.io.BufferedReader;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * The llama.cpp worker: a JVM hosting exactly one model, started by {@link LlamaRuntime}. One
 * model per process because de.kherud:llama 4.1.0 cannot free a model ({@code close()} frees
 * nothing, a request in flight during {@code close()} blocks forever, and its native threads keep
 * the JVM alive), so a model is unloaded by ending its process.
 *
 * <p>Protocol: JSON lines. On stdout the worker writes {@code {"event":"ready"}} once the model is
 * loaded (or {@code {"event":"failed","error":...}} and exits 3), then for each request {@code
 * {"id":N,"token":"..."}}* and {@code {"id":N,"done":true,"tokens":T,"promptTokens":P}} or
 * {@code {"id":N,"error":"..."}}. On stdin it reads {@code {"id":N,"op":"complete","prompt":...,
 * "maxTokens":M,"temperature":T,"stop":[...]}}, handled one at a time in arrival order. It exits
 * as soon as stdin ends, so a worker never outlives its parent, even one killed with SIGKILL.
 * llama.cpp logs go to stderr; any stray line on stdout that is not JSON is ignored by the parent.
 *
 * <p>Arguments: {@code --model PATH --ctx N --threads N}.
 */
public final class LlamaWorkerMain {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final JsonNode END = JSON.createObjectNode();

  private LlamaWorkerMain() {}

  public static void main(String[] args) {
    // Protocol output goes to the real stdout; System.out is pointed at stderr so that no
    // library print can corrupt the protocol.
    PrintStream protocol = new PrintStream(new FileOutputStream(FileDescriptor.out), false, StandardCharsets.UTF_8);
    System.setOut(System.err);
    String model = null;
    int ctx = 512;
    int threads = 2;
    for (int i = 0; i + 1 < args.length; i += 2) {
      switch (args[i]) {
        case "--model" -> model = args[i + 1];
        case "--ctx" -> ctx = Integer.parseInt(args[i + 1]);
        case "--threads" -> threads = Integer.parseInt(args[i + 1]);
        default -> throw new IllegalArgumentException("unknown option " + args[i]);
      }
    }
    BlockingQueue<JsonNode> requests = new LinkedBlockingQueue<>();
    Thread stdin = new Thread(() -> readRequests(requests), "stdin");
    stdin.setDaemon(true);
    stdin.start();

    LlamaModel llama;
    try {
      LlamaModel.setLogger(LogFormat.TEXT, (level, message) -> {
        if (level == LogLevel.WARN || level == LogLevel.ERROR) {
          System.err.print(message);
        }
      });
      llama = new LlamaModel(new ModelParameters()
          .setModel(model)
          .setCtxSize(ctx)
          .setThreads(threads)
          .setGpuLayers(0)
          .setParallel(1));
    } catch (Throwable t) {
      send(protocol, JSON.createObjectNode().put("event", "failed").put("error", String.valueOf(t.getMessage())));
      Runtime.getRuntime().halt(3);
      return;
    }
    send(protocol, JSON.createObjectNode().put("event", "ready").put("pid", ProcessHandle.current().pid()));
    while (true) {
      JsonNode req;
      try {
        req = requests.take();
      } catch (InterruptedException e) {
        break;
      }
      if (req == END) {
        break;
      }
      serve(llama, req, protocol);
    }
    protocol.flush();
    Runtime.getRuntime().halt(0); // close() would free nothing and native threads keep the JVM up
  }

  private static void readRequests(BlockingQueue<JsonNode> requests) {
    try (BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8))) {
      String line;
      while ((line = in.readLine()) != null) {
        if (line.isBlank()) {
          continue;
        }
        JsonNode n = JSON.readTree(line);
        if ("shutdown".equals(n.path("op").asText())) {
          break;
        }
        requests.add(n);
      }
    } catch (IOException e) {
      System.err.println("worker stdin: " + e);
    }
    // Parent gone or asked us to stop: finish now. A request in flight is abandoned on purpose.
    Runtime.getRuntime().halt(0);
  }

  private static void serve(LlamaModel llama, JsonNode req, PrintStream out) {
    long id = req.path("id").asLong();
    try {
      String prompt = req.path("prompt").asText();
      int maxTokens = req.path("maxTokens").asInt(16);
      float temperature = (float) req.path("temperature").asDouble(0);
      InferenceParameters p = new InferenceParameters(prompt)
          .setNPredict(maxTokens)
          .setCachePrompt(false)
          .setTemperature(temperature)
          .setRepeatPenalty(1f);
      if (temperature <= 0) {
        p.setTopK(1);
      }
      List<String> stop = new ArrayList<>();
      req.path("stop").forEach(s -> stop.add(s.asText()));
      if (!stop.isEmpty()) {
        p.setStopStrings(stop.toArray(new String[0]));
      }
      int tokens = 0;
      boolean lastEmpty = false;
      for (LlamaOutput o : llama.generate(p)) {
        tokens++;
        lastEmpty = o.text.isEmpty();
        if (!lastEmpty) {
          send(out, JSON.createObjectNode().put("id", id).put("token", o.text));
        }
      }
      if (lastEmpty && tokens > 0) {
        tokens--; // jllama ends the stream with an extra, empty output
      }
      int promptTokens = llama.encode(prompt).length;
      send(out, JSON.createObjectNode().put("id", id).put("done", true).put("tokens", tokens)
          .put("promptTokens", promptTokens).put("finish", tokens >= maxTokens ? "length" : "stop"));
    } catch (Throwable t) {
      send(out, JSON.createObjectNode().put("id", id).put("error", String.valueOf(t)));
    }
  }

  private static void send(PrintStream out, ObjectNode msg) {
    synchronized (out) {
      try {
        OutputStream o = out;
        o.write(JSON.writeValueAsBytes(msg));
        o.write('\n');
        o.flush();
      } catch (IOException e) {
        Runtime.getRuntime().halt(0); // parent gone
      }
    }
  }
}
