package dev.modelport.signing.tuf;

import java.io.FileNotFoundException;
import java.io.IOException;

/**
 * Fetches a file from the repository's metadata or targets location. The mirror behind it is
 * untrusted; the updater verifies everything it returns.
 */
@FunctionalInterface
public interface MetadataFetcher {
  /**
   * Returns the file's bytes. Implementations must stop reading after {@code maxLength + 1}
   * bytes (returning what they have), so an endless response cannot exhaust memory; the updater
   * then reports the overflow.
   *
   * @throws FileNotFoundException if the repository has no such file
   * @throws IOException on any other transport failure
   */
  byte[] fetch(String path, long maxLength) throws IOException;
}
