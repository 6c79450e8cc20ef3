package dev.modelport.ota.agent;

import com.fasterxml.jackson.databind.JsonNode;
import dev.modelport.ota.ActiveModel;
import dev.modelport.ota.CheckInOutcome;
import dev.modelport.ota.DeviceConditions;
import dev.modelport.ota.DeviceIdentity;
import dev.modelport.ota.DeviceProfile;
import dev.modelport.ota.DownloadPolicy;
import dev.modelport.ota.OtaClient;
import dev.modelport.ota.OtaEvent;
import dev.modelport.ota.OtaStatus;
import dev.modelport.ota.internal.Json;
import dev.modelport.ota.runtime.llama.LlamaRuntime;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

/**
 * The device agent's command line.
 *
 * <pre>
 * device run --server URL --state DIR [--profile FILE] [--api-port N] [--root FILE]
 *            [--enrollment-token TOKEN] [--memory-budget BYTES] [--ctx N] [--once]
 * device status --state DIR
 * </pre>
 *
 * {@code run} enrolls on first start (needs {@code --root} and an enrollment token, from the flag
 * or the profile file), then checks in on the server's interval, installs what it is offered and
 * serves the local inference API on {@code 127.0.0.1:N} (default 8377) until stopped. {@code
 * --once} checks in once and exits (status 0 if the check-in succeeded, 1 otherwise).
 *
 * <p>The profile file is JSON: {@code deviceClass, deviceModel, region, osVersion, runtimeVersion,
 * enrollmentToken, memoryBudgetBytes, conditions {network, metered, charging}, policy {wifiOnly,
 * requireCharging, minFreeStorageBytes, maxMeteredBytes}}; every field is optional.
 */
public final class DeviceMain {
  private DeviceMain() {}

  public static void main(String[] args) {
    int status;
    try {
      status = run(args, System.out, System.err);
    } catch (UsageException e) {
      System.err.println("device: " + e.getMessage());
      System.err.println(USAGE);
      status = 2;
    } catch (Exception e) {
      System.err.println("device: " + e);
      status = 1;
    }
    System.exit(status);
  }

  static final String USAGE = """
      usage: device run --server URL --state DIR [--profile FILE] [--api-port N] [--root FILE]
                        [--enrollment-token TOKEN] [--memory-budget BYTES] [--ctx N] [--once]
             device status --state DIR""";

  static final class UsageException extends Exception {
    private static final long serialVersionUID = 1L;

    UsageException(String m) {
      super(m);
    }
  }

  static int run(String[] args, PrintStream out, PrintStream err) throws Exception {
    int i = 0;
    if (i < args.length && args[i].equals("device")) {
      i++; // allow both "DeviceMain device run" and "DeviceMain run"
    }
    if (i >= args.length) {
      throw new UsageException("missing command");
    }
    String command = args[i++];
    Map<String, String> opts = new HashMap<>();
    for (; i < args.length; i++) {
      String a = args[i];
      if (a.equals("--once")) {
        opts.put("once", "true");
      } else if (a.startsWith("--") && i + 1 < args.length) {
        opts.put(a.substring(2), args[++i]);
      } else {
        throw new UsageException("unexpected argument " + a);
      }
    }
    return switch (command) {
      case "run" -> runAgent(opts, out);
      case "status" -> status(opts, out);
      default -> throw new UsageException("unknown command " + command);
    };
  }

  private static String require(Map<String, String> opts, String name) throws UsageException {
    String v = opts.get(name);
    if (v == null) {
      throw new UsageException("--" + name + " is required");
    }
    return v;
  }

  private static int runAgent(Map<String, String> opts, PrintStream out) throws Exception {
    String server = require(opts, "server");
    Path state = Paths.get(require(opts, "state")).toAbsolutePath();
    JsonNode profile = opts.containsKey("profile") ? Json.parse(Files.readAllBytes(Paths.get(opts.get("profile"))))
        : Json.object();
    String token = opts.getOrDefault("enrollment-token", Json.text(profile, "enrollmentToken"));
    long budget = opts.containsKey("memory-budget") ? Long.parseLong(opts.get("memory-budget"))
        : profile.path("memoryBudgetBytes").asLong(0);
    Files.createDirectories(state.resolve("runtime"));
    LlamaRuntime runtime = LlamaRuntime.builder()
        .workDir(state.resolve("runtime"))
        .contextLength(Integer.parseInt(opts.getOrDefault("ctx", "2048")))
        .build();
    ProgressPrinter printer = new ProgressPrinter(out, System.console() != null);
    OtaClient.Builder b = OtaClient.builder()
        .serverUrl(server)
        .stateDir(state)
        .runtime(runtime)
        .identity(token == null ? DeviceIdentity.alreadyEnrolled() : DeviceIdentity.enrollingWith(token))
        .profile(new DeviceProfile(
            profile.path("deviceClass").asText("generic"),
            Json.text(profile, "deviceModel"),
            Json.text(profile, "region"),
            profile.path("osVersion").asText(System.getProperty("os.name") + " " + System.getProperty("os.version")),
            profile.path("runtimeVersion").asText("llama.cpp/de.kherud-4.1.0")))
        .downloadPolicy(policy(profile.get("policy")))
        .conditions(conditions(profile.get("conditions")))
        .memoryBudgetBytes(budget)
        .addListener(printer);
    if (opts.containsKey("root")) {
      b.trustedRoot(Files.readAllBytes(Paths.get(opts.get("root"))));
    }
    OtaClient client = b.build();
    if (opts.containsKey("once")) {
      try (client) {
        CheckInOutcome o = client.checkIn();
        printer.line("check-in done: " + o.result() + " " + (o.buildDigest() == null ? "" : o.buildDigest()) + " "
            + o.detail());
        return o.result() == CheckInOutcome.Result.FAILED ? 1 : 0;
      }
    }
    int port = Integer.parseInt(opts.getOrDefault("api-port", "8377"));
    LocalApiServer api = LocalApiServer.start(client.inference(), port, 32);
    printer.line("local inference API on http://127.0.0.1:" + api.port() + "/v1 (state " + state + ")");
    CountDownLatch stop = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      api.close();
      client.close();
      stop.countDown();
    }, "device-shutdown"));
    client.start();
    stop.await();
    return 0;
  }

  private static DownloadPolicy policy(JsonNode p) {
    DownloadPolicy d = DownloadPolicy.permissive();
    if (p == null) {
      return d;
    }
    return new DownloadPolicy(p.path("wifiOnly").asBoolean(d.wifiOnly()),
        p.path("requireCharging").asBoolean(d.requireCharging()),
        p.path("minFreeStorageBytes").asLong(d.minFreeStorageBytes()),
        p.path("maxMeteredBytes").asLong(d.maxMeteredBytes()));
  }

  private static DeviceConditions.Source conditions(JsonNode c) {
    if (c == null) {
      return DeviceConditions::ideal;
    }
    DeviceConditions fixed = new DeviceConditions(
        DeviceConditions.Network.valueOf(c.path("network").asText("WIFI").toUpperCase(Locale.ROOT)),
        c.path("metered").asBoolean(false), c.path("charging").asBoolean(true));
    return () -> fixed;
  }

  private static int status(Map<String, String> opts, PrintStream out) throws IOException, UsageException {
    Path state = Paths.get(require(opts, "state"));
    if (!Files.isDirectory(state)) {
      throw new UsageException("no state directory at " + state);
    }
    OtaStatus s = OtaClient.readStatus(state);
    out.println("device id:        " + (s.deviceId() == null ? "(not enrolled)" : s.deviceId()));
    ActiveModel a = s.active();
    if (a == null) {
      out.println("active build:     (none)");
    } else {
      out.println("active build:     " + a.buildDigest() + " (slot " + s.activeSlot() + ", " + a.length() + " bytes)");
      out.println("target:           " + a.targetPath());
      out.println("provenance class: " + (a.provenanceClass() == null ? "(unknown)" : a.provenanceClass()));
      out.println("filing:           " + (a.filing() == null ? "(none)" : a.filing().jurisdiction() + " " + a.filing().number()));
      out.println("verification:     " + s.verification());
    }
    out.println("previous build:   " + (s.previousDigest() == null ? "(none)" : s.previousDigest()));
    out.println("anti-rollback:    " + s.antiRollback());
    out.println("downloading:      " + (s.stagingDigests().isEmpty() ? "(nothing)" : String.join(", ", s.stagingDigests())));
    out.println("pending reports:  " + s.pendingReports());
    s.rejected().forEach((d, why) -> out.println("rejected:         " + d + ": " + why));
    for (OtaEvent e : s.recentEvents()) {
      out.println("event:            " + e.at() + " " + e.type() + " " + e.buildDigest()
          + (e.reason() == null ? "" : " " + e.reason()));
    }
    return 0;
  }
}
