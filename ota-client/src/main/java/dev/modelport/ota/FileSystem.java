package dev.modelport.ota;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * The few file operations the client's state directory needs, behind an interface so that tests
 * can inject a crash between any two of them (the idea of Okio's {@code FakeFileSystem}). Every
 * mutation the client makes goes through here; reads of large files go through {@link #openRead}.
 *
 * <p>{@link #SYSTEM} uses {@code java.nio.file}, which Android has since API level 26.
 */
public interface FileSystem {
  /** The real file system. */
  FileSystem SYSTEM = new SystemFileSystem();

  /**
   * A file being appended to. Each {@link #write} reaches the OS (no buffering in the JVM). A
   * download writes from one thread while another calls {@link #sync}: a sync must cover at least
   * every write that returned before it started.
   */
  interface Sink extends AutoCloseable {
    void write(ByteBuffer bytes) throws IOException;

    /** Forces written bytes to the storage device (fsync). */
    void sync() throws IOException;

    @Override
    void close() throws IOException;
  }

  /** Opens {@code file} for positional reads. */
  FileChannel openRead(Path file) throws IOException;

  /** Opens {@code file} for appending, creating it if absent. */
  Sink appending(Path file) throws IOException;

  /** Opens {@code file} empty (truncating or creating it) for writing. */
  Sink truncating(Path file) throws IOException;

  /**
   * Renames {@code source} to {@code target} atomically, replacing {@code target}. Failure modes:
   *
   * <ul>
   *   <li>{@link AtomicMoveNotSupportedException} if the two paths are on different file systems;
   *       the client keeps every rename inside its state directory, so this means a misconfigured
   *       state directory, never a reason to fall back to a copy.
   *   <li>{@link NoSuchFileException} if {@code source} does not exist (a crash before it was
   *       written; callers treat the rename as not done).
   *   <li>{@link java.nio.file.DirectoryNotEmptyException} if {@code target} is a non-empty
   *       directory.
   *   <li>Any other {@link IOException} (permissions, I/O error): {@code target} still names either
   *       its old content or, if the rename reached the disk, the new one, never a mix; POSIX
   *       {@code rename(2)} guarantees this.
   * </ul>
   *
   * The rename is durable only after {@link #syncDirectory} of the target's directory; until then
   * a power loss (not a process crash) may undo it.
   */
  void atomicMove(Path source, Path target) throws IOException;

  /** Makes renames and creations in {@code dir} durable (fsync of the directory). */
  void syncDirectory(Path dir) throws IOException;

  /** Deletes {@code file} if it exists; returns whether it did. */
  boolean delete(Path file) throws IOException;

  /** Cuts {@code file} to its first {@code size} bytes (a no-op if it is not longer). */
  void truncate(Path file, long size) throws IOException;

  void createDirectories(Path dir) throws IOException;

  boolean exists(Path file);

  /** Size in bytes, or -1 if {@code file} does not exist. */
  long size(Path file) throws IOException;

  /** Entries of {@code dir}, empty if it does not exist. */
  List<Path> list(Path dir) throws IOException;

  /** Whole content of a small file. */
  byte[] readAll(Path file) throws IOException;

  /** Bytes free for the client on the volume holding {@code dir}. */
  long usableSpace(Path dir) throws IOException;

  /** A {@link FileSystem} that forwards every call; subclass it to observe or interrupt calls. */
  abstract class Forwarding implements FileSystem {
    protected final FileSystem delegate;

    protected Forwarding(FileSystem delegate) {
      this.delegate = delegate;
    }

    /** Called before every mutating operation, with its name and path. */
    protected void beforeMutation(String operation, Path path) throws IOException {}

    @Override
    public FileChannel openRead(Path file) throws IOException {
      return delegate.openRead(file);
    }

    @Override
    public Sink appending(Path file) throws IOException {
      beforeMutation("open-append", file);
      return observed(delegate.appending(file), file);
    }

    @Override
    public Sink truncating(Path file) throws IOException {
      beforeMutation("open-truncate", file);
      return observed(delegate.truncating(file), file);
    }

    private Sink observed(Sink sink, Path file) {
      return new Sink() {
        @Override
        public void write(ByteBuffer bytes) throws IOException {
          beforeMutation("write", file);
          sink.write(bytes);
        }

        @Override
        public void sync() throws IOException {
          beforeMutation("sync", file);
          sink.sync();
        }

        @Override
        public void close() throws IOException {
          sink.close();
        }
      };
    }

    @Override
    public void atomicMove(Path source, Path target) throws IOException {
      beforeMutation("rename", target);
      delegate.atomicMove(source, target);
    }

    @Override
    public void syncDirectory(Path dir) throws IOException {
      beforeMutation("sync-dir", dir);
      delegate.syncDirectory(dir);
    }

    @Override
    public boolean delete(Path file) throws IOException {
      beforeMutation("delete", file);
      return delegate.delete(file);
    }

    @Override
    public void truncate(Path file, long size) throws IOException {
      beforeMutation("truncate", file);
      delegate.truncate(file, size);
    }

    @Override
    public void createDirectories(Path dir) throws IOException {
      delegate.createDirectories(dir);
    }

    @Override
    public boolean exists(Path file) {
      return delegate.exists(file);
    }

    @Override
    public long size(Path file) throws IOException {
      return delegate.size(file);
    }

    @Override
    public List<Path> list(Path dir) throws IOException {
      return delegate.list(dir);
    }

    @Override
    public byte[] readAll(Path file) throws IOException {
      return delegate.readAll(file);
    }

    @Override
    public long usableSpace(Path dir) throws IOException {
      return delegate.usableSpace(dir);
    }
  }
}

/** {@link FileSystem#SYSTEM}. */
final class SystemFileSystem implements FileSystem {
  @Override
  public FileChannel openRead(Path file) throws IOException {
    return FileChannel.open(file, StandardOpenOption.READ);
  }

  @Override
  public Sink appending(Path file) throws IOException {
    return new ChannelSink(FileChannel.open(file, StandardOpenOption.WRITE, StandardOpenOption.CREATE,
        StandardOpenOption.APPEND));
  }

  @Override
  public Sink truncating(Path file) throws IOException {
    return new ChannelSink(FileChannel.open(file, StandardOpenOption.WRITE, StandardOpenOption.CREATE,
        StandardOpenOption.TRUNCATE_EXISTING));
  }

  @Override
  public void atomicMove(Path source, Path target) throws IOException {
    Files.move(source, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
  }

  @Override
  public void syncDirectory(Path dir) throws IOException {
    try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
      ch.force(true);
    } catch (IOException e) {
      // Some platforms cannot open a directory for fsync; renames there are as durable as they get.
      if (!System.getProperty("os.name", "").toLowerCase().contains("win")) {
        throw e;
      }
    }
  }

  @Override
  public boolean delete(Path file) throws IOException {
    return Files.deleteIfExists(file);
  }

  @Override
  public void truncate(Path file, long size) throws IOException {
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
      ch.truncate(size);
    }
  }

  @Override
  public void createDirectories(Path dir) throws IOException {
    Files.createDirectories(dir);
  }

  @Override
  public boolean exists(Path file) {
    return Files.exists(file);
  }

  @Override
  public long size(Path file) throws IOException {
    try {
      return Files.size(file);
    } catch (NoSuchFileException e) {
      return -1;
    }
  }

  @Override
  public List<Path> list(Path dir) throws IOException {
    List<Path> out = new ArrayList<>();
    if (!Files.isDirectory(dir)) {
      return out;
    }
    try (DirectoryStream<Path> s = Files.newDirectoryStream(dir)) {
      s.forEach(out::add);
    }
    out.sort(null);
    return out;
  }

  @Override
  public byte[] readAll(Path file) throws IOException {
    return Files.readAllBytes(file);
  }

  @Override
  public long usableSpace(Path dir) throws IOException {
    return Files.getFileStore(dir).getUsableSpace();
  }

  private static final class ChannelSink implements Sink {
    private final FileChannel ch;

    ChannelSink(FileChannel ch) {
      this.ch = ch;
    }

    @Override
    public void write(ByteBuffer bytes) throws IOException {
      while (bytes.hasRemaining()) {
        ch.write(bytes);
      }
    }

    @Override
    public void sync() throws IOException {
      ch.force(false);
    }

    @Override
    public void close() throws IOException {
      ch.close();
    }
  }
}
