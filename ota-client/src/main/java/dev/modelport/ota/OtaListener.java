package dev.modelport.ota;

/**
 * Observes an {@link OtaClient}. Callbacks run on the client's own threads, in the middle of a
 * download or swap: they <b>must be fast and must not throw</b>. The client catches and logs
 * anything a listener throws and carries on, so a broken listener cannot break an install, but a
 * slow one slows it down.
 */
public interface OtaListener {
  /** Called often during a phase (at most every few hundred milliseconds per phase). */
  default void onProgress(Progress progress) {}

  /** Called once per status event, after it has been written to the journal. */
  default void onEvent(OtaEvent event) {}

  /**
   * Called for notable things that are not status events: check-in results, deferred downloads,
   * retries, swaps.
   */
  default void onMessage(String message) {}
}
