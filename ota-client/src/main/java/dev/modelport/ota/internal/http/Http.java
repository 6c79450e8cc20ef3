package dev.modelport.ota.internal.http;

import dev.modelport.ota.DeviceApi;
import java.io.ByteArrayOutputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

/** HttpURLConnection helpers (Android has HttpURLConnection; it lacks java.net.http). */
public final class Http {
  public static final String USER_AGENT = "modelport-ota-client/0.1";

  private Http() {}

  /** Timeouts for one client. */
  public record Timeouts(Duration connect, Duration read) {
    public static Timeouts defaults() {
      return new Timeouts(Duration.ofSeconds(10), Duration.ofSeconds(30));
    }
  }

  public static HttpURLConnection open(URL url, String method, Timeouts t) throws IOException {
    HttpURLConnection c = (HttpURLConnection) url.openConnection();
    c.setRequestMethod(method);
    c.setConnectTimeout((int) t.connect().toMillis());
    c.setReadTimeout((int) t.read().toMillis());
    c.setUseCaches(false);
    c.setInstanceFollowRedirects(true);
    c.setRequestProperty("User-Agent", USER_AGENT);
    return c;
  }

  private static final int MAX_REDIRECTS = 5;

  /**
   * A GET that follows redirects itself and sends {@code bearer} (if any) only to the origin (scheme, host and port)
   * of {@code url}: a blob download is redirected to a presigned object-store URL, which must never see the device's
   * token. The JDK's HttpURLConnection already drops Authorization on such redirects (RedirectAuthorizationTest
   * shows it), but Android's is another implementation; following here makes the guarantee ours on both. An https
   * URL is never redirected to http. Returns the connection of the final answer, its status already read.
   */
  public static HttpURLConnection get(URL url, Timeouts t, String bearer, Map<String, String> headers)
      throws IOException {
    URL at = url;
    for (int hops = 0; ; hops++) {
      HttpURLConnection c = open(at, "GET", t);
      c.setInstanceFollowRedirects(false);
      if (bearer != null && sameOrigin(url, at)) {
        c.setRequestProperty("Authorization", "Bearer " + bearer);
      }
      headers.forEach(c::setRequestProperty);
      int status;
      try {
        status = c.getResponseCode();
      } catch (IOException e) {
        c.disconnect();
        throw e;
      }
      String location = c.getHeaderField("Location");
      if (!isRedirect(status) || location == null) {
        return c;
      }
      c.disconnect();
      if (hops == MAX_REDIRECTS) {
        throw new IOException("more than " + MAX_REDIRECTS + " redirects from " + url);
      }
      URL next = new URL(at, location);
      boolean downgrade = at.getProtocol().equals("https") && !next.getProtocol().equals("https");
      if (downgrade || !(next.getProtocol().equals("https") || next.getProtocol().equals("http"))) {
        throw new IOException("refusing the redirect from " + at + " to " + next);
      }
      at = next;
    }
  }

  private static boolean isRedirect(int status) {
    return status == 301 || status == 302 || status == 303 || status == 307 || status == 308;
  }

  private static boolean sameOrigin(URL a, URL b) {
    return a.getProtocol().equalsIgnoreCase(b.getProtocol()) && a.getHost().equalsIgnoreCase(b.getHost())
        && port(a) == port(b);
  }

  private static int port(URL u) {
    return u.getPort() == -1 ? u.getDefaultPort() : u.getPort();
  }

  /** Reads at most {@code max + 1} bytes, so that a caller can tell "too long" from "exactly max". */
  public static byte[] readUpTo(InputStream in, long max) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    byte[] buf = new byte[8192];
    long remaining = max + 1;
    while (remaining > 0) {
      int n = in.read(buf, 0, (int) Math.min(buf.length, remaining));
      if (n < 0) {
        break;
      }
      out.write(buf, 0, n);
      remaining -= n;
    }
    return out.toByteArray();
  }

  /** The error body (at most 2 KiB) for messages. */
  public static String errorSnippet(HttpURLConnection c) {
    try (InputStream err = c.getErrorStream()) {
      if (err == null) {
        return "";
      }
      byte[] b = readUpTo(err, 2048);
      return new String(b, 0, Math.min(b.length, 2048), StandardCharsets.UTF_8);
    } catch (IOException e) {
      return "";
    }
  }

  public static IOException statusError(HttpURLConnection c, int status) {
    String body = errorSnippet(c);
    if (status == 401) {
      return new DeviceApi.UnauthorizedException("HTTP 401 from " + c.getURL() + ": " + body);
    }
    return new DeviceApi.HttpStatusException(status, c.getRequestMethod() + " " + c.getURL() + ": " + body);
  }

  /** Counts bytes read through it. */
  public static final class CountingInputStream extends FilterInputStream {
    private long count;

    public CountingInputStream(InputStream in) {
      super(in);
    }

    public long count() {
      return count;
    }

    @Override
    public int read() throws IOException {
      int b = super.read();
      if (b >= 0) {
        count++;
      }
      return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      int n = super.read(b, off, len);
      if (n > 0) {
        count += n;
      }
      return n;
    }

    @Override
    public long skip(long n) throws IOException {
      long s = super.skip(n);
      count += Math.max(0, s);
      return s;
    }
  }

  /** Exposes exactly {@code length} bytes of a stream (or all of it if length is -1); close does not close the source. */
  public static final class BoundedInputStream extends InputStream {
    private final InputStream in;
    private long remaining;

    public BoundedInputStream(InputStream in, long length) {
      this.in = in;
      this.remaining = length < 0 ? Long.MAX_VALUE : length;
    }

    @Override
    public int read() throws IOException {
      byte[] one = new byte[1];
      int n = read(one, 0, 1);
      return n < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      if (remaining <= 0) {
        return -1;
      }
      int n = in.read(b, off, (int) Math.min(len, remaining));
      if (n < 0) {
        if (remaining != Long.MAX_VALUE) {
          throw new IOException("connection closed " + remaining + " bytes before the end of the part");
        }
        remaining = 0;
        return -1;
      }
      remaining -= n;
      return n;
    }

    @Override
    public int available() throws IOException {
      return (int) Math.min(in.available(), remaining);
    }

    /** Reads and discards the rest of the part. */
    public void drain() throws IOException {
      byte[] buf = new byte[8192];
      while (read(buf, 0, buf.length) >= 0) {
        // discard
      }
    }

    @Override
    public void close() {}
  }
}
