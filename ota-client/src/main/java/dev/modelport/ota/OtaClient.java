package dev.modelport.ota;

import dev.modelport.ota.internal.Digests;
import dev.modelport.ota.internal.Listeners;
import dev.modelport.ota.internal.download.BlobDownloader;
import dev.modelport.ota.internal.engine.DeviceSession;
import dev.modelport.ota.internal.engine.Reporter;
import dev.modelport.ota.internal.engine.UpdateEngine;
import dev.modelport.ota.internal.http.Http;
import dev.modelport.ota.internal.http.HttpDeviceApi;
import dev.modelport.ota.internal.serve.ModelRouter;
import dev.modelport.ota.internal.store.AtomicFiles;
import dev.modelport.ota.internal.store.Journal;
import dev.modelport.ota.internal.store.RejectedBuilds;
import dev.modelport.ota.internal.store.RollbackCounter;
import dev.modelport.ota.internal.store.SlotStore;
import dev.modelport.ota.internal.store.StateDir;
import dev.modelport.ota.internal.verify.TufVerifier;
import java.io.IOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.nio.channels.FileLock;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The on-device OTA client: checks in with the registry, downloads (resumably, as a delta when it
 * can), verifies (TUF, hash, length, device class, anti-rollback), stages into an A/B slot,
 * health-checks and hot-swaps builds into a {@link ModelRuntime}, and reports what happened. Apps
 * call the active model through {@link #inference()}, which stays up across swaps.
 *
 * <p>Made by {@link #builder()}; its configuration is immutable and {@link #newBuilder()} starts a
 * variant. Building it takes the state directory's lock and recovers from whatever a crash left
 * there (an interrupted download resumes, a half-finished swap ends on the old or the new build);
 * {@link #close()} releases it and stops the model workers. One client per state directory.
 *
 * <p>Thread-safe. Installs run one at a time: on the thread calling {@link #checkIn()}, or on the
 * client's own thread after {@link #start()}.
 */
public final class OtaClient implements AutoCloseable {
  private static final Logger LOG = Logger.getLogger(OtaClient.class.getName());

  private final Builder config;
  private final StateDir dir;
  private final FileLock lock;
  private final DeviceApi api;
  private final Listeners listeners;
  private final DeviceSession session;
  private final Reporter reporter;
  private final ModelRouter router;
  private final UpdateEngine engine;
  private final Object loopLock = new Object();
  private final Object checkInLock = new Object();
  private Thread loop;
  private boolean wake;
  private volatile boolean closed;
  private String lastEtag;
  private String lastEtagInstalled;
  private DeviceApi.CheckInResponse lastResponse;

  private OtaClient(Builder b) throws IOException {
    this.config = b.copy();
    Objects.requireNonNull(b.serverUrl, "serverUrl");
    Objects.requireNonNull(b.stateDir, "stateDir");
    Objects.requireNonNull(b.runtime, "runtime");
    Objects.requireNonNull(b.profile, "profile");
    this.dir = new StateDir(b.stateDir, b.fileSystem);
    this.lock = dir.lock();
    try {
      dir.prepare();
      byte[] root = pinRoot(b.trustedRoot);
      this.api = b.deviceApi != null ? b.deviceApi : new HttpDeviceApi(b.serverUrl, b.timeouts);
      this.listeners = new Listeners(b.listeners);
      this.session = new DeviceSession(dir, api, b.identity == null ? null : b.identity.enrollmentToken(),
          this::wireProfile, b.clock);
      ReportSink sink = b.reportSink != null ? b.reportSink : this::reportThroughApi;
      this.reporter = new Reporter(new Journal(dir), sink, listeners, b.clock);
      UpdateEngine[] engineRef = new UpdateEngine[1];
      this.router = new ModelRouter(b.runtime, b.maxQueuedRequests, b.maxQueueWait, b.maxDrain,
          digest -> engineRef[0].onCrash(digest));
      this.engine = new UpdateEngine(new UpdateEngine.Config(dir, api, session,
          new TufVerifier(dir, root, b.clock, b.timeouts), b.runtime, router, reporter, listeners, b.policy,
          b.conditions, b.profile.deviceClass(), b.memoryBudgetBytes, b.healthCheck, b.serverUrl, b.clock,
          b.downloadBufferBytes, b.downloadCheckpoints, b.maxCrashes, b.crashWindow));
      engineRef[0] = engine;
      engine.recover();
    } catch (IOException | RuntimeException e) {
      lock.release();
      lock.channel().close();
      throw e;
    }
  }

  private byte[] pinRoot(byte[] given) throws IOException {
    Path pinned = dir.trustedRoot();
    if (given != null) {
      if (!dir.fs().exists(pinned)) {
        AtomicFiles.write(dir.fs(), pinned, given);
      }
      return given;
    }
    if (!dir.fs().exists(pinned)) {
      throw new IllegalStateException("no trusted root: pass Builder.trustedRoot on first start");
    }
    return dir.fs().readAll(pinned);
  }

  public static Builder builder() {
    return new Builder();
  }

  /** A builder with this client's configuration. */
  public Builder newBuilder() {
    return config.copy();
  }

  /** The device's inference entry point; it stays up across swaps. */
  public Inference inference() {
    return router;
  }

  /** The device id, enrolling first if needed. */
  public String deviceId() throws IOException {
    return session.deviceId();
  }

  /**
   * One full cycle on the calling thread: enroll if needed, check in, act on the answer (which may
   * install a build: seconds to minutes), and deliver pending reports.
   *
   * @throws IOException if the server could not be reached; installs that fail do not throw but
   *     come back as {@link CheckInOutcome.Result#FAILED}
   */
  public CheckInOutcome checkIn() throws IOException {
    synchronized (checkInLock) {
      return checkInLocked();
    }
  }

  private CheckInOutcome checkInLocked() throws IOException {
    session.deviceId();
    Optional<SlotStore.Installed> active = engine.slots().active();
    String installed = active.map(SlotStore.Installed::digest).orElse(null);
    DeviceApi.CheckInRequest req = new DeviceApi.CheckInRequest(wireProfile(),
        installed == null ? null : new DeviceApi.Installed(installed));
    String etag = Objects.equals(installed, lastEtagInstalled) && lastResponse != null ? lastEtag : null;
    DeviceApi.CheckIn ci = session.withToken(t -> api.checkIn(t, req, etag));
    DeviceApi.CheckInResponse response;
    if (ci.notModified()) {
      response = lastResponse;
    } else {
      response = ci.response();
      lastResponse = response;
      lastEtag = ci.etag();
      lastEtagInstalled = installed;
    }
    listeners.onMessage("check-in: " + response.action() + (response.target() != null ? " " + response.target().digest() : "")
        + (ci.notModified() ? " (not modified)" : ""));
    CheckInOutcome outcome = engine.handle(response);
    flushReportsQuietly();
    return outcome;
  }

  /** Delivers pending reports now; returns how many are still pending. */
  public int flushReports() throws IOException {
    return reporter.flush();
  }

  private void flushReportsQuietly() {
    try {
      reporter.flush();
    } catch (IOException e) {
      listeners.onMessage("reports not delivered yet: " + e.getMessage());
    }
  }

  /**
   * Starts checking in on the client's own thread: on the interval the server gives, with ±10%
   * jitter; after an error with exponential backoff (full jitter) up to {@link
   * Builder#maxBackoff}.
   */
  public void start() {
    synchronized (loopLock) {
      if (loop != null || closed) {
        return;
      }
      loop = new Thread(this::runLoop, "modelport-ota-checkin");
      loop.setDaemon(true);
      loop.start();
    }
  }

  /** Makes the background loop check in now instead of waiting out its interval. */
  public void pollNow() {
    synchronized (loopLock) {
      wake = true;
      loopLock.notifyAll();
    }
  }

  private void runLoop() {
    int failures = 0;
    while (!closed) {
      long delayMs;
      try {
        CheckInOutcome o = checkIn();
        failures = 0;
        long base = Math.max(config.minPoll.toMillis(), o.nextPollSeconds() * 1000);
        delayMs = (long) (base * (0.9 + 0.2 * ThreadLocalRandom.current().nextDouble()));
      } catch (IOException | RuntimeException e) {
        failures++;
        long cap = Math.min(config.maxBackoff.toMillis(), config.minPoll.toMillis() << Math.min(failures, 20));
        delayMs = cap / 2 + ThreadLocalRandom.current().nextLong(cap / 2 + 1);
        listeners.onMessage("check-in failed (" + e.getMessage() + "); retrying in " + delayMs / 1000 + " s");
        LOG.log(Level.FINE, "check-in failed", e);
        flushReportsQuietly();
      }
      synchronized (loopLock) {
        long until = System.currentTimeMillis() + delayMs;
        while (!closed && !wake) {
          long left = until - System.currentTimeMillis();
          if (left <= 0) {
            break;
          }
          try {
            loopLock.wait(left);
          } catch (InterruptedException e) {
            return;
          }
        }
        wake = false;
      }
    }
  }

  /** The state as this client sees it. */
  public OtaStatus status() throws IOException {
    return readStatus(dir);
  }

  /** Reads a state directory without taking its lock, e.g. for {@code device status}. */
  public static OtaStatus readStatus(Path stateDir) throws IOException {
    return readStatus(new StateDir(stateDir, FileSystem.SYSTEM));
  }

  private static OtaStatus readStatus(StateDir dir) throws IOException {
    FileSystem fs = dir.fs();
    String deviceId = null;
    if (fs.exists(dir.deviceJson())) {
      deviceId = dev.modelport.ota.internal.Json.text(dev.modelport.ota.internal.Json.parse(fs.readAll(dir.deviceJson())),
          "deviceId");
    }
    SlotStore slots = new SlotStore(dir);
    Optional<SlotStore.Installed> active = slots.active();
    Optional<SlotStore.Installed> prev = slots.previous();
    long counter = new RollbackCounter(dir).value();
    String verification = active.map(a -> "verified against TUF role " + a.record().tufRole() + " (root v"
        + a.record().rootVersion() + "), target " + a.record().targetPath() + ", sha256 and length "
        + a.record().length() + " checked at download, anti-rollback " + a.record().antiRollback()).orElse(null);
    List<String> staging = new ArrayList<>();
    for (Path p : fs.list(dir.staging())) {
      String n = p.getFileName().toString();
      if (n.endsWith(".part")) {
        staging.add(Digests.ofHex(n.substring(0, n.length() - 5)) + " (" + fs.size(p) + " bytes)");
      }
    }
    List<OtaEvent> events = List.of();
    int pending = 0;
    if (fs.exists(dir.journal())) {
      Journal j = new Journal(dir, false);
      List<OtaEvent> all = j.all();
      events = all.subList(Math.max(0, all.size() - 10), all.size());
      pending = j.pending().size();
    }
    return new OtaStatus(deviceId, active.map(a -> a.record().toActiveModel()).orElse(null),
        active.map(SlotStore.Installed::slot).orElse(null), verification,
        prev.map(SlotStore.Installed::digest).orElse(null), counter, staging, pending, events,
        new RejectedBuilds(dir).all());
  }

  private DeviceApi.Profile wireProfile() {
    long free;
    try {
      free = dir.fs().usableSpace(dir.root());
    } catch (IOException e) {
      free = -1;
    }
    DeviceProfile p = config.profile;
    return new DeviceApi.Profile(p.deviceClass(), p.deviceModel(), p.region(), p.osVersion(), p.runtimeVersion(),
        free < 0 ? null : free);
  }

  private List<String> reportThroughApi(List<OtaEvent> events) throws IOException {
    List<DeviceApi.ReportEvent> wire = events.stream().map(e -> new DeviceApi.ReportEvent(e.eventId(), e.type().name(),
        e.buildDigest(), e.reason(), e.at().toString())).toList();
    return session.withToken(t -> api.report(t, new DeviceApi.ReportRequest(wire))).acknowledged();
  }

  /** For tests in this package: the router behind {@link #inference()}. */
  ModelRouter router() {
    return router;
  }

  /** Stops the loop and every model worker and releases the state directory. */
  @Override
  public void close() {
    closed = true;
    Thread t;
    synchronized (loopLock) {
      loopLock.notifyAll();
      t = loop;
    }
    if (t != null) {
      t.interrupt();
      try {
        t.join(5000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    router.close();
    try {
      lock.release();
      lock.channel().close();
    } catch (IOException e) {
      LOG.fine("releasing the state lock: " + e);
    }
  }

  /** Configuration. Required: serverUrl, stateDir, runtime, profile, and trustedRoot on first start. */
  public static final class Builder {
    private URL serverUrl;
    private DeviceIdentity identity;
    private byte[] trustedRoot;
    private Path stateDir;
    private ModelRuntime runtime;
    private DeviceProfile profile;
    private DownloadPolicy policy = DownloadPolicy.permissive();
    private DeviceConditions.Source conditions = DeviceConditions::ideal;
    private long memoryBudgetBytes;
    private final List<OtaListener> listeners = new ArrayList<>();
    private Clock clock = Clock.systemUTC();
    private FileSystem fileSystem = FileSystem.SYSTEM;
    private DeviceApi deviceApi;
    private ReportSink reportSink;
    private HealthCheck healthCheck = HealthCheck.defaults();
    private int maxQueuedRequests = 64;
    private Duration maxQueueWait = Duration.ofMinutes(2);
    private Duration maxDrain = Duration.ofMinutes(5);
    private Duration minPoll = Duration.ofSeconds(5);
    private Duration maxBackoff = Duration.ofHours(1);
    private Http.Timeouts timeouts = Http.Timeouts.defaults();
    private int downloadBufferBytes = 1 << 20;
    private BlobDownloader.Checkpoints downloadCheckpoints = BlobDownloader.Checkpoints.defaults();
    private int maxCrashes = 3;
    private Duration crashWindow = Duration.ofMinutes(10);

    private Builder() {}

    private Builder copy() {
      Builder b = new Builder();
      b.serverUrl = serverUrl;
      b.identity = identity;
      b.trustedRoot = trustedRoot == null ? null : trustedRoot.clone();
      b.stateDir = stateDir;
      b.runtime = runtime;
      b.profile = profile;
      b.policy = policy;
      b.conditions = conditions;
      b.memoryBudgetBytes = memoryBudgetBytes;
      b.listeners.addAll(listeners);
      b.clock = clock;
      b.fileSystem = fileSystem;
      b.deviceApi = deviceApi;
      b.reportSink = reportSink;
      b.healthCheck = healthCheck;
      b.maxQueuedRequests = maxQueuedRequests;
      b.maxQueueWait = maxQueueWait;
      b.maxDrain = maxDrain;
      b.minPoll = minPoll;
      b.maxBackoff = maxBackoff;
      b.timeouts = timeouts;
      b.downloadBufferBytes = downloadBufferBytes;
      b.downloadCheckpoints = downloadCheckpoints;
      b.maxCrashes = maxCrashes;
      b.crashWindow = crashWindow;
      return b;
    }

    /** The registry's base URL, e.g. {@code https://registry.example.com/}. */
    public Builder serverUrl(String v) {
      try {
        serverUrl = new URL(v);
      } catch (MalformedURLException e) {
        throw new IllegalArgumentException("bad server URL: " + v, e);
      }
      return this;
    }

    public Builder identity(DeviceIdentity v) {
      identity = v;
      return this;
    }

    /** The TUF root.json shipped with the app, pinned in the state directory at first start. */
    public Builder trustedRoot(byte[] rootJson) {
      trustedRoot = rootJson.clone();
      return this;
    }

    public Builder stateDir(Path v) {
      stateDir = v;
      return this;
    }

    public Builder runtime(ModelRuntime v) {
      runtime = v;
      return this;
    }

    public Builder profile(DeviceProfile v) {
      profile = v;
      return this;
    }

    public Builder downloadPolicy(DownloadPolicy v) {
      policy = Objects.requireNonNull(v);
      return this;
    }

    /** Where the policy's inputs (network, power) come from; set by the host app. */
    public Builder conditions(DeviceConditions.Source v) {
      conditions = Objects.requireNonNull(v);
      return this;
    }

    /**
     * RAM the runtime may use for models. A swap loads the new build beside the old one only if
     * both estimates fit; otherwise it stops the old one first and requests queue meanwhile. 0 (the
     * default) means no limit.
     */
    public Builder memoryBudgetBytes(long v) {
      memoryBudgetBytes = v;
      return this;
    }

    /** Adds a listener; listeners must be fast and must not throw (see {@link OtaListener}). */
    public Builder addListener(OtaListener v) {
      listeners.add(Objects.requireNonNull(v));
      return this;
    }

    public Builder clock(Clock v) {
      clock = Objects.requireNonNull(v);
      return this;
    }

    /** The file system under the state directory; tests pass one that injects crashes. */
    public Builder fileSystem(FileSystem v) {
      fileSystem = Objects.requireNonNull(v);
      return this;
    }

    /** Replaces the HTTP device API (for other transports and tests). */
    public Builder deviceApi(DeviceApi v) {
      deviceApi = v;
      return this;
    }

    /** Replaces where reports go (default: {@link DeviceApi#report}). */
    public Builder reportSink(ReportSink v) {
      reportSink = v;
      return this;
    }

    public Builder healthCheck(HealthCheck v) {
      healthCheck = Objects.requireNonNull(v);
      return this;
    }

    /** Requests that may wait while no model can serve during a swap (beyond that: 503). */
    public Builder maxQueuedRequests(int v) {
      maxQueuedRequests = v;
      return this;
    }

    public Builder maxQueueWait(Duration v) {
      maxQueueWait = Objects.requireNonNull(v);
      return this;
    }

    /** Longest wait for in-flight requests of the old build before it is stopped anyway. */
    public Builder maxDrain(Duration v) {
      maxDrain = Objects.requireNonNull(v);
      return this;
    }

    /** Shortest interval between check-ins, and the first backoff step. */
    public Builder minPoll(Duration v) {
      minPoll = Objects.requireNonNull(v);
      return this;
    }

    public Builder maxBackoff(Duration v) {
      maxBackoff = Objects.requireNonNull(v);
      return this;
    }

    public Builder timeouts(Duration connect, Duration read) {
      timeouts = new Http.Timeouts(connect, read);
      return this;
    }

    /**
     * Size of one buffer of a download (each is one file-system write; default 1 MiB). A download
     * keeps a ring of about 4 MiB of them (at least 3) between its network thread and its hashing
     * and writing thread.
     */
    public Builder downloadBufferBytes(int v) {
      if (v < 512) {
        throw new IllegalArgumentException("downloadBufferBytes must be at least 512");
      }
      downloadBufferBytes = v;
      return this;
    }

    /**
     * How often a download fsyncs its staging file and records how much of it is durable: after
     * every {@code bytes} or {@code every} after the last checkpoint, whichever comes first
     * (default 64 MiB or 2 s). A resumed download keeps only recorded bytes, so this bounds what a
     * crash or power cut costs in re-fetched bytes; each checkpoint costs an fsync of the bytes
     * since the last one (on a thread of its own, while the download goes on) and of a tiny record.
     */
    public Builder downloadCheckpoints(long bytes, Duration every) {
      if (bytes < 1 || every.isNegative() || every.isZero()) {
        throw new IllegalArgumentException("checkpoint interval must be positive");
      }
      downloadCheckpoints = new BlobDownloader.Checkpoints(bytes, every);
      return this;
    }

    /** A new build that crashes this often within {@code window} after activation is rolled back. */
    public Builder crashLoop(int maxCrashes, Duration window) {
      this.maxCrashes = maxCrashes;
      this.crashWindow = Objects.requireNonNull(window);
      return this;
    }

    /**
     * Opens the state directory (taking its lock), recovers from any crash and returns the client.
     *
     * @throws IOException if the state directory cannot be used or another client holds it
     */
    public OtaClient build() throws IOException {
      return new OtaClient(this);
    }
  }
}
