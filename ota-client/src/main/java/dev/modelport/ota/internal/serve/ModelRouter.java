package dev.modelport.ota.internal.serve;

import dev.modelport.ota.ActiveModel;
import dev.modelport.ota.CompletionRequest;
import dev.modelport.ota.CompletionResult;
import dev.modelport.ota.HealthCheck;
import dev.modelport.ota.Inference;
import dev.modelport.ota.InferenceException;
import dev.modelport.ota.LoadedModel;
import dev.modelport.ota.ModelRuntime;
import dev.modelport.ota.ModelUnavailableException;
import dev.modelport.ota.TokenListener;
import dev.modelport.ota.internal.store.BuildRecord;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Routes requests to the active build and performs swaps without failing requests.
 *
 * <p>Two swap shapes, chosen by the caller from the memory estimate:
 *
 * <ul>
 *   <li>side by side: {@link #prepare} loads and health-checks the new build while the old one
 *       serves; {@link #switchTo} flips routing in one step under the lock, then waits until the
 *       old build's in-flight requests finished and stops it;
 *   <li>one at a time (RAM cannot hold both): {@link #pauseAndStop} makes new requests wait in a
 *       bounded queue, drains and stops the old build; the caller then prepares the new one (or
 *       restarts the old one if that fails) and {@link #resume}s, which releases the queue.
 * </ul>
 *
 * A request that meets a dead model before any text was sent is retried on the (restarted)
 * active build. Models are loaded lazily: the first request to a build starts it.
 */
public final class ModelRouter implements Inference {
  private static final Logger LOG = Logger.getLogger(ModelRouter.class.getName());

  private final ModelRuntime runtime;
  private final int maxQueue;
  private final Duration maxWait;
  private final Duration maxDrain;
  private final Consumer<String> onCrash;
  private final ExecutorService healthThreads = Executors.newCachedThreadPool(r -> {
    Thread t = new Thread(r, "modelport-health-check");
    t.setDaemon(true);
    return t;
  });

  private final Object lock = new Object();
  private Backend current;
  private boolean paused;
  private int waiting;
  private int maxWaitingSeen;
  private boolean closed;

  /**
   * @param onCrash called with the build digest whenever an active build's model dies unexpectedly
   */
  public ModelRouter(ModelRuntime runtime, int maxQueue, Duration maxWait, Duration maxDrain, Consumer<String> onCrash) {
    this.runtime = runtime;
    this.maxQueue = maxQueue;
    this.maxWait = maxWait;
    this.maxDrain = maxDrain;
    this.onCrash = onCrash;
  }

  /** A build the router can serve; its model is loaded on first use. */
  public final class Backend {
    final Path file;
    final BuildRecord record;
    private LoadedModel model; // guarded by this
    private int inflight; // guarded by lock
    private volatile boolean retired;

    Backend(Path file, BuildRecord record) {
      this.file = file;
      this.record = record;
    }

    public BuildRecord record() {
      return record;
    }

    public Path file() {
      return file;
    }

    /** The worker's process id, or -1 if not running. */
    public synchronized long pid() {
      return model != null && model.isAlive() ? model.pid() : -1;
    }

    synchronized LoadedModel ensureLoaded() throws InferenceException {
      if (model != null && model.isAlive()) {
        return model;
      }
      if (retired) {
        throw new InferenceException("build " + record.digest() + " was unloaded", true, false);
      }
      try {
        LoadedModel m = runtime.load(file, record.digest());
        model = m;
        m.onExit(() -> exited(this, m));
        return m;
      } catch (ModelRuntime.ModelLoadException e) {
        throw new InferenceException("cannot load " + record.digest() + ": " + e.getMessage(), true, false, e);
      }
    }

    /** Stops this build's model for good. */
    public synchronized void stop() {
      retired = true;
      if (model != null) {
        model.close();
      }
    }
  }

  public Backend backend(Path file, BuildRecord record) {
    return new Backend(file, record);
  }

  private void exited(Backend b, LoadedModel m) {
    if (!b.retired) {
      LOG.warning("model of " + b.record.digest() + " (pid " + m.pid() + ") exited unexpectedly");
      try {
        onCrash.accept(b.record.digest());
      } catch (RuntimeException e) {
        LOG.log(Level.WARNING, "crash handler failed", e);
      }
    }
  }

  // ---- serving ----

  @Override
  public ActiveModel active() {
    synchronized (lock) {
      return current == null ? null : current.record.toActiveModel();
    }
  }

  /** The backend currently routed to, or null. */
  public Backend current() {
    synchronized (lock) {
      return current;
    }
  }

  @Override
  public CompletionResult complete(CompletionRequest request, TokenListener listener) throws InferenceException {
    InferenceException last = null;
    for (int attempt = 0; attempt < 3; attempt++) {
      Backend b = acquire();
      try {
        LoadedModel m = b.ensureLoaded();
        return m.complete(request, listener);
      } catch (InferenceException e) {
        if (!e.modelDied() || e.textSent() || e instanceof ModelUnavailableException) {
          throw e;
        }
        last = e; // the model died before answering: try again on whatever is active now
      } finally {
        release(b);
      }
    }
    throw last;
  }

  private Backend acquire() throws ModelUnavailableException {
    long deadline = System.nanoTime() + maxWait.toNanos();
    synchronized (lock) {
      if (paused) {
        if (waiting >= maxQueue) {
          throw new ModelUnavailableException("a swap is in progress and " + maxQueue + " requests are already waiting", 2);
        }
        waiting++;
        maxWaitingSeen = Math.max(maxWaitingSeen, waiting);
        try {
          while (paused && !closed) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
              throw new ModelUnavailableException("waited " + maxWait.toSeconds() + " s for a swap to finish", 2);
            }
            lock.wait(TimeUnit.NANOSECONDS.toMillis(left) + 1);
          }
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new ModelUnavailableException("interrupted while waiting for a swap", 1);
        } finally {
          waiting--;
        }
      }
      if (closed) {
        throw new ModelUnavailableException("the client is shut down", 60);
      }
      if (current == null) {
        throw new ModelUnavailableException("no model is installed", 60);
      }
      current.inflight++;
      return current;
    }
  }

  private void release(Backend b) {
    synchronized (lock) {
      b.inflight--;
      lock.notifyAll();
    }
  }

  /** Requests waiting for a swap right now, and the most ever. */
  public int[] queueStats() {
    synchronized (lock) {
      return new int[] {waiting, maxWaitingSeen};
    }
  }

  // ---- swapping ----

  /** Routes to {@code b} without loading it (startup: the first request loads it). */
  public void setActive(Backend b) {
    synchronized (lock) {
      current = b;
      lock.notifyAll();
    }
  }

  /**
   * Loads {@code b} and runs the health check on it, without routing to it.
   *
   * @return null if healthy, else why not (the model is then stopped)
   */
  public String prepare(Backend b, HealthCheck check) {
    LoadedModel m;
    try {
      m = b.ensureLoaded();
    } catch (InferenceException e) {
      b.stop();
      return "load: " + e.getMessage();
    }
    Future<CompletionResult> f = healthThreads.submit(
        () -> m.complete(CompletionRequest.greedy(check.prompt(), check.maxTokens()), TokenListener.NONE));
    try {
      CompletionResult r = f.get(check.timeout().toMillis(), TimeUnit.MILLISECONDS);
      String verdict = check.judge(r);
      if (verdict != null) {
        b.stop();
      }
      return verdict;
    } catch (TimeoutException e) {
      b.stop();
      return "smoke inference did not finish within " + check.timeout().toSeconds() + " s";
    } catch (ExecutionException e) {
      b.stop();
      return "smoke inference failed: " + e.getCause().getMessage();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      b.stop();
      return "interrupted";
    }
  }

  /** Whether {@code prepare}'s failure was a load failure rather than a bad answer. */
  public static boolean isLoadFailure(String verdict) {
    return verdict != null && verdict.startsWith("load: ");
  }

  /** Atomically routes new requests to {@code next}, then drains and stops the old build. */
  public void switchTo(Backend next) {
    Backend old;
    synchronized (lock) {
      old = current;
      current = next;
      paused = false;
      lock.notifyAll();
    }
    if (old != null && old != next) {
      drainAndStop(old);
    }
  }

  /** Makes new requests wait, then drains and stops the active build. Returns it (may be null). */
  public Backend pauseAndStop() {
    Backend old;
    synchronized (lock) {
      paused = true;
      old = current;
    }
    if (old != null) {
      drainAndStop(old);
    }
    return old;
  }

  /** Ends a pause: routes to {@code next} (null: none) and releases the waiting requests. */
  public void resume(Backend next) {
    synchronized (lock) {
      current = next;
      paused = false;
      lock.notifyAll();
    }
  }

  /** Stops serving altogether (REMOVE). */
  public void deactivate() {
    Backend old;
    synchronized (lock) {
      old = current;
      current = null;
      lock.notifyAll();
    }
    if (old != null) {
      drainAndStop(old);
    }
  }

  private void drainAndStop(Backend old) {
    long deadline = System.nanoTime() + maxDrain.toNanos();
    synchronized (lock) {
      while (old.inflight > 0) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          LOG.warning("drain of " + old.record.digest() + " timed out with " + old.inflight + " requests in flight");
          break;
        }
        try {
          lock.wait(TimeUnit.NANOSECONDS.toMillis(left) + 1);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          break;
        }
      }
    }
    old.stop();
  }

  /** Stops every model; waiting requests fail. */
  public void close() {
    Backend old;
    synchronized (lock) {
      closed = true;
      old = current;
      current = null;
      lock.notifyAll();
    }
    if (old != null) {
      old.stop();
    }
    healthThreads.shutdownNow();
  }
}
