package dev.modelport.gguf.cli;

import dev.modelport.gguf.quant.ProgressListener;
import dev.modelport.gguf.quant.QuantType;
import dev.modelport.gguf.quant.QuantizeResult;
import dev.modelport.gguf.quant.Quantizer;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.Locale;

/** {@code quantize IN OUT TYPE [--threads N]}: live progress on stderr, digests on stdout. */
final class QuantizeCommand {
    private static final long REPORT_EVERY_NANOS = 200_000_000L;

    private QuantizeCommand() {
    }

    static int run(List<String> rawArgs, PrintStream out, PrintStream err) throws IOException {
        GgufCli.Args args = new GgufCli.Args(rawArgs, "--threads");
        List<String> p = args.positional(3, 3);
        QuantType type;
        try {
            type = QuantType.parse(p.get(2));
        } catch (IllegalArgumentException e) {
            throw new GgufCli.UsageException(e.getMessage());
        }
        Path in = Paths.get(p.get(0));
        Path outFile = Paths.get(p.get(1));
        int threads = args.intOption("--threads", Runtime.getRuntime().availableProcessors());
        if (threads < 1) {
            throw new GgufCli.UsageException("--threads must be at least 1");
        }
        long started = System.nanoTime();
        QuantizeResult r = Quantizer.builder().threads(threads).build().run(in, outFile, type, new Meter(err, started));
        double seconds = (System.nanoTime() - started) / 1e9;
        err.println();
        out.printf(Locale.ROOT, "wrote %s (%s, %s) in %.1f s%n", r.output(), type, Units.bytes(r.size()), seconds);
        out.println("sha256:" + r.sha256());
        r.tensorSha256().forEach((name, sha) -> out.println("  " + name + " sha256:" + sha));
        return 0;
    }

    /** Redraws one status line, at most five times a second. */
    private static final class Meter implements ProgressListener {
        private final PrintStream err;
        private final long started;
        private long lastReport;

        Meter(PrintStream err, long started) {
            this.err = err;
            this.started = started;
        }

        @Override
        public void onProgress(long done, long total) {
            long now = System.nanoTime();
            if (now - lastReport < REPORT_EVERY_NANOS && done < total) {
                return;
            }
            lastReport = now;
            double seconds = Math.max(1e-9, (now - started) / 1e9);
            err.printf(Locale.ROOT, "\rquantizing %5.1f%%  %s of %s  %s/s   ",
                    total == 0 ? 100.0 : 100.0 * done / total, Units.bytes(done), Units.bytes(total), Units.bytes((long) (done / seconds)));
            err.flush();
        }
    }
}
