package dev.modelport.gguf.cli;

import dev.modelport.gguf.digest.GgufManifest;
import dev.modelport.gguf.digest.TensorDigest;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Paths;
import java.util.List;

/** {@code digest FILE}: the manifest an OTA delta is planned from. */
final class DigestCommand {
    private DigestCommand() {
    }

    static int run(List<String> rawArgs, PrintStream out) throws IOException {
        String file = new GgufCli.Args(rawArgs).positional(1, 1).get(0);
        GgufManifest m = GgufManifest.of(Paths.get(file));
        out.printf("file    sha256:%s %d bytes%n", m.sha256(), m.fileSize());
        out.printf("header  sha256:%s %s%n", m.headerSha256(), m.header().httpRange());
        for (TensorDigest t : m.tensors()) {
            out.printf("tensor  sha256:%s %s %s%n", t.sha256(), t.range().httpRange(), t.name());
        }
        return 0;
    }
}
