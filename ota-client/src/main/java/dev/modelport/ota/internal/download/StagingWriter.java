package dev.modelport.ota.internal.download;

import dev.modelport.ota.FailureCode;
import dev.modelport.ota.FileSystem;
import dev.modelport.ota.OtaException;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Appends to a staging file and hashes what it appends, each on a thread of its own, so that the
 * caller's thread only reads the network (or the installed build) while earlier chunks are hashed
 * and written in parallel: SHA-256 alone costs about as much CPU as the whole socket path, and on
 * one thread the three add up. Buffers circulate in a small fixed ring ({@link #take} → fill →
 * {@link #submit} → hashed and written → free again), so memory stays bounded; the one copy
 * between the socket read and the file write is into the writer's native buffer ({@link
 * #writeChunk}).
 *
 * <p>Durability: a third thread fsyncs the file every {@code checkpointBytes} (or
 * {@code checkpointNanos} after the last checkpoint, whichever comes first) and then records the
 * fsynced length in {@link DurablePrefix}. Writes go on during the fsync, so the disk drains dirty
 * pages while the download runs instead of all at the end. A resumed download keeps exactly the
 * recorded bytes.
 *
 * <p>Order: chunks are hashed and written in submission order; a buffer submitted with {@code
 * last=false} stays with the consumers until a later submission of the same buffer with {@code
 * last=true} (a chunk may be split around runs the caller copies from elsewhere). Failures of
 * the hasher, the writer or the checkpointer surface on the caller's next call as {@link
 * FailureCode#STORAGE_ERROR}.
 */
final class StagingWriter implements AutoCloseable {
  private static final Chunk STOP = new Chunk(null, 0, 0, false);
  /**
   * Size of one {@code write(2)}: small enough that the copy into the native buffer is still in
   * the core's cache when the kernel copies it on. Measured per 2 GiB in the pipeline: 1 MiB writes
   * cost the kernel 1.2-1.9 s, 256 KiB and 64 KiB writes 0.5-1.1 s (docs/benchmarks.md).
   */
  private static final int WRITE_BYTES = 256 << 10;

  /** A run of a buffer for both consumers; the second to finish with a {@code last} chunk frees the buffer. */
  private static final class Chunk {
    final byte[] buf;
    final int off;
    final int len; // -1: a checkpoint request
    final boolean last;
    final AtomicInteger users = new AtomicInteger(2);

    Chunk(byte[] buf, int off, int len, boolean last) {
      this.buf = buf;
      this.off = off;
      this.len = len;
      this.last = last;
    }
  }

  private final FileSystem.Sink sink;
  /** The writer thread's own native buffer; see {@link #writeChunk}. */
  private final ByteBuffer direct;
  private final MessageDigest digest;
  private final DurablePrefix durable;
  private final long checkpointBytes;
  private final long checkpointNanos;
  private final BlockingQueue<byte[]> free;
  private final BlockingQueue<Chunk> toHash = new LinkedBlockingQueue<>();
  private final BlockingQueue<Chunk> toWrite = new LinkedBlockingQueue<>();
  private final Thread hasher;
  private final Thread writer;
  private final Thread checkpointer;
  private final Object syncLock = new Object();
  private volatile Throwable failure;
  private volatile boolean closing;
  private long written; // writer; read by others after joining it
  private long lastCheckpointAt; // writer only
  private long requested; // guarded by syncLock: the length a checkpoint should cover
  private long recorded; // guarded by syncLock: the length the record names
  private long syncNanos; // guarded by syncLock: total time spent in checkpoint fsyncs

  /**
   * @param position bytes already in the file (and already fed to {@code digest})
   */
  StagingWriter(FileSystem.Sink sink, MessageDigest digest, DurablePrefix durable, long position, int bufferBytes,
      int buffers, long checkpointBytes, long checkpointNanos) {
    this.sink = sink;
    this.digest = digest;
    this.durable = durable;
    this.written = position;
    this.requested = position;
    this.recorded = position;
    this.checkpointBytes = checkpointBytes;
    this.checkpointNanos = checkpointNanos;
    this.lastCheckpointAt = System.nanoTime();
    this.direct = ByteBuffer.allocateDirect(Math.min(bufferBytes, WRITE_BYTES));
    this.free = new ArrayBlockingQueue<>(buffers);
    for (int i = 0; i < buffers; i++) {
      free.add(new byte[bufferBytes]);
    }
    this.hasher = new Thread(this::hashLoop, "ota-staging-sha256");
    this.writer = new Thread(this::writeLoop, "ota-staging-writer");
    this.checkpointer = new Thread(this::checkpointLoop, "ota-staging-fsync");
    for (Thread t : new Thread[] {hasher, writer, checkpointer}) {
      t.setDaemon(true);
      t.start();
    }
  }

  /** A free buffer; blocks while all are being hashed or written. */
  byte[] take() throws IOException, OtaException {
    while (true) {
      rethrow();
      try {
        byte[] b = free.poll(50, java.util.concurrent.TimeUnit.MILLISECONDS);
        if (b != null) {
          return b;
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new InterruptedIOException("download interrupted");
      }
    }
  }

  /** Queues {@code buf[off, off+len)} to be hashed and appended; {@code last} hands the buffer back after it. */
  void submit(byte[] buf, int off, int len, boolean last) throws OtaException {
    rethrow();
    enqueue(new Chunk(buf, off, len, last));
  }

  /** Returns an unused buffer to the ring (through the queue, behind any earlier chunk of it). */
  void release(byte[] buf) {
    enqueue(new Chunk(buf, 0, 0, true));
  }

  /** Asks for a checkpoint of everything submitted so far (e.g. before waiting out a network error). */
  void checkpointSoon() {
    enqueue(new Chunk(null, 0, -1, false));
  }

  private void enqueue(Chunk c) {
    toHash.add(c);
    toWrite.add(c);
  }

  /**
   * Waits until every chunk is written and the file is fsynced and recorded as durable.
   *
   * @return the SHA-256 of the whole file
   */
  byte[] finish() throws OtaException {
    stopWorkers();
    rethrow();
    return digest.digest();
  }

  /** Total time the checkpoints spent in fsync, for measurements. */
  long checkpointSyncNanos() {
    synchronized (syncLock) {
      return syncNanos;
    }
  }

  /**
   * Stops the threads after they have written and checkpointed what was submitted, so that an
   * abandoned download (cancelled, or out of retries) resumes where it stopped. Leaves the sink
   * open. Idempotent.
   */
  @Override
  public void close() {
    stopWorkers();
  }

  /**
   * The final checkpoint runs on the checkpointer thread too: the caller's thread may be
   * interrupted (a cancelled download), and an interrupted thread's fsync closes the channel.
   */
  private void stopWorkers() {
    if (!closing) {
      enqueue(STOP);
      joinUninterruptibly(hasher);
      joinUninterruptibly(writer);
      synchronized (syncLock) {
        if (written > requested) {
          requested = written;
        }
        closing = true;
        syncLock.notifyAll();
      }
    }
    joinUninterruptibly(checkpointer);
  }

  private static void joinUninterruptibly(Thread t) {
    boolean interrupted = false;
    while (true) {
      try {
        t.join();
        break;
      } catch (InterruptedException e) {
        interrupted = true;
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }

  private void rethrow() throws OtaException {
    Throwable t = failure;
    if (t != null) {
      throw new OtaException(FailureCode.STORAGE_ERROR, "cannot write the staging file: " + t.getMessage(), t);
    }
  }

  private void hashLoop() {
    try {
      while (true) {
        Chunk c = toHash.take();
        if (c == STOP) {
          return;
        }
        if (c.len > 0 && failure == null) {
          digest.update(c.buf, c.off, c.len);
        }
        done(c);
      }
    } catch (Throwable t) {
      fail(t);
    }
  }

  private void writeLoop() {
    try {
      while (true) {
        Chunk c = toWrite.take();
        if (c == STOP) {
          return;
        }
        if (c.len > 0 && failure == null) {
          writeChunk(c);
          written += c.len;
        }
        done(c);
        long now = System.nanoTime();
        boolean due = c.len < 0 || now - lastCheckpointAt >= checkpointNanos;
        synchronized (syncLock) {
          if (written > requested && (due || written - requested >= checkpointBytes)) {
            requested = written;
            lastCheckpointAt = now;
            syncLock.notifyAll();
          }
        }
      }
    } catch (Throwable t) {
      fail(t);
    }
  }

  /**
   * Writes a chunk through {@link #direct}, {@link #WRITE_BYTES} at a time. The copy is not extra:
   * a channel write of a heap buffer copies it into the JDK's temporary native buffer first. But
   * {@code write(2)} of a whole 1 MiB buffer cost the kernel as much CPU as hashing (JDK 17 on
   * Linux; docs/benchmarks.md), from the JDK's buffer even more than from ours.
   */
  private void writeChunk(Chunk c) throws IOException {
    int off = c.off;
    int end = c.off + c.len;
    while (off < end) {
      int n = Math.min(direct.capacity(), end - off);
      direct.clear();
      direct.put(c.buf, off, n);
      direct.flip();
      sink.write(direct);
      off += n;
    }
  }

  private void done(Chunk c) {
    if (c.users.decrementAndGet() == 0 && c.last) {
      free.add(c.buf);
    }
  }

  private void checkpointLoop() {
    try {
      while (true) {
        long target;
        synchronized (syncLock) {
          while (requested <= recorded && !closing) {
            syncLock.wait();
          }
          if (failure != null || requested <= recorded) {
            return; // closing, and everything written is recorded
          }
          target = requested;
        }
        long t0 = System.nanoTime();
        sink.sync(); // covers at least the first `target` bytes: they were written before it started
        durable.record(target);
        synchronized (syncLock) {
          syncNanos += System.nanoTime() - t0;
          recorded = target;
        }
      }
    } catch (Throwable t) {
      fail(t);
    }
  }

  private void fail(Throwable t) {
    if (failure == null) {
      failure = t;
    }
    // Unblock the caller (it polls take()) and the other threads.
    synchronized (syncLock) {
      syncLock.notifyAll();
    }
    enqueue(STOP);
  }
}
