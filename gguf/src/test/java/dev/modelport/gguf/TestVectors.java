package dev.modelport.gguf;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;

/**
 * Finds the shared reference vectors without copying them into the repo: the system property
 * {@code modelport.vectors.dir} if set, otherwise the first {@code shared/vectors/gguf} found
 * walking up from the working directory (CI clones the repo with {@code shared/} beside it).
 */
public final class TestVectors {
    private static final Path DIR = locate();

    private TestVectors() {
    }

    public static Path file(String name) {
        return DIR.resolve(name);
    }

    private static Path locate() {
        String prop = System.getProperty("modelport.vectors.dir");
        if (prop != null && !prop.isBlank()) {
            return Paths.get(prop).toAbsolutePath();
        }
        for (Path dir = Paths.get("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("shared").resolve("vectors").resolve("gguf");
            if (Files.isRegularFile(candidate.resolve("tiny-f32.gguf"))) {
                return candidate;
            }
        }
        throw new IllegalStateException("reference vectors not found: set -Dmodelport.vectors.dir or put shared/vectors/gguf "
                + "beside the repository (searched up from " + Paths.get("").toAbsolutePath() + ")");
    }
}
