package dev.modelport.ota.internal.http;

import dev.modelport.ota.DeviceApi;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A blob answer over HttpURLConnection: 200 (whole blob, one part from offset 0), 206 with one
 * {@code Content-Range}, or 206 {@code multipart/byteranges} (RFC 9110 §14.6), parsed with hard
 * limits on header line length and count.
 */
final class HttpBlobResponse implements DeviceApi.BlobResponse {
  private static final Pattern CONTENT_RANGE = Pattern.compile("bytes (\\d+)-(\\d+)/(\\d+|\\*)");
  private static final int MAX_LINE = 8192;
  private static final int MAX_HEADER_LINES = 64;

  private final HttpURLConnection connection;
  private final Http.CountingInputStream counted;
  private final InputStream in;
  private final String boundary;
  private long total;
  private Http.BoundedInputStream current;
  private DeviceApi.Part pendingPart; // the single part of a 200 or single-range 206
  private boolean single;
  private boolean done;
  private boolean first = true;

  HttpBlobResponse(HttpURLConnection connection) throws IOException {
    this.connection = connection;
    int status = connection.getResponseCode();
    if (status != 200 && status != 206) {
      IOException e = Http.statusError(connection, status);
      connection.disconnect();
      throw e;
    }
    this.counted = new Http.CountingInputStream(connection.getInputStream());
    // Small: large reads (a download's buffers) bypass it; it serves multipart header lines and
    // the short tail reads that fill a buffer, so a bigger one would only copy more.
    this.in = new BufferedInputStream(counted, 8 * 1024);
    String type = connection.getContentType();
    String b = null;
    if (status == 206 && type != null && type.toLowerCase(Locale.ROOT).startsWith("multipart/byteranges")) {
      Matcher m = Pattern.compile("boundary=\"?([^\";]+)\"?").matcher(type);
      if (!m.find()) {
        close();
        throw new IOException("multipart/byteranges answer without a boundary");
      }
      b = m.group(1);
      total = -1;
    } else if (status == 206) {
      long[] r = parseRange(connection.getHeaderField("Content-Range"));
      total = r[2];
      current = new Http.BoundedInputStream(in, r[1] - r[0] + 1);
      single = true;
      pendingPart = new DeviceApi.Part(r[0], r[1] - r[0] + 1, current);
    } else {
      long len = connection.getContentLengthLong();
      total = len;
      current = new Http.BoundedInputStream(in, -1); // the reader enforces the signed length
      single = true;
      pendingPart = new DeviceApi.Part(0, len, current);
    }
    this.boundary = b;
  }

  @Override
  public long totalLength() {
    return total;
  }

  @Override
  public long bytesReceived() {
    return counted.count();
  }

  @Override
  public DeviceApi.Part nextPart() throws IOException {
    if (done) {
      return null;
    }
    if (single) {
      if (first) {
        first = false;
        return pendingPart;
      }
      done = true;
      return null;
    }
    if (current != null) {
      current.drain();
      current = null;
    }
    // Find the next delimiter line: the preamble before the first, the CRLF after a body.
    int skipped = 0;
    String line;
    while (true) {
      line = readLine();
      if (line == null) {
        throw new IOException("multipart answer ended without its closing delimiter");
      }
      if (line.startsWith("--" + boundary)) {
        break;
      }
      if (++skipped > MAX_HEADER_LINES) {
        throw new IOException("no multipart delimiter within " + MAX_HEADER_LINES + " lines");
      }
    }
    first = false;
    if (line.startsWith("--" + boundary + "--")) {
      done = true;
      return null;
    }
    long[] range = null;
    for (int i = 0; ; i++) {
      if (i > MAX_HEADER_LINES) {
        throw new IOException("too many multipart part headers");
      }
      String h = readLine();
      if (h == null) {
        throw new IOException("multipart part ended inside its headers");
      }
      if (h.isEmpty()) {
        break;
      }
      int colon = h.indexOf(':');
      if (colon > 0 && h.substring(0, colon).trim().equalsIgnoreCase("Content-Range")) {
        range = parseRange(h.substring(colon + 1).trim());
      }
    }
    if (range == null) {
      throw new IOException("multipart part without Content-Range");
    }
    if (range[2] >= 0) {
      total = range[2];
    }
    current = new Http.BoundedInputStream(in, range[1] - range[0] + 1);
    return new DeviceApi.Part(range[0], range[1] - range[0] + 1, current);
  }

  private String readLine() throws IOException {
    ByteArrayOutputStream line = new ByteArrayOutputStream();
    while (true) {
      int c = in.read();
      if (c < 0) {
        return line.size() == 0 ? null : line.toString(StandardCharsets.ISO_8859_1);
      }
      if (c == '\n') {
        String s = line.toString(StandardCharsets.ISO_8859_1);
        return s.endsWith("\r") ? s.substring(0, s.length() - 1) : s;
      }
      if (line.size() >= MAX_LINE) {
        throw new IOException("multipart line longer than " + MAX_LINE + " bytes");
      }
      line.write(c);
    }
  }

  private static long[] parseRange(String header) throws IOException {
    Matcher m = header == null ? null : CONTENT_RANGE.matcher(header.trim());
    if (m == null || !m.matches()) {
      throw new IOException("bad Content-Range: " + header);
    }
    long start = Long.parseLong(m.group(1));
    long end = Long.parseLong(m.group(2));
    long total = m.group(3).equals("*") ? -1 : Long.parseLong(m.group(3));
    if (end < start) {
      throw new IOException("bad Content-Range: " + header);
    }
    return new long[] {start, end, total};
  }

  @Override
  public void close() {
    // Disconnect rather than drain: an answer we stopped reading may be endless.
    connection.disconnect();
  }
}
