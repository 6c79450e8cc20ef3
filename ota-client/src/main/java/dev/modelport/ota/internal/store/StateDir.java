package dev.modelport.ota.internal.store;

import dev.modelport.ota.FileSystem;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Layout of the client's state directory:
 *
 * <pre>
 * lock                    held (flock) by the one client using the directory
 * trusted-root.json       the pinned TUF root, copied at first start
 * device-key.pem          the device's Ed25519 key (PKCS#8)
 * device.json             {deviceId}
 * active.json             pointer to the active slot (and the previous one), replaced atomically
 * rollback-counter        the anti-rollback counter (decimal)
 * rejected.json           builds refused after a failed health check or crash loop
 * slots/a, slots/b        A/B slots: &lt;hex&gt;.gguf and &lt;hex&gt;.json (its build record)
 * staging/&lt;hex&gt;.part   the build being downloaded: always a prefix of the target file
 * staging/&lt;hex&gt;.json   the download's attempt record
 * tuf/&lt;repo-key&gt;/       trusted TUF metadata per repository URL
 * journal/                events.jsonl and acks.jsonl, append-only
 * runtime/                scratch space of runtime workers
 * </pre>
 */
public final class StateDir {
  private final Path root;
  private final FileSystem fs;

  public StateDir(Path root, FileSystem fs) {
    this.root = root.toAbsolutePath();
    this.fs = fs;
  }

  public Path root() {
    return root;
  }

  public FileSystem fs() {
    return fs;
  }

  public Path trustedRoot() {
    return root.resolve("trusted-root.json");
  }

  public Path deviceKey() {
    return root.resolve("device-key.pem");
  }

  public Path deviceJson() {
    return root.resolve("device.json");
  }

  public Path activePointer() {
    return root.resolve("active.json");
  }

  public Path rollbackCounter() {
    return root.resolve("rollback-counter");
  }

  public Path rejected() {
    return root.resolve("rejected.json");
  }

  public Path slots() {
    return root.resolve("slots");
  }

  public Path slot(String name) {
    return slots().resolve(name);
  }

  public Path staging() {
    return root.resolve("staging");
  }

  public Path tuf() {
    return root.resolve("tuf");
  }

  public Path journal() {
    return root.resolve("journal");
  }

  public Path runtime() {
    return root.resolve("runtime");
  }

  /** Creates the directories and removes temporary files a crash may have left. */
  public void prepare() throws IOException {
    for (Path d : new Path[] {root, slot("a"), slot("b"), staging(), tuf(), journal(), runtime()}) {
      fs.createDirectories(d);
    }
    for (Path d : new Path[] {root, slot("a"), slot("b"), staging(), journal()}) {
      for (Path p : fs.list(d)) {
        if (p.getFileName().toString().endsWith(AtomicFiles.TMP_SUFFIX)) {
          fs.delete(p);
        }
      }
    }
  }

  /**
   * Takes the directory's lock, so two clients never share it. The OS releases it when the
   * process dies, however it dies.
   *
   * @throws IOException if another process holds it
   */
  public FileLock lock() throws IOException {
    java.nio.file.Files.createDirectories(root);
    FileChannel ch = FileChannel.open(root.resolve("lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
    try {
      FileLock lock = ch.tryLock();
      if (lock == null) {
        ch.close();
        throw new IOException("state directory " + root + " is in use by another client");
      }
      return lock;
    } catch (OverlappingFileLockException e) {
      ch.close();
      throw new IOException("state directory " + root + " is in use by another client in this process");
    }
  }
}
