package dev.modelport.ota.testing;

import dev.modelport.ota.DeviceApi;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The client's own count of blob bytes read off the wire ({@link DeviceApi.BlobResponse#bytesReceived},
 * framing included), over every answer of one process, around another {@link DeviceApi}. {@link
 * #freeze} makes every further read of a blob body block, so that a process about to be killed
 * states exactly what it had read: the crash tests print it at the kill point.
 */
public final class CountingDeviceApi implements DeviceApi {
  private final DeviceApi delegate;
  private final AtomicLong finished = new AtomicLong();
  private final Set<BlobResponse> open = ConcurrentHashMap.newKeySet();
  private volatile boolean frozen;

  public CountingDeviceApi(DeviceApi delegate) {
    this.delegate = delegate;
  }

  /** Blob bytes received so far, by finished and open answers. */
  public long blobBytesReceived() {
    long n = finished.get();
    for (BlobResponse r : open) {
      n += r.bytesReceived();
    }
    return n;
  }

  /** From now on, reads of blob bodies block forever (the process is about to be killed). */
  public void freeze() {
    frozen = true;
  }

  @Override
  public EnrollResponse enroll(EnrollRequest request) throws IOException {
    return delegate.enroll(request);
  }

  @Override
  public TokenResponse token(TokenRequest request) throws IOException {
    return delegate.token(request);
  }

  @Override
  public CheckIn checkIn(String bearerToken, CheckInRequest request, String etag) throws IOException {
    return delegate.checkIn(bearerToken, request, etag);
  }

  @Override
  public ReportResponse report(String bearerToken, ReportRequest request) throws IOException {
    return delegate.report(bearerToken, request);
  }

  @Override
  public BlobResponse fetchBlob(String bearerToken, String digest, List<Range> ranges) throws IOException {
    BlobResponse r = delegate.fetchBlob(bearerToken, digest, ranges);
    open.add(r);
    return new BlobResponse() {
      private boolean closed;

      @Override
      public long totalLength() {
        return r.totalLength();
      }

      @Override
      public Part nextPart() throws IOException {
        awaitUnfrozen();
        Part p = r.nextPart();
        return p == null ? null : new Part(p.offset(), p.length(), new FilterInputStream(p.body()) {
          @Override
          public int read() throws IOException {
            awaitUnfrozen();
            return super.read();
          }

          @Override
          public int read(byte[] b, int off, int len) throws IOException {
            awaitUnfrozen();
            return super.read(b, off, len);
          }
        });
      }

      @Override
      public long bytesReceived() {
        return r.bytesReceived();
      }

      @Override
      public synchronized void close() {
        if (!closed) {
          closed = true;
          finished.addAndGet(r.bytesReceived());
          open.remove(r);
          r.close();
        }
      }
    };
  }

  private void awaitUnfrozen() {
    while (frozen) {
      try {
        Thread.sleep(1000);
      } catch (InterruptedException e) {
        // keep blocking: only SIGKILL ends this process now
      }
    }
  }
}
