package dev.modelport.ota.testing;

import dev.modelport.ota.DeviceIdentity;
import dev.modelport.ota.DeviceProfile;
import dev.modelport.ota.OtaClient;
import dev.modelport.ota.OtaEvent;
import dev.modelport.ota.OtaListener;
import dev.modelport.ota.runtime.llama.LlamaRuntime;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Devices for tests: a real llama.cpp runtime with small workers, pointed at a {@link FakeRegistry}. */
public final class TestDevices {
  private TestDevices() {}

  /** Surefire may start tests from a manifest-only jar; it publishes the real classpath. */
  public static String classpath() {
    String cp = System.getProperty("surefire.test.class.path");
    return cp != null && !cp.isBlank() ? cp : System.getProperty("java.class.path");
  }

  public static LlamaRuntime llama(Path state) {
    try {
      Path work = Files.createDirectories(state.resolve("runtime"));
      return LlamaRuntime.builder()
          .workDir(work)
          .classpath(classpath())
          .contextLength(128)
          .threads(1)
          .maxHeap("48m")
          .overheadBytes(64L << 20)
          .startTimeout(Duration.ofSeconds(90))
          .build();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static DeviceProfile profile() {
    return new DeviceProfile(FakeTufRepo.DEVICE_CLASS, "test-phone", "CN", "Android 15", "llama.cpp-b4916");
  }

  /** A client builder for {@code state} against {@code registry} with a llama runtime. */
  public static OtaClient.Builder builder(FakeRegistry registry, Path state) {
    return OtaClient.builder()
        .serverUrl(registry.url())
        .trustedRoot(registry.tuf.bootstrapRoot)
        .identity(DeviceIdentity.enrollingWith(FakeRegistry.ENROLLMENT_TOKEN))
        .stateDir(state)
        .profile(profile())
        .runtime(llama(state))
        .minPoll(Duration.ofMillis(200))
        .timeouts(Duration.ofSeconds(5), Duration.ofSeconds(20));
  }

  /** Collects events. */
  public static final class Events implements OtaListener {
    public final List<OtaEvent> events = new CopyOnWriteArrayList<>();
    public final List<String> messages = new CopyOnWriteArrayList<>();

    @Override
    public void onEvent(OtaEvent event) {
      events.add(event);
    }

    @Override
    public void onMessage(String message) {
      messages.add(message);
    }

    public List<OtaEvent.Type> types() {
      return events.stream().map(OtaEvent::type).toList();
    }
  }
}
