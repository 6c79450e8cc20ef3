package dev.modelport.ota.agent;

import dev.modelport.ota.OtaEvent;
import dev.modelport.ota.OtaListener;
import dev.modelport.ota.Progress;
import java.io.PrintStream;
import java.time.Instant;

/**
 * Shows what the client does: on a terminal a live progress bar redrawn in place, otherwise plain
 * log lines (progress every 10%). Fast and never throws, as listeners must be.
 */
final class ProgressPrinter implements OtaListener {
  private final PrintStream out;
  private final boolean tty;
  private long startNanos;
  private long startBytes;
  private String phaseKey;
  private int lastDecile = -1;
  private boolean barShown;

  ProgressPrinter(PrintStream out, boolean tty) {
    this.out = out;
    this.tty = tty;
  }

  @Override
  public synchronized void onProgress(Progress p) {
    String key = p.phase() + " " + p.buildDigest();
    if (!key.equals(phaseKey)) {
      phaseKey = key;
      startNanos = System.nanoTime();
      startBytes = p.network();
      lastDecile = -1;
    }
    if (p.phase() == Progress.Phase.HEALTH_CHECK || p.phase() == Progress.Phase.SWAP) {
      if (p.done() == 0) {
        line(p.phase() == Progress.Phase.HEALTH_CHECK ? "health check of " + shortDigest(p.buildDigest())
            : "switching to " + shortDigest(p.buildDigest()));
      }
      return;
    }
    double secs = Math.max(1e-3, (System.nanoTime() - startNanos) / 1e9);
    double rate = (p.network() - startBytes) / secs;
    if (tty) {
      int width = 30;
      int filled = (int) (p.fraction() * width);
      String bar = "#".repeat(filled) + ".".repeat(width - filled);
      out.printf("\r%s [%s] %3d%% %s/%s %s/s %s  ", p.phase() == Progress.Phase.DOWNLOAD ? "download" : "re-hash ",
          bar, (int) (p.fraction() * 100), mib(p.done()), mib(p.total()), mib((long) rate), shortDigest(p.buildDigest()));
      out.flush();
      barShown = true;
    } else {
      int decile = (int) (p.fraction() * 10);
      if (decile != lastDecile) {
        lastDecile = decile;
        line(String.format("%s %s: %d%% (%d of %d bytes, %d from the network)",
            p.phase() == Progress.Phase.DOWNLOAD ? "download" : "re-hash", shortDigest(p.buildDigest()),
            decile * 10, p.done(), p.total(), p.network()));
      }
    }
  }

  @Override
  public void onEvent(OtaEvent e) {
    line("event " + e.type() + " " + shortDigest(e.buildDigest()) + (e.reason() == null ? "" : ": " + e.reason()));
  }

  @Override
  public void onMessage(String message) {
    line(message);
  }

  synchronized void line(String s) {
    if (barShown) {
      out.println();
      barShown = false;
    }
    out.println(Instant.now() + " " + s);
    out.flush();
  }

  private static String mib(long bytes) {
    return String.format("%.1f MiB", bytes / 1048576.0);
  }

  static String shortDigest(String d) {
    return d == null ? "-" : d.length() > 19 ? d.substring(0, 19) + "…" : d;
  }
}
