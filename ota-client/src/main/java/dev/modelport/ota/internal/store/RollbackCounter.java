package dev.modelport.ota.internal.store;

import dev.modelport.ota.FileSystem;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * The monotonic anti-rollback counter: the highest signed {@code antiRollback} value of any build
 * this device has activated. Builds with a lower value are refused, whatever the server says. It
 * only grows, and it is written atomically.
 */
public final class RollbackCounter {
  private final FileSystem fs;
  private final Path file;

  public RollbackCounter(StateDir dir) {
    this.fs = dir.fs();
    this.file = dir.rollbackCounter();
  }

  public synchronized long value() throws IOException {
    if (!fs.exists(file)) {
      return 0;
    }
    String s = new String(fs.readAll(file), StandardCharsets.US_ASCII).trim();
    try {
      return Long.parseLong(s);
    } catch (NumberFormatException e) {
      throw new IOException("corrupt anti-rollback counter in " + file + ": " + s);
    }
  }

  /** Raises the counter to {@code v} if it is higher. */
  public synchronized void raiseTo(long v) throws IOException {
    if (v > value()) {
      AtomicFiles.write(fs, file, Long.toString(v).getBytes(StandardCharsets.US_ASCII));
    }
  }
}
