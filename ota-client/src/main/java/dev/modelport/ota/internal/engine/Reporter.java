package dev.modelport.ota.internal.engine;

import dev.modelport.ota.OtaEvent;
import dev.modelport.ota.OtaListener;
import dev.modelport.ota.ReportSink;
import dev.modelport.ota.internal.store.Journal;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.UUID;
import java.util.logging.Logger;

/**
 * Emits status events into the journal and delivers pending ones to the {@link ReportSink} until
 * acknowledged. Event ids are derived from the install attempt, the type and the failure code,
 * so re-emitting a step after a crash yields the same id and neither journal nor server count it
 * twice.
 */
public final class Reporter {
  private static final Logger LOG = Logger.getLogger(Reporter.class.getName());
  private static final int BATCH = 50;
  private static final int MAX_REASON = 1000;
  private final Journal journal;
  private final ReportSink sink;
  private final OtaListener listener;
  private final Clock clock;

  public Reporter(Journal journal, ReportSink sink, OtaListener listener, Clock clock) {
    this.journal = journal;
    this.sink = sink;
    this.listener = listener;
    this.clock = clock;
  }

  public static String eventId(String attemptKey, OtaEvent.Type type, String discriminator) {
    String s = attemptKey + "/" + type + (discriminator == null ? "" : "/" + discriminator);
    return UUID.nameUUIDFromBytes(s.getBytes(StandardCharsets.UTF_8)).toString();
  }

  /** Records an event (once per id) and tells the listeners. */
  public OtaEvent emit(String attemptKey, OtaEvent.Type type, String digest, String reason) throws IOException {
    String discriminator = reason == null ? null : reason.split(":", 2)[0];
    OtaEvent e = new OtaEvent(eventId(attemptKey, type, discriminator), type, digest, reason, clock.instant());
    if (journal.append(e)) {
      listener.onEvent(e);
    }
    return e;
  }

  /**
   * Records a failure occurrence under a fresh id: each failed try is its own event (the id still
   * makes re-sending it idempotent), while the steps of an attempt are keyed by the attempt.
   */
  public OtaEvent emitFailure(String digest, String reason) throws IOException {
    if (reason != null && reason.length() > MAX_REASON) {
      reason = reason.substring(0, MAX_REASON) + "…";
    }
    OtaEvent e = new OtaEvent(UUID.randomUUID().toString(), OtaEvent.Type.FAILED, digest, reason, clock.instant());
    journal.append(e);
    listener.onEvent(e);
    return e;
  }

  /** Emits, logging instead of failing if the journal cannot be written. */
  public void emitQuietly(String attemptKey, OtaEvent.Type type, String digest, String reason) {
    try {
      emit(attemptKey, type, digest, reason);
    } catch (IOException e) {
      LOG.warning("cannot journal " + type + " for " + digest + ": " + e.getMessage());
    }
  }

  /** Delivers pending events; returns how many remain pending. */
  public synchronized int flush() throws IOException {
    List<OtaEvent> pending = journal.pending();
    for (int i = 0; i < pending.size(); i += BATCH) {
      List<OtaEvent> batch = pending.subList(i, Math.min(pending.size(), i + BATCH));
      journal.acknowledge(sink.report(batch));
    }
    return journal.pending().size();
  }

  public Journal journal() {
    return journal;
  }
}
