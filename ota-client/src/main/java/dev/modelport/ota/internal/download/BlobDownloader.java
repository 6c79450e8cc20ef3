package dev.modelport.ota.internal.download;

import dev.modelport.ota.DeviceApi;
import dev.modelport.ota.FailureCode;
import dev.modelport.ota.FileSystem;
import dev.modelport.ota.OtaException;
import dev.modelport.ota.OtaListener;
import dev.modelport.ota.Progress;
import dev.modelport.ota.internal.Digests;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * Downloads (or, for a delta, assembles) a build into its staging file and proves it is the
 * signed target.
 *
 * <p>Invariant: the staging file is always a prefix of the target file. So a restart resumes at
 * the file's length, whatever killed the last attempt: the bytes already on disk are hashed once
 * (the resumed hash covers them), and the rest is fetched with an HTTP Range starting there. A
 * delta interleaves runs copied from the installed build with runs fetched as ranges (several per
 * request, as {@code multipart/byteranges}), in target order.
 *
 * <p>Length is enforced while streaming: a part that extends past the signed length, an answer
 * whose stated total differs, or a body that goes on after the signed length is cut off and
 * refused ({@link FailureCode#TARGET_BAD_LENGTH}); the staging file never grows past the signed
 * length. At the end the SHA-256 of the whole file must equal the signed one, else the staging
 * file is deleted ({@link FailureCode#TARGET_BAD_HASH}).
 */
public final class BlobDownloader {
  private final DeviceApi api;
  private final Supplier<String> token;
  private final FileSystem fs;
  private final OtaListener listener;
  private final int bufferBytes;
  private final int maxRangesPerRequest;
  private final int maxRetries;
  private final Checkpoints checkpoints;

  /**
   * How often a download fsyncs its staging file and records the durable length: after every
   * {@code bytes}, or {@code every} after the last checkpoint, whichever comes first. A killed or
   * powered-off device re-fetches at most that much.
   */
  public record Checkpoints(long bytes, java.time.Duration every) {
    public static Checkpoints defaults() {
      return new Checkpoints(64L << 20, java.time.Duration.ofSeconds(2));
    }
  }

  /** What to download. {@code installed}/{@code plan} are null for a full download. */
  public record Job(String digest, long length, Path staging, Path installed, dev.modelport.gguf.digest.DeltaPlan plan) {}

  /**
   * What happened.
   *
   * @param checkpointSyncNanos time the periodic checkpoints spent in fsync (on their own thread)
   */
  public record Result(long networkBytes, long copiedBytes, long resumedFrom, boolean delta, int requests,
      long checkpointSyncNanos) {}

  public BlobDownloader(DeviceApi api, Supplier<String> token, FileSystem fs, OtaListener listener, int bufferBytes,
      int maxRangesPerRequest, int maxRetries, Checkpoints checkpoints) {
    this.api = api;
    this.token = token;
    this.fs = fs;
    this.listener = listener;
    this.bufferBytes = bufferBytes;
    this.maxRangesPerRequest = maxRangesPerRequest;
    this.maxRetries = maxRetries;
    this.checkpoints = checkpoints;
  }

  /** Bytes of {@code staging} a download would keep: its durable prefix. */
  public static long durableBytes(FileSystem fs, Path staging) throws IOException {
    return new DurablePrefix(fs, staging).length();
  }

  /** Forgets the durable-length record of {@code staging} once the file moved into a slot. */
  public static void forget(FileSystem fs, Path staging) throws IOException {
    new DurablePrefix(fs, staging).forget();
  }

  /** Buffers in the ring between the reading thread and the hashing and writing threads: about 4 MiB, 3 to 16. */
  private int ringSize() {
    return Math.max(3, Math.min(16, (4 << 20) / bufferBytes));
  }

  /** Bytes the job will fetch from the network (before any resume). */
  public static long plannedFetchBytes(Job job) {
    List<Segment> segs = job.plan() == null ? null : Segment.of(job.plan(), job.length());
    return segs == null ? job.length() : Segment.fetchBytes(segs);
  }

  public Result run(Job job) throws OtaException, IOException {
    List<Segment> segments = job.plan() == null ? null : Segment.of(job.plan(), job.length());
    boolean delta = segments != null;
    if (segments == null) {
      segments = Segment.whole(job.length());
    }
    DurablePrefix durable = new DurablePrefix(fs, job.staging());
    long have = durable.recover();
    if (have > job.length()) {
      fs.delete(job.staging()); // cannot be a prefix of the target
      have = 0;
    }
    State st = new State(job, segments, Digests.sha256(), have);
    if (have > 0) {
      hashPrefix(st);
    }
    byte[] actualHash;
    try (FileSystem.Sink out = fs.appending(job.staging());
        StagingWriter writer = new StagingWriter(out, st.digest, durable, have, bufferBytes, ringSize(),
            checkpoints.bytes(), checkpoints.every().toNanos())) {
      st.writer = writer;
      try {
        fetchAll(st);
      } catch (OtaException e) {
        if (e.code() == FailureCode.TARGET_BAD_LENGTH) {
          // The server broke the length contract: trust nothing it sent, start over next time.
          writer.close();
          out.close();
          fs.delete(job.staging());
          durable.forget();
        }
        throw e;
      }
      actualHash = writer.finish();
      st.checkpointNanos = writer.checkpointSyncNanos();
    }
    st.report(true);
    String actual = Digests.hex(actualHash);
    if (!actual.equals(Digests.hex(job.digest()))) {
      fs.delete(job.staging());
      durable.forget();
      throw new OtaException(FailureCode.TARGET_BAD_HASH, "downloaded bytes hash to sha256:" + actual
          + ", signed target is " + job.digest() + (st.resumedFrom > 0 ? " (resumed at byte " + st.resumedFrom + ")" : ""));
    }
    return new Result(st.network, st.copied, st.resumedFrom, delta, st.requests, st.checkpointNanos);
  }

  /** Fetches (or copies) runs until the staging file is as long as the target, retrying network failures. */
  private void fetchAll(State st) throws OtaException, IOException {
    Job job = st.job;
    int failures = 0;
    while (st.pos < job.length()) {
      checkInterrupted();
      Segment seg = st.segmentAt(st.pos);
      if (seg.copy()) {
        copyLocal(st, seg);
        continue;
      }
      long before = st.pos;
      try {
        fetchFrom(st);
      } catch (IOException e) {
        if (e instanceof InterruptedIOException && Thread.currentThread().isInterrupted()) {
          throw e; // cancelled, not a network failure (a read timeout is retried below)
        }
        if (st.pos > before) {
          failures = 0;
        }
        if (++failures > maxRetries) {
          throw new OtaException(FailureCode.DOWNLOAD_FAILED, "download of " + job.digest() + " failed at byte "
              + st.pos + " of " + job.length() + ": " + e.getMessage(), e);
        }
        st.writer.checkpointSoon(); // what we have is worth keeping if the wait ends in a crash
        listener.onMessage("download interrupted at byte " + st.pos + " (" + e.getMessage() + "); retrying");
        sleepBackoff(failures);
        continue;
      }
      if (st.pos == before) {
        if (++failures > maxRetries) {
          throw new OtaException(FailureCode.DOWNLOAD_FAILED, "server answers did not contain byte " + st.pos);
        }
      } else {
        failures = 0;
      }
    }
  }

  private final class State {
    final Job job;
    final List<Segment> segments;
    final MessageDigest digest;
    final long resumedFrom;
    long pos;
    long network;
    long inFlight; // body bytes of the current answer so far, for progress
    long copied;
    int requests;
    StagingWriter writer;
    long lastReport;
    long checkpointNanos;

    State(Job job, List<Segment> segments, MessageDigest digest, long have) {
      this.job = job;
      this.segments = segments;
      this.digest = digest;
      this.pos = have;
      this.resumedFrom = have;
    }

    Segment segmentAt(long p) {
      for (Segment s : segments) {
        if (p >= s.offset() && p < s.end()) {
          return s;
        }
      }
      throw new IllegalStateException("no segment at " + p);
    }

    /** Hands {@code b[off, off+n)} to the writer; {@code last} gives the buffer back with it. */
    void append(byte[] b, int off, int n, boolean last) throws OtaException {
      writer.submit(b, off, n, last);
      pos += n;
      report(false);
    }

    void report(boolean force) {
      long now = System.nanoTime();
      if (force || now - lastReport > 200_000_000L) {
        lastReport = now;
        listener.onProgress(new Progress(Progress.Phase.DOWNLOAD, job.digest(), pos, job.length(), network + inFlight));
      }
    }
  }

  private void hashPrefix(State st) throws IOException {
    try (FileChannel ch = fs.openRead(st.job.staging())) {
      long p = 0;
      ByteBuffer b = ByteBuffer.allocate(Math.max(bufferBytes, 1 << 20));
      long last = 0;
      while (p < st.pos) {
        b.clear().limit((int) Math.min(b.capacity(), st.pos - p));
        int n = ch.read(b, p);
        if (n < 0) {
          throw new IOException("staging file shrank while hashing");
        }
        b.flip();
        st.digest.update(b);
        p += n;
        if (System.nanoTime() - last > 200_000_000L) {
          last = System.nanoTime();
          listener.onProgress(new Progress(Progress.Phase.RESUME_HASH, st.job.digest(), p, st.pos, 0));
        }
      }
    }
    listener.onMessage("resuming " + st.job.digest() + " at byte " + st.pos + " of " + st.job.length());
  }

  private void copyLocal(State st, Segment seg) throws IOException, OtaException {
    try (FileChannel in = fs.openRead(st.job.installed())) {
      while (st.pos < seg.end()) {
        checkInterrupted();
        long src = seg.sourceOffset() + (st.pos - seg.offset());
        byte[] arr = st.writer.take();
        int n;
        try {
          n = in.read(ByteBuffer.wrap(arr, 0, (int) Math.min(arr.length, seg.end() - st.pos)), src);
        } catch (IOException | RuntimeException e) {
          st.writer.release(arr);
          throw e;
        }
        if (n < 0) {
          st.writer.release(arr);
          throw new IOException("installed build is shorter than its manifest");
        }
        st.append(arr, 0, n, true);
        st.copied += n;
      }
    }
  }

  /** One request for the next fetch runs from {@code st.pos}; consumes whatever the answer holds. */
  private void fetchFrom(State st) throws IOException, OtaException {
    List<DeviceApi.Range> ranges = new ArrayList<>();
    for (Segment s : st.segments) {
      if (s.copy() || s.end() <= st.pos) {
        continue;
      }
      long from = Math.max(s.offset(), st.pos);
      ranges.add(new DeviceApi.Range(from, s.end() - from));
      if (ranges.size() >= maxRangesPerRequest) {
        break;
      }
    }
    st.requests++;
    try (DeviceApi.BlobResponse r = api.fetchBlob(token.get(), st.job.digest(), ranges)) {
      try {
        if (r.totalLength() >= 0 && r.totalLength() != st.job.length()) {
          throw new OtaException(FailureCode.TARGET_BAD_LENGTH, "server states the blob is " + r.totalLength()
              + " bytes, the signed length is " + st.job.length());
        }
        DeviceApi.Part part;
        while ((part = r.nextPart()) != null && st.pos < st.job.length()) {
          consumePart(st, part);
        }
      } finally {
        st.network += r.bytesReceived();
        st.inFlight = 0;
      }
    }
  }

  private void consumePart(State st, DeviceApi.Part part) throws IOException, OtaException {
    long length = st.job.length();
    if (part.offset() >= length || (part.length() >= 0 && part.offset() + part.length() > length)) {
      throw new OtaException(FailureCode.TARGET_BAD_LENGTH, "server sent bytes " + part.offset() + "+"
          + part.length() + " of a target signed as " + length + " bytes long");
    }
    // Never read past the signed length, whatever the part claims.
    long readable = part.length() >= 0 ? part.length() : length - part.offset();
    long at = part.offset();
    InputStream in = part.body();
    while (readable > 0) {
      checkInterrupted();
      // Runs we copy locally may sit between here and the part's next byte.
      while (st.pos < length && st.pos <= at && st.segmentAt(st.pos).copy()) {
        copyLocal(st, st.segmentAt(st.pos));
      }
      byte[] arr = st.writer.take();
      Fill fill = fill(in, arr, (int) Math.min(arr.length, readable));
      int n = fill.bytes;
      readable -= n;
      st.inFlight += n;
      long chunkStart = at;
      at += n;
      useChunk(st, arr, chunkStart, n);
      if (fill.failure != null) {
        throw fill.failure; // after keeping what arrived before it
      }
      if (fill.ended) {
        if (part.length() >= 0) {
          throw new IOException("answer ended " + readable + " bytes before the end of its range");
        }
        return;
      }
    }
    if (part.length() < 0 && at >= length) {
      // A whole-blob answer of unstated length: anything after the signed length is refused.
      if (in.read() >= 0) {
        throw new OtaException(FailureCode.TARGET_BAD_LENGTH, "server kept sending after the signed length of "
            + length + " bytes; cut off");
      }
    }
  }

  /**
   * Hands the bytes of {@code arr[0, n)} (which sit at {@code chunkStart} in the target) that
   * extend the prefix and fall in fetched runs to the writer, copying local runs in between; drops
   * the rest. The writer gets {@code arr} back after its last use.
   */
  private void useChunk(State st, byte[] arr, long chunkStart, int n) throws IOException, OtaException {
    long length = st.job.length();
    int off = 0;
    boolean handedBack = false;
    try {
      while (off < n && st.pos < length) {
        long p = chunkStart + off;
        if (p < st.pos) {
          off += (int) Math.min(n - off, st.pos - p);
          continue;
        }
        if (p > st.pos) {
          break; // a gap we cannot fill from this part
        }
        Segment seg = st.segmentAt(st.pos);
        if (seg.copy()) {
          copyLocal(st, seg);
          continue;
        }
        int take = (int) Math.min(n - off, seg.end() - st.pos);
        off += take;
        handedBack = off >= n || st.pos + take >= length;
        st.append(arr, off - take, take, handedBack);
      }
    } finally {
      if (!handedBack) {
        st.writer.release(arr);
      }
    }
  }

  /** What {@link #fill} read: {@code bytes}, then maybe the end of the stream or a failure. */
  private record Fill(int bytes, boolean ended, IOException failure) {}

  /**
   * Reads up to {@code max} bytes into {@code arr}, more than one socket read's worth, so that the
   * hashing thread gets few large chunks. Stops early at half a buffer if nothing more is ready
   * (a slow link still makes progress), at the end of the stream, or at a failure, which it
   * returns instead of throwing so that the bytes read before it are kept.
   */
  private static Fill fill(InputStream in, byte[] arr, int max) {
    int n = 0;
    try {
      while (n < max) {
        int r = in.read(arr, n, max - n);
        if (r < 0) {
          return new Fill(n, true, null);
        }
        n += r;
        if (n >= max / 2 && in.available() <= 0) {
          break;
        }
      }
      return new Fill(n, false, null);
    } catch (IOException e) {
      return new Fill(n, false, e);
    }
  }

  private static void checkInterrupted() throws InterruptedIOException {
    if (Thread.currentThread().isInterrupted()) {
      throw new InterruptedIOException("download interrupted");
    }
  }

  private static void sleepBackoff(int failures) throws InterruptedIOException {
    try {
      Thread.sleep(Math.min(5000, 100L << Math.min(failures, 6)));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("download interrupted");
    }
  }
}
