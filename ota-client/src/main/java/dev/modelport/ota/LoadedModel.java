package dev.modelport.ota;

/**
 * One build loaded in a {@link ModelRuntime}. Thread-safe: the client calls {@link #complete}
 * from many threads at once; an implementation may serialize them internally.
 */
public interface LoadedModel extends AutoCloseable {
  String buildDigest();

  /**
   * Generates a completion, calling {@code listener} for each piece of text.
   *
   * @throws InferenceException if the model failed; {@link InferenceException#modelDied()} tells
   *     whether it is gone (a crash), so the client can restart it
   */
  CompletionResult complete(CompletionRequest request, TokenListener listener) throws InferenceException;

  boolean isAlive();

  /**
   * Registers a callback run once when the model stops for any reason (crash or {@link #close}).
   * If it already stopped, runs it at once.
   */
  void onExit(Runnable callback);

  /**
   * Unloads the model at once. In-flight requests fail; the client drains them before calling
   * this. Must not block for long.
   */
  @Override
  void close();

  /** Process id of the worker hosting the model, or -1 if it runs in-process. */
  default long pid() {
    return -1;
  }
}
