package dev.modelport.ota.testing;

import dev.modelport.ota.CheckInOutcome;
import dev.modelport.ota.DeviceIdentity;
import dev.modelport.ota.DeviceProfile;
import dev.modelport.ota.FileSystem;
import dev.modelport.ota.ModelRuntime;
import dev.modelport.ota.OtaClient;
import dev.modelport.ota.OtaEvent;
import dev.modelport.ota.OtaListener;
import dev.modelport.ota.internal.http.Http;
import dev.modelport.ota.internal.http.HttpDeviceApi;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The device agent as a separate JVM for the crash-consistency test: one check-in (download,
 * verify, stage, health check, swap, report), then exit. Every mutating file-system call is
 * counted, across runs (the count lives in {@code COUNTER_FILE}, outside the state directory); at
 * call number {@code killAt} it prints {@code KILLPOINT n op path} and blocks, and the test kills
 * it with SIGKILL right there (before the call runs). At the end it prints {@code OPS n} (calls of
 * this run) and {@code DONE result}. Before {@code KILLPOINT} and {@code DONE} it prints {@code NET
 * n}: the blob bytes this run read off the wire, by the client's own count ({@link
 * CountingDeviceApi}, frozen first so that nothing is read after the line).
 *
 * <p>Arguments: {@code STATE SERVER_URL ROOT_FILE KILL_AT RUNTIME COUNTER_FILE [ENROLLMENT_TOKEN
 * DEVICE_CLASS REGION]} with RUNTIME {@code llama} or {@code stub}; KILL_AT 0 never kills. The
 * optional three default to {@link FakeRegistry}'s token and {@link TestDevices#profile()}; the
 * registry-service end-to-end test passes a real enrollment token and its device class. System
 * properties {@code ota.crash.bufferBytes} (4096) and {@code ota.crash.checkpointBytes} (8192) set
 * the download's buffer size and checkpoint interval.
 */
public final class CrashChild {
  private CrashChild() {}

  public static void main(String[] args) throws Exception {
    PrintStream out = System.out;
    Path state = Paths.get(args[0]);
    String server = args[1];
    byte[] root = Files.readAllBytes(Paths.get(args[2]));
    int killAt = Integer.parseInt(args[3]);
    ModelRuntime runtime = args[4].equals("llama") ? TestDevices.llama(state) : new StubRuntime();
    Path counterFile = Paths.get(args[5]);
    AtomicInteger global = new AtomicInteger(Files.exists(counterFile)
        ? Integer.parseInt(Files.readString(counterFile).trim()) : 0);
    AtomicInteger ops = new AtomicInteger();
    String token = args.length > 6 ? args[6] : FakeRegistry.ENROLLMENT_TOKEN;
    DeviceProfile base = TestDevices.profile();
    DeviceProfile profile = args.length > 8 ? new DeviceProfile(args[7], base.deviceModel(), args[8],
        base.osVersion(), base.runtimeVersion()) : base;
    java.net.URL serverUrl = new java.net.URL(server);
    CountingDeviceApi api = new CountingDeviceApi(new HttpDeviceApi(serverUrl,
        new Http.Timeouts(Duration.ofSeconds(5), Duration.ofSeconds(30))));
    FileSystem fs = new FileSystem.Forwarding(FileSystem.SYSTEM) {
      @Override
      protected synchronized void beforeMutation(String operation, Path path) throws IOException {
        // synchronized: downloads write, hash and fsync on threads of their own
        ops.incrementAndGet();
        int n = global.incrementAndGet();
        Files.writeString(counterFile, Integer.toString(n));
        if (n == killAt) {
          api.freeze();
          try {
            Thread.sleep(50); // lets a socket read already under way finish into the count
          } catch (InterruptedException ignored) {
            Thread.currentThread().interrupt();
          }
          synchronized (out) {
            out.println("NET " + api.blobBytesReceived());
            out.println("KILLPOINT " + n + " " + operation + " " + state.relativize(path));
            out.flush();
          }
          while (true) {
            try {
              Thread.sleep(Long.MAX_VALUE); // waiting for SIGKILL
            } catch (InterruptedException ignored) {
              // keep waiting
            }
          }
        }
      }
    };
    int status = 0;
    try (OtaClient client = OtaClient.builder()
        .serverUrl(server)
        .trustedRoot(root)
        .identity(DeviceIdentity.enrollingWith(token))
        .stateDir(state)
        .profile(profile)
        .deviceApi(api)
        .runtime(runtime)
        .fileSystem(fs)
        // many writes: many places to crash; and several durable checkpoints per download
        .downloadBufferBytes(Integer.getInteger("ota.crash.bufferBytes", 4096))
        .downloadCheckpoints(Integer.getInteger("ota.crash.checkpointBytes", 8192), Duration.ofSeconds(1))
        .timeouts(Duration.ofSeconds(5), Duration.ofSeconds(30))
        .addListener(new OtaListener() {
          @Override
          public void onEvent(OtaEvent e) {
            synchronized (out) {
              out.println("EVENT " + e.type() + " " + e.buildDigest() + (e.reason() == null ? "" : " " + e.reason()));
            }
          }
        })
        .build()) {
      CheckInOutcome o = client.checkIn();
      synchronized (out) {
        out.println("OPS " + ops.get());
        out.println("NET " + api.blobBytesReceived());
        out.println("DONE " + o.result() + " " + o.detail());
        out.flush();
      }
    } catch (IOException | RuntimeException e) {
      e.printStackTrace();
      status = 1;
    }
    System.exit(status);
  }
}
