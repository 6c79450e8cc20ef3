package dev.modelport.ota.internal.engine;

import dev.modelport.gguf.digest.DeltaPlan;
import dev.modelport.gguf.digest.GgufManifest;
import dev.modelport.ota.ActiveModel;
import dev.modelport.ota.CheckInOutcome;
import dev.modelport.ota.DeviceApi;
import dev.modelport.ota.DeviceConditions;
import dev.modelport.ota.DownloadPolicy;
import dev.modelport.ota.FailureCode;
import dev.modelport.ota.FileSystem;
import dev.modelport.ota.HealthCheck;
import dev.modelport.ota.ModelRuntime;
import dev.modelport.ota.OtaEvent;
import dev.modelport.ota.OtaException;
import dev.modelport.ota.OtaListener;
import dev.modelport.ota.Progress;
import dev.modelport.ota.internal.Digests;
import dev.modelport.ota.internal.Json;
import dev.modelport.ota.internal.download.BlobDownloader;
import dev.modelport.ota.internal.serve.ModelRouter;
import dev.modelport.ota.internal.store.AtomicFiles;
import dev.modelport.ota.internal.store.BuildRecord;
import dev.modelport.ota.internal.store.RejectedBuilds;
import dev.modelport.ota.internal.store.RollbackCounter;
import dev.modelport.ota.internal.store.SlotStore;
import dev.modelport.ota.internal.store.StateDir;
import dev.modelport.ota.internal.verify.TufVerifier;
import dev.modelport.ota.internal.verify.VerifiedTarget;
import java.io.IOException;
import java.net.URL;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Acts on check-in answers: verify, download, stage, health-check, swap, report. One install (or
 * rollback) runs at a time. Every failure leaves the active build untouched and is reported as
 * FAILED with a {@link FailureCode}.
 *
 * <p>Order of durable steps, each safe to crash after: (1) attempt record in staging; (2) staging
 * file grows as a prefix of the target; (3) verified file renamed into the inactive slot (after its
 * record); (4) health check (nothing durable); (5) {@code active.json} switched atomically; (6)
 * anti-rollback counter raised. At start, {@link #recover} re-derives the rest.
 */
public final class UpdateEngine {
  private static final Logger LOG = Logger.getLogger(UpdateEngine.class.getName());

  /** Everything the engine needs; built by OtaClient. */
  public record Config(StateDir dir, DeviceApi api, DeviceSession session, TufVerifier tuf, ModelRuntime runtime,
      ModelRouter router, Reporter reporter, OtaListener listener, DownloadPolicy policy,
      DeviceConditions.Source conditions, String deviceClass, long memoryBudgetBytes, HealthCheck healthCheck,
      URL serverUrl, Clock clock, int downloadBufferBytes, BlobDownloader.Checkpoints downloadCheckpoints,
      int maxCrashes, Duration crashWindow) {}

  private final Config c;
  private final FileSystem fs;
  private final SlotStore slots;
  private final RollbackCounter counter;
  private final RejectedBuilds rejected;
  private final CrashLoopDetector crashes;
  private final ReentrantLock lock = new ReentrantLock();
  private final Map<String, GgufManifest> manifests = new ConcurrentHashMap<>();

  public UpdateEngine(Config c) {
    this.c = c;
    this.fs = c.dir().fs();
    this.slots = new SlotStore(c.dir());
    this.counter = new RollbackCounter(c.dir());
    this.rejected = new RejectedBuilds(c.dir());
    this.crashes = new CrashLoopDetector(c.maxCrashes(), c.crashWindow(), c.clock());
  }

  public SlotStore slots() {
    return slots;
  }

  /**
   * Startup: finds the active build (falling back to the previous one if the active one is not
   * complete), routes to it lazily, raises the counter to it, and re-emits any events a crash
   * cut off.
   */
  public void recover() throws IOException {
    lock.lock();
    try {
      Optional<SlotStore.Installed> active = slots.active();
      if (active.isEmpty() && slots.pointer().isPresent()) {
        Optional<SlotStore.Installed> prev = slots.previous();
        if (prev.isPresent()) {
          LOG.warning("active slot incomplete; falling back to the previous build " + prev.get().digest());
          slots.rollBackTo(prev.get());
          active = prev;
        }
      }
      if (active.isPresent()) {
        SlotStore.Installed a = active.get();
        c.router().setActive(c.router().backend(a.file(), a.record()));
        counter.raiseTo(a.record().antiRollback());
        if (a.record().attemptId() != null) {
          c.reporter().emit(a.record().attemptId(), OtaEvent.Type.INSTALLED, a.digest(), null);
          c.reporter().emit(a.record().attemptId(), OtaEvent.Type.HEALTHY, a.digest(), null);
        }
      }
    } finally {
      lock.unlock();
    }
  }

  /** Handles one check-in answer. */
  public CheckInOutcome handle(DeviceApi.CheckInResponse r) throws IOException {
    long next = r.nextPollSeconds() == null ? 300 : Math.max(1, r.nextPollSeconds());
    DeviceApi.Action action = r.action() == null ? DeviceApi.Action.UNKNOWN : r.action();
    lock.lock();
    try {
      switch (action) {
        case UPDATE, ROLLBACK -> {
          return install(r, action, next);
        }
        case REMOVE -> {
          c.router().deactivate();
          if (slots.pointer().isPresent()) {
            slots.deactivate();
          }
          c.listener().onMessage("server asked to remove the model; none is serving");
          return new CheckInOutcome(action, next, CheckInOutcome.Result.REMOVED, null, "removed");
        }
        default -> {
          return new CheckInOutcome(action, next, CheckInOutcome.Result.UP_TO_DATE, activeDigest(), "no update");
        }
      }
    } finally {
      lock.unlock();
    }
  }

  private String activeDigest() throws IOException {
    return slots.active().map(SlotStore.Installed::digest).orElse(null);
  }

  private CheckInOutcome install(DeviceApi.CheckInResponse r, DeviceApi.Action action, long next) throws IOException {
    if (r.tuf() == null || r.tuf().repository() == null || r.tuf().targetPath() == null || r.target() == null
        || !Digests.isDigest(r.target().digest())) {
      c.listener().onMessage("check-in answer " + action + " lacks tuf or target; ignored");
      return new CheckInOutcome(action, next, CheckInOutcome.Result.UP_TO_DATE, activeDigest(),
          "incomplete " + action + " answer ignored");
    }
    String digest = r.target().digest();
    ActiveModel.Filing filing = r.filing() == null ? null
        : new ActiveModel.Filing(r.filing().jurisdiction(), r.filing().number());
    Optional<SlotStore.Installed> active = slots.active();
    if (active.isPresent() && active.get().digest().equals(digest)) {
      return new CheckInOutcome(action, next, CheckInOutcome.Result.UP_TO_DATE, digest, "already active");
    }
    String rejectedFor = rejected.reason(digest);
    if (rejectedFor != null) {
      c.reporter().emit(digest, OtaEvent.Type.FAILED, digest,
          FailureCode.PREVIOUSLY_REJECTED.name() + ": refused earlier on this device (" + rejectedFor + ")");
      return new CheckInOutcome(action, next, CheckInOutcome.Result.FAILED, digest, "previously rejected: " + rejectedFor);
    }
    String attemptId = attemptId(digest);
    try {
      Staged staged = fetchAndStage(r, digest, attemptId, filing);
      if (staged.deferReason() != null) {
        return new CheckInOutcome(action, next, CheckInOutcome.Result.DEFERRED, digest, staged.deferReason());
      }
      swapTo(staged.installed(), attemptId);
      if (action == DeviceApi.Action.ROLLBACK) {
        c.reporter().emit(attemptId, OtaEvent.Type.ROLLED_BACK, digest, null);
      }
      return new CheckInOutcome(action, next, CheckInOutcome.Result.INSTALLED, digest, "installed and healthy");
    } catch (OtaException e) {
      LOG.fine("install of " + digest + " failed: " + e.reason());
      c.reporter().emitFailure(digest, e.reason());
      return new CheckInOutcome(action, next, CheckInOutcome.Result.FAILED, digest, e.reason());
    }
  }

  /** A verified build in a slot, or why the download policy holds it back. */
  private record Staged(SlotStore.Installed installed, String deferReason) {}

  private Staged fetchAndStage(DeviceApi.CheckInResponse r, String digest, String attemptId,
      ActiveModel.Filing filing) throws OtaException, IOException {
    URL repo = new URL(c.serverUrl(), r.tuf().repository());
    VerifiedTarget t = c.tuf().verify(repo, r.tuf().targetPath(), bearerForOwnServer(repo));
    check(t, r.target(), digest);
    BuildRecord record = new BuildRecord(digest, t.length(), t.path(), t.antiRollback(), t.provenanceClass(), attemptId,
        t.role(), t.rootVersion(), filing);
    Optional<SlotStore.Installed> existing = slots.find(digest);
    if (existing.isPresent()) {
      // Verified and staged by an earlier attempt that a crash or a failed swap cut short.
      c.reporter().emit(attemptId, OtaEvent.Type.VERIFIED, digest, null);
      c.reporter().emit(attemptId, OtaEvent.Type.INSTALLED, digest, null);
      return new Staged(existing.get(), null);
    }
    Path staging = c.dir().staging().resolve(Digests.hex(digest) + ".part");
    BlobDownloader.Job job = deltaJob(t, digest, staging);
    long alreadyHave = BlobDownloader.durableBytes(fs, staging);
    long network = Math.max(0, BlobDownloader.plannedFetchBytes(job) - alreadyHave);
    String deferReason = c.policy().deferReason(c.conditions().current(), network, t.length() - alreadyHave,
        fs.usableSpace(c.dir().root()));
    if (deferReason != null) {
      c.listener().onMessage("download of " + digest + " deferred: " + deferReason);
      return new Staged(null, deferReason);
    }
    c.reporter().emit(attemptId, OtaEvent.Type.DOWNLOADING, digest, null);
    BlobDownloader downloader = new BlobDownloader(c.api(), this::bearerOrNull, fs, c.listener(),
        c.downloadBufferBytes(), 32, 5, c.downloadCheckpoints());
    BlobDownloader.Result result = downloader.run(job);
    c.listener().onMessage("downloaded " + digest + ": " + result.networkBytes() + " bytes from the network, "
        + result.copiedBytes() + " copied locally" + (result.resumedFrom() > 0 ? ", resumed at " + result.resumedFrom() : "")
        + (result.delta() ? " (delta)" : "") + "; checkpoint fsyncs took " + result.checkpointSyncNanos() / 1_000_000
        + " ms");
    c.reporter().emit(attemptId, OtaEvent.Type.VERIFIED, digest, null);
    SlotStore.Installed installed;
    try {
      installed = slots.install(slots.inactiveSlot(), staging, record);
      BlobDownloader.forget(fs, staging);
      AtomicFiles.delete(fs, attemptFile(digest));
    } catch (IOException e) {
      throw new OtaException(FailureCode.STORAGE_ERROR, "cannot install into slot: " + e.getMessage(), e);
    }
    c.reporter().emit(attemptId, OtaEvent.Type.INSTALLED, digest, null);
    return new Staged(installed, null);
  }

  private void check(VerifiedTarget t, DeviceApi.Target offered, String digest) throws OtaException, IOException {
    if (!t.digest().equals(digest) || (offered.length() >= 0 && offered.length() != t.length())) {
      throw new OtaException(FailureCode.TARGET_MISMATCH, "check-in offers " + digest + " (" + offered.length()
          + " bytes) but signed target " + t.path() + " is " + t.digest() + " (" + t.length() + " bytes)");
    }
    if (!t.deviceClasses().contains(c.deviceClass())) {
      throw new OtaException(FailureCode.DEVICE_CLASS_INCOMPATIBLE, t.path() + " is signed for device classes "
          + t.deviceClasses() + ", this device is " + c.deviceClass());
    }
    long mine = counter.value();
    if (t.antiRollback() < mine) {
      throw new OtaException(FailureCode.ANTI_ROLLBACK, t.path() + " has anti-rollback counter " + t.antiRollback()
          + ", this device already runs counter " + mine);
    }
  }

  private BlobDownloader.Job deltaJob(VerifiedTarget t, String digest, Path staging) throws IOException {
    for (Path p : fs.list(c.dir().staging())) {
      String name = p.getFileName().toString();
      if (!name.startsWith(Digests.hex(digest))) {
        fs.delete(p); // an abandoned download of another build
      }
    }
    GgufManifest target = t.manifest();
    Optional<SlotStore.Installed> base = slots.active();
    if (target == null || base.isEmpty()) {
      return new BlobDownloader.Job(digest, t.length(), staging, null, null);
    }
    GgufManifest installed = manifests.get(base.get().digest());
    if (installed == null) {
      try {
        installed = GgufManifest.of(base.get().file());
        manifests.put(base.get().digest(), installed);
      } catch (IOException e) {
        return new BlobDownloader.Job(digest, t.length(), staging, null, null);
      }
    }
    DeltaPlan plan = target.deltaFrom(installed);
    return new BlobDownloader.Job(digest, t.length(), staging, base.get().file(), plan);
  }

  /**
   * Health-checks {@code next} and switches to it: side by side if the memory budget holds both
   * builds, else one at a time with requests queued.
   */
  private void swapTo(SlotStore.Installed next, String attemptId) throws OtaException, IOException {
    ModelRouter router = c.router();
    ModelRouter.Backend candidate = router.backend(next.file(), next.record());
    ModelRouter.Backend current = router.current();
    boolean sideBySide = true;
    if (c.memoryBudgetBytes() > 0 && current != null && current.pid() > 0) {
      long need = estimate(next.file()) + estimate(current.file());
      sideBySide = need <= c.memoryBudgetBytes();
      c.listener().onMessage("swap needs " + need + " bytes for both builds, budget " + c.memoryBudgetBytes()
          + (sideBySide ? ": side by side" : ": one at a time, requests queue"));
    }
    c.listener().onProgress(new Progress(Progress.Phase.HEALTH_CHECK, next.digest(), 0, 1, 0));
    String verdict;
    if (sideBySide) {
      verdict = router.prepare(candidate, c.healthCheck());
      if (verdict == null) {
        try {
          activate(next);
        } catch (OtaException e) {
          candidate.stop(); // the old build keeps serving
          throw e;
        }
        c.listener().onProgress(new Progress(Progress.Phase.SWAP, next.digest(), 0, 1, 0));
        router.switchTo(candidate);
      }
    } else {
      ModelRouter.Backend old = router.pauseAndStop();
      boolean resumed = false;
      try {
        verdict = router.prepare(candidate, c.healthCheck());
        if (verdict == null) {
          activate(next);
          router.resume(candidate);
        } else {
          router.resume(old == null ? null : router.backend(old.file(), old.record()));
        }
        resumed = true;
      } finally {
        if (!resumed) {
          candidate.stop();
          router.resume(old == null ? null : router.backend(old.file(), old.record()));
        }
      }
    }
    c.listener().onProgress(new Progress(Progress.Phase.SWAP, next.digest(), 1, 1, 0));
    if (verdict != null) {
      boolean load = ModelRouter.isLoadFailure(verdict);
      String why = load ? verdict.substring("load: ".length()) : verdict;
      FailureCode code = load ? FailureCode.LOAD_FAILED : FailureCode.HEALTH_CHECK_FAILED;
      rejected.add(next.digest(), code.name() + ": " + why);
      slots.clear(next.slot());
      throw new OtaException(code, why);
    }
    counter.raiseTo(next.record().antiRollback());
    crashes.reset(next.digest());
    c.reporter().emit(attemptId, OtaEvent.Type.HEALTHY, next.digest(), null);
  }

  private void activate(SlotStore.Installed next) throws OtaException {
    try {
      slots.activate(next);
    } catch (IOException e) {
      throw new OtaException(FailureCode.STORAGE_ERROR, "cannot switch the active pointer: " + e.getMessage(), e);
    }
  }

  private long estimate(Path file) {
    try {
      return c.runtime().memoryEstimate(file);
    } catch (IOException | RuntimeException e) {
      return 0;
    }
  }

  /**
   * A model died unexpectedly. If the active build keeps crashing ({@code maxCrashes} within the
   * window), goes back to the last healthy build, refuses the crashing one and reports ROLLED_BACK.
   */
  public void onCrash(String digest) {
    int n = crashes.record(digest);
    if (!crashes.isLoop(n)) {
      c.listener().onMessage("model " + digest + " exited unexpectedly (" + n + " recent crashes); restarting on demand");
      return;
    }
    Thread t = new Thread(() -> rollBackFromCrashLoop(digest, n), "modelport-ota-rollback");
    t.setDaemon(true);
    t.start();
  }

  private void rollBackFromCrashLoop(String digest, int n) {
    lock.lock();
    try {
      Optional<SlotStore.Installed> active = slots.active();
      if (active.isEmpty() || !active.get().digest().equals(digest)) {
        return; // already handled
      }
      String attempt = active.get().record().attemptId() != null ? active.get().record().attemptId() : digest;
      String reason = FailureCode.CRASH_LOOP.name() + ": build crashed " + n + " times within "
          + c.crashWindow().toSeconds() + " s";
      Optional<SlotStore.Installed> prev = slots.previous();
      if (prev.isEmpty()) {
        c.reporter().emitFailure(digest, reason + "; no previous build to roll back to");
        return;
      }
      ModelRouter.Backend back = c.router().backend(prev.get().file(), prev.get().record());
      String verdict = c.router().prepare(back, c.healthCheck());
      if (verdict != null) {
        c.reporter().emitFailure(digest, reason + "; previous build is unhealthy too: " + verdict);
        return;
      }
      // Routing switches last: whoever sees the old build serving again also finds the rollback recorded.
      slots.rollBackTo(prev.get());
      rejected.add(digest, reason);
      crashes.reset(digest);
      c.reporter().emit(attempt, OtaEvent.Type.ROLLED_BACK, digest, reason + "; rolled back to " + prev.get().digest());
      c.router().switchTo(back);
      c.listener().onMessage("rolled back from " + digest + " to " + prev.get().digest() + " after a crash loop");
    } catch (IOException | RuntimeException e) {
      LOG.log(Level.WARNING, "rollback from " + digest + " failed", e);
    } finally {
      lock.unlock();
    }
  }

  // ---- attempts ----

  private Path attemptFile(String digest) {
    return c.dir().staging().resolve(Digests.hex(digest) + ".json");
  }

  /** The attempt id for {@code digest}: kept across crashes until the build is installed. */
  private String attemptId(String digest) throws IOException {
    Optional<SlotStore.Installed> staged = slots.find(digest);
    if (staged.isPresent() && staged.get().record().attemptId() != null) {
      String id = staged.get().record().attemptId();
      boolean finished = c.reporter().journal().contains(Reporter.eventId(id, OtaEvent.Type.HEALTHY, null));
      if (!finished) {
        return id; // an install a crash or a failed swap cut short: same attempt, same event ids
      }
      return UUID.randomUUID().toString(); // activating a build that served before (rollback): a new attempt
    }
    Path f = attemptFile(digest);
    if (fs.exists(f)) {
      try {
        String id = Json.text(Json.parse(fs.readAll(f)), "attemptId");
        if (id != null) {
          return id;
        }
      } catch (IOException corrupt) {
        // rewrite below
      }
    }
    String id = UUID.randomUUID().toString();
    AtomicFiles.write(fs, f, Json.bytes(Json.object().put("digest", digest).put("attemptId", id)));
    return id;
  }

  private Supplier<String> bearerForOwnServer(URL repo) {
    boolean same = repo.getProtocol().equals(c.serverUrl().getProtocol()) && repo.getHost().equals(c.serverUrl().getHost())
        && repo.getPort() == c.serverUrl().getPort();
    return same ? this::bearerOrNull : () -> null;
  }

  private String bearerOrNull() {
    try {
      return c.session().token();
    } catch (IOException e) {
      return c.session().cachedToken();
    }
  }
}
