package dev.modelport.ota.internal.download;

import dev.modelport.ota.FileSystem;
import dev.modelport.ota.internal.store.AtomicFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * How many leading bytes of a staging file are known to be on the storage device: the length the
 * last checkpoint fsynced, kept beside the file in {@code <staging>.durable} (decimal, replaced
 * atomically after the fsync it records).
 *
 * <p>Only these bytes count as "had" when a download resumes. Bytes past them may be in the page
 * cache only: a killed process leaves them intact, but a power cut can leave a file whose size
 * covers blocks that never reached the disk (zeros or stale data, depending on the file system),
 * and a resumed hash over those would only fail at the very end. So {@link #recover} cuts the file
 * back to the durable length before anything is hashed or appended.
 */
public final class DurablePrefix {
  public static final String SUFFIX = ".durable";

  private final FileSystem fs;
  private final Path staging;
  private final Path record;

  public DurablePrefix(FileSystem fs, Path staging) {
    this.fs = fs;
    this.staging = staging;
    this.record = staging.resolveSibling(staging.getFileName() + SUFFIX);
  }

  /** The durable length, without touching anything: 0 if there is no staging file or no record. */
  public long length() throws IOException {
    long size = fs.size(staging);
    if (size <= 0 || !fs.exists(record)) {
      return 0;
    }
    try {
      long durable = Long.parseLong(new String(fs.readAll(record), StandardCharsets.US_ASCII).trim());
      return Math.max(0, Math.min(size, durable));
    } catch (NumberFormatException e) {
      return 0; // a record torn by a power cut: trust nothing
    }
  }

  /**
   * Cuts the staging file back to its durable length (deleting it if that is 0) and returns that
   * length: the bytes a resumed download may keep.
   */
  public long recover() throws IOException {
    long durable = length();
    long size = fs.size(staging);
    if (durable == 0 && size >= 0) {
      fs.delete(staging);
    } else if (size > durable) {
      fs.truncate(staging, durable);
    }
    return durable;
  }

  /** Records that the first {@code length} bytes are durable; the caller has just fsynced them. */
  public void record(long length) throws IOException {
    AtomicFiles.write(fs, record, Long.toString(length).getBytes(StandardCharsets.US_ASCII));
  }

  /** Drops the record (after the staging file moved into a slot, or was deleted). */
  public void forget() throws IOException {
    fs.delete(record);
  }
}
