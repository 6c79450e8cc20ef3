package dev.modelport.ota.internal.store;

import dev.modelport.ota.FileSystem;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;

/**
 * Replaces small files atomically: write a temporary file beside the target, fsync it, rename it
 * over the target, fsync the directory. A crash at any point leaves the target with its old or
 * its new content, never a mix; a leftover {@code .tmp} file is ignored and removed at start.
 */
public final class AtomicFiles {
  public static final String TMP_SUFFIX = ".tmp";

  private AtomicFiles() {}

  public static void write(FileSystem fs, Path target, byte[] content) throws IOException {
    Path tmp = target.resolveSibling(target.getFileName() + TMP_SUFFIX);
    try (FileSystem.Sink sink = fs.truncating(tmp)) {
      sink.write(ByteBuffer.wrap(content));
      sink.sync();
    }
    fs.atomicMove(tmp, target);
    fs.syncDirectory(target.getParent());
  }

  /** Deletes {@code file} and makes the deletion durable. */
  public static void delete(FileSystem fs, Path file) throws IOException {
    if (fs.delete(file)) {
      fs.syncDirectory(file.getParent());
    }
  }
}
