package dev.modelport.ota;

import java.io.IOException;
import java.util.List;

/** Where status events go. The client retries every event until the sink acknowledges its id. */
@FunctionalInterface
public interface ReportSink {
  /**
   * Delivers {@code events} (a batch, oldest first) and returns the ids the receiver has durably
   * recorded. Receivers must treat a repeated id as a duplicate.
   */
  List<String> report(List<OtaEvent> events) throws IOException;
}
