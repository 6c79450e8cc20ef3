package dev.modelport.cli;

import java.io.PrintStream;
import java.util.Locale;

/**
 * Shows upload progress: a live bar redrawn in place on a terminal, plain lines every 10% otherwise (CI logs).
 * {@link #update} is called from the sending thread and must be fast.
 */
public final class Progress {

    private final PrintStream out;
    private final boolean tty;
    private final String label;
    private final long total;
    private long startNanos = System.nanoTime();
    private long startBytes;
    private boolean started;
    private long lastDraw;
    private int lastDecile = -1;

    public Progress(PrintStream out, boolean tty, String label, long total) {
        this.out = out;
        this.tty = tty;
        this.label = label;
        this.total = total;
    }

    public static boolean isTerminal() {
        return System.console() != null && !"dumb".equals(System.getenv("TERM"));
    }

    public void update(long done) {
        long now = System.nanoTime();
        if (!started) {
            // The first report is where this run begins (a resumed upload starts part-way): rate counts from here.
            started = true;
            startBytes = done;
            startNanos = now;
        }
        if (tty) {
            if (now - lastDraw > 100_000_000L || done == total) {
                lastDraw = now;
                out.print("\r" + line(done, now) + "\u001b[K");
                out.flush();
            }
        } else {
            int decile = total == 0 ? 10 : (int) (done * 10 / total);
            if (decile != lastDecile) {
                lastDecile = decile;
                out.println(line(done, now));
            }
        }
    }

    public void finish(long done) {
        update(done);
        if (tty) {
            out.println();
        }
    }

    public void note(String message) {
        if (tty) {
            out.print("\r\u001b[K");
        }
        out.println(message);
    }

    private String line(long done, long now) {
        double fraction = total == 0 ? 1 : (double) done / total;
        int width = 30;
        int filled = (int) Math.round(fraction * width);
        double seconds = Math.max((now - startNanos) / 1e9, 1e-3);
        double rate = (done - startBytes) / seconds;
        String eta = rate <= 0 ? "--:--" : clock((long) ((total - done) / rate));
        return String.format(Locale.ROOT, "%s [%s%s] %5.1f%% %s / %s  %s/s  ETA %s", label,
                "#".repeat(filled), "-".repeat(width - filled), fraction * 100, bytes(done), bytes(total),
                bytes((long) rate), eta);
    }

    static String bytes(long n) {
        String[] units = {"B", "KiB", "MiB", "GiB", "TiB"};
        double value = n;
        int unit = 0;
        while (value >= 1024 && unit < units.length - 1) {
            value /= 1024;
            unit++;
        }
        return String.format(Locale.ROOT, unit == 0 ? "%.0f %s" : "%.1f %s", value, units[unit]);
    }

    private static String clock(long seconds) {
        return String.format(Locale.ROOT, "%d:%02d", seconds / 60, seconds % 60);
    }
}
