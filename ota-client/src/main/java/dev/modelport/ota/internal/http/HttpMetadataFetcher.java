package dev.modelport.ota.internal.http;

import dev.modelport.signing.tuf.MetadataFetcher;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.URL;
import java.util.function.Supplier;

/**
 * Fetches TUF metadata from a repository base URL. Honours the fetcher contract: it never reads
 * more than {@code maxLength + 1} bytes, so an endless answer cannot exhaust memory.
 */
public final class HttpMetadataFetcher implements MetadataFetcher {
  private final URL base;
  private final Http.Timeouts timeouts;
  private final Supplier<String> bearer;

  /** {@code bearer} supplies a token to send, or null for none. */
  public HttpMetadataFetcher(URL base, Http.Timeouts timeouts, Supplier<String> bearer) {
    String s = base.toString();
    try {
      this.base = new URL(s.endsWith("/") ? s : s + "/");
    } catch (IOException e) {
      throw new IllegalArgumentException(e);
    }
    this.timeouts = timeouts;
    this.bearer = bearer;
  }

  @Override
  public byte[] fetch(String path, long maxLength) throws IOException {
    HttpURLConnection c = Http.open(new URL(base, path), "GET", timeouts);
    try {
      String token = bearer == null ? null : bearer.get();
      if (token != null) {
        c.setRequestProperty("Authorization", "Bearer " + token);
      }
      int status = c.getResponseCode();
      if (status == 404) {
        throw new FileNotFoundException(path);
      }
      if (status != 200) {
        throw Http.statusError(c, status);
      }
      try (InputStream in = c.getInputStream()) {
        return Http.readUpTo(in, maxLength);
      }
    } finally {
      c.disconnect();
    }
  }
}
