package dev.modelport.signing.interop;

import dev.modelport.signing.key.Ed25519PrivateKey;
import dev.modelport.signing.key.Ed25519Signer;
import dev.modelport.signing.tuf.RepositoryBuilder;
import dev.modelport.signing.tuf.RootMetadata;
import dev.modelport.signing.tuf.TargetFile;
import dev.modelport.signing.tuf.TargetsMetadata;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Writes a sample consistent-snapshot repository (two root versions, a delegation, one target) to
 * {@code args[0]}/metadata and {@code args[0]}/targets, for checking by hand that a standard TUF
 * client (tuf-js, python-tuf) accepts our layout and signatures. Not a test.
 */
public final class WriteSampleRepository {
  private WriteSampleRepository() {}

  public static void main(String[] args) throws Exception {
    Path out = Path.of(args[0]);
    Instant now = Instant.now();
    Ed25519Signer root1 = Ed25519PrivateKey.generate().signer();
    Ed25519Signer root2 = Ed25519PrivateKey.generate().signer();
    Ed25519Signer targets = Ed25519PrivateKey.generate().signer();
    Ed25519Signer snapshot = Ed25519PrivateKey.generate().signer();
    Ed25519Signer timestamp = Ed25519PrivateKey.generate().signer();
    Ed25519Signer oem = Ed25519PrivateKey.generate().signer();
    RepositoryBuilder repo = new RepositoryBuilder();
    RootMetadata.Builder root = RootMetadata.builder().expires(now.plus(Duration.ofDays(365)))
        .role("root", 1, List.of(root1.publicKey()))
        .role("targets", 1, List.of(targets.publicKey()))
        .role("snapshot", 1, List.of(snapshot.publicKey()))
        .role("timestamp", 1, List.of(timestamp.publicKey()));
    byte[] bootstrap = repo.publishRoot(root.version(1).build(), List.of(root1)).bytes();
    // rotate the root key: v2 signed by old and new
    root.role("root", 1, List.of(root2.publicKey()));
    repo.publishRoot(root.version(2).build(), List.of(root1, root2));
    byte[] model = "GGUF test weights \u00e9".getBytes(StandardCharsets.UTF_8);
    repo.publishTargets("targets", TargetsMetadata.builder().expires(now.plus(Duration.ofDays(90)))
        .delegate("oem-a", List.of(oem.publicKey()), 1, List.of("oem-a/*"), true).build(), List.of(targets));
    repo.publishTargets("oem-a", TargetsMetadata.builder().expires(now.plus(Duration.ofDays(90)))
        .target("oem-a/assistant-q4_0.gguf", TargetFile.of(model, null)).build(), List.of(oem));
    repo.addTarget("oem-a/assistant-q4_0.gguf", model);
    repo.publishSnapshot(now.plus(Duration.ofDays(7)), List.of(snapshot));
    repo.publishTimestamp(now.plus(Duration.ofDays(1)), List.of(timestamp));
    write(out.resolve("metadata"), repo.metadataFiles());
    write(out.resolve("targets"), repo.targetFiles());
    Files.write(out.resolve("bootstrap-root.json"), bootstrap);
  }

  private static void write(Path dir, Map<String, byte[]> files) throws Exception {
    for (Map.Entry<String, byte[]> e : files.entrySet()) {
      Path p = dir.resolve(e.getKey());
      Files.createDirectories(p.getParent());
      Files.write(p, e.getValue());
    }
  }
}
