package dev.modelport.signing.tuf;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;

/** The "signed" portion of any TUF metadata file. */
public interface Signed {
  /** {@code root}, {@code timestamp}, {@code snapshot} or {@code targets}. */
  String type();

  int version();

  Instant expires();

  ObjectNode toJson();
}
