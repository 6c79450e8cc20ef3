package dev.modelport.gguf.cli;

import dev.modelport.gguf.fingerprint.FingerprintSimilarity;
import dev.modelport.gguf.fingerprint.Fingerprinter;
import dev.modelport.gguf.fingerprint.WeightFingerprint;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Paths;
import java.util.List;
import java.util.Locale;

/** {@code fingerprint FILE [OTHER]}: print a fingerprint, or compare two models. */
final class FingerprintCommand {
    private FingerprintCommand() {
    }

    static int run(List<String> rawArgs, PrintStream out) throws IOException {
        List<String> files = new GgufCli.Args(rawArgs).positional(1, 2);
        WeightFingerprint a = Fingerprinter.of(Paths.get(files.get(0)));
        if (files.size() == 1) {
            out.println(a.encode());
            return 0;
        }
        FingerprintSimilarity s = a.compareTo(Fingerprinter.of(Paths.get(files.get(1))));
        if (!s.comparable()) {
            out.println("not comparable: the models differ in depth or have too few layers");
        } else {
            out.printf(Locale.ROOT, "similarity %.4f over %d matrix kinds: %s (threshold %.2f)%n", s.score(), s.kindsCompared(),
                    s.isMatch() ? "MATCH, likely derived from the same weights" : "no match", FingerprintSimilarity.THRESHOLD);
        }
        return 0;
    }
}
