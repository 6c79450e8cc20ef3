package dev.modelport.ota;

/**
 * The device's one inference entry point for apps. It routes each request to the active build
 * and stays up across swaps: during a swap requests go to the old build until the new one passed
 * its health check, and when RAM cannot hold both, they wait (in a bounded queue) instead of
 * failing.
 */
public interface Inference {
  /** The active build, or null if none is installed. */
  ActiveModel active();

  /**
   * Completes on the active build.
   *
   * @throws ModelUnavailableException if no build is active, or the swap queue is full or the
   *     wait too long
   * @throws InferenceException if the model failed while answering
   */
  CompletionResult complete(CompletionRequest request, TokenListener listener) throws InferenceException;
}
