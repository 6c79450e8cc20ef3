package dev.modelport.devstack;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * Secrets that production takes from the environment and {@code ./modelport up} makes once per machine: 32 random
 * bytes, base64, kept owner-only in the state directory so that restarts find the same ones.
 */
final class LocalSecrets {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final Path dir;

    LocalSecrets(Path dir) {
        this.dir = dir;
    }

    /** The value of {@code envName} if the operator set it, else the one kept in {@code fileName}. */
    String get(String envName, String fileName) throws IOException {
        String configured = System.getenv(envName);
        if (configured != null && !configured.isBlank()) {
            return configured;
        }
        Path file = dir.resolve(fileName);
        if (!Files.exists(file)) {
            byte[] key = new byte[32];
            RANDOM.nextBytes(key);
            Files.createDirectories(dir);
            Files.writeString(file, Base64.getEncoder().encodeToString(key));
            try {
                Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException e) {
                // not a POSIX file system; the state directory is the user's own
            }
            System.out.println("==> made " + fileName + " in " + dir + " (keep it with the database)");
        }
        return Files.readString(file).trim();
    }
}
