package dev.modelport.ota.internal.store;

import dev.modelport.ota.FileSystem;
import dev.modelport.signing.tuf.MetadataStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.regex.Pattern;

/** TUF's non-volatile metadata store (TUF §5.3.8 and the other "persist" steps), as atomic files. */
public final class FileMetadataStore implements MetadataStore {
  private static final Pattern SAFE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,200}");
  private final FileSystem fs;
  private final Path dir;

  public FileMetadataStore(FileSystem fs, Path dir) throws IOException {
    this.fs = fs;
    this.dir = dir;
    fs.createDirectories(dir);
  }

  private Path path(String name) {
    if (!SAFE.matcher(name).matches()) {
      throw new IllegalArgumentException("unsafe metadata file name: " + name);
    }
    return dir.resolve(name);
  }

  @Override
  public Optional<byte[]> load(String name) {
    Path p = path(name);
    try {
      return fs.exists(p) ? Optional.of(fs.readAll(p)) : Optional.empty();
    } catch (IOException e) {
      return Optional.empty(); // unreadable trusted metadata is treated as absent, never trusted
    }
  }

  @Override
  public void store(String name, byte[] bytes) {
    try {
      Path p = path(name);
      if (fs.exists(p) && java.util.Arrays.equals(fs.readAll(p), bytes)) {
        return; // TufUpdater persists unchanged targets metadata on every refresh; spare the flash
      }
      AtomicFiles.write(fs, p, bytes);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot persist TUF metadata " + name, e);
    }
  }

  @Override
  public void delete(String name) {
    try {
      AtomicFiles.delete(fs, path(name));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot delete TUF metadata " + name, e);
    }
  }
}
