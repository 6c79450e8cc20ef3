package dev.modelport.gguf.cli;

import dev.modelport.gguf.format.GgufFormatException;
import java.io.IOException;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Command line entry point: {@code java -cp gguf.jar dev.modelport.gguf.cli.GgufCli <command>}.
 * Exit status 0 on success, 1 when a file is malformed or unreadable, 2 on a usage error.
 */
public final class GgufCli {
    static final String USAGE = String.join("\n",
            "usage: gguf <command> [args]",
            "  quantize IN OUT TYPE [--threads N]   convert weights to TYPE (Q8_0, Q4_0, F16, BF16, F32)",
            "  inspect FILE [--context N]           header metadata, tensor table and memory estimate",
            "  digest FILE                          file, header and per-tensor SHA-256 with byte ranges",
            "  fingerprint FILE [OTHER]             weight fingerprint, or similarity of two models");

    private GgufCli() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    /** Runs one command; returns the exit status. */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        if (args.length == 0 || args[0].equals("-h") || args[0].equals("--help")) {
            (args.length == 0 ? err : out).println(USAGE);
            return args.length == 0 ? 2 : 0;
        }
        List<String> rest = Arrays.asList(args).subList(1, args.length);
        try {
            switch (args[0]) {
                case "quantize":
                    return QuantizeCommand.run(rest, out, err);
                case "inspect":
                    return InspectCommand.run(rest, out);
                case "digest":
                    return DigestCommand.run(rest, out);
                case "fingerprint":
                    return FingerprintCommand.run(rest, out);
                default:
                    throw new UsageException("unknown command '" + args[0] + "'");
            }
        } catch (UsageException e) {
            err.println("error: " + e.getMessage());
            err.println(USAGE);
            return 2;
        } catch (GgufFormatException e) {
            err.println("error: malformed GGUF: " + e.getMessage());
            return 1;
        } catch (IOException e) {
            err.println("error: " + e);
            return 1;
        }
    }

    /** Wrong arguments; reported with the usage text. */
    static final class UsageException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        UsageException(String message) {
            super(message);
        }
    }

    /** Positional arguments and {@code --name value} options. */
    static final class Args {
        private final List<String> positional = new ArrayList<>();
        private final Map<String, String> options = new HashMap<>();

        Args(List<String> args, String... optionNames) {
            List<String> known = Arrays.asList(optionNames);
            for (int i = 0; i < args.size(); i++) {
                String a = args.get(i);
                if (a.startsWith("--")) {
                    if (!known.contains(a) || i + 1 >= args.size()) {
                        throw new UsageException("unknown option or missing value: " + a);
                    }
                    options.put(a, args.get(++i));
                } else {
                    positional.add(a);
                }
            }
        }

        List<String> positional(int min, int max) {
            if (positional.size() < min || positional.size() > max) {
                throw new UsageException("expected " + (min == max ? min : min + " to " + max) + " arguments, got " + positional.size());
            }
            return positional;
        }

        int intOption(String name, int fallback) {
            String v = options.get(name);
            try {
                return v == null ? fallback : Integer.parseInt(v);
            } catch (NumberFormatException e) {
                throw new UsageException(name + " needs a number, not '" + v + "'");
            }
        }
    }
}
