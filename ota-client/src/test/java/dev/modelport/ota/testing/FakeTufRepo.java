package dev.modelport.ota.testing;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.modelport.gguf.digest.GgufManifest;
import dev.modelport.gguf.digest.TensorDigest;
import dev.modelport.signing.key.Ed25519PrivateKey;
import dev.modelport.signing.key.Ed25519Signer;
import dev.modelport.signing.tuf.RepositoryBuilder;
import dev.modelport.signing.tuf.RootMetadata;
import dev.modelport.signing.tuf.SignedMetadata;
import dev.modelport.signing.tuf.TargetFile;
import dev.modelport.signing.tuf.TargetsMetadata;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A channel's TUF repository as the future registry will publish it, built with signing's
 * {@link RepositoryBuilder}: root (2 of 3 keys), top-level targets delegating {@code oem-a/*} to
 * the OEM's key, snapshot, timestamp. Targets carry Modelport's custom fields (deviceClasses,
 * antiRollback, provenanceClass, tensors). {@link #mirror} is what the fake server serves; attack
 * tests tamper with it directly, as a malicious mirror would.
 */
public final class FakeTufRepo {
  public static final String DEVICE_CLASS = "dc-test-64";
  public static final String OEM = "oem-a";
  private static final ObjectMapper JSON = new ObjectMapper();

  public final Ed25519Signer root1 = key();
  public final Ed25519Signer root2 = key();
  public final Ed25519Signer root3 = key();
  public final Ed25519Signer targetsKey = key();
  public final Ed25519Signer oemKey = key();
  public Ed25519Signer snapshotKey = key();
  public Ed25519Signer timestampKey = key();

  public final RepositoryBuilder repo = new RepositoryBuilder();
  public final Map<String, byte[]> mirror = new ConcurrentHashMap<>();
  public final byte[] bootstrapRoot;
  public int rootVersion = 1;
  public int oemVersion;
  public final Map<String, TargetFile> oemTargets = new LinkedHashMap<>();

  public FakeTufRepo() {
    bootstrapRoot = repo.publishRoot(rootBuilder(1).build(), List.of(root1, root2)).bytes();
    TargetsMetadata top = TargetsMetadata.builder().version(1).expires(in(Duration.ofDays(90)))
        .delegate(OEM, List.of(oemKey.publicKey()), 1, List.of(OEM + "/*"), true)
        .build();
    repo.publishTargets("targets", top, List.of(targetsKey));
    publishOem();
    publishSnapshotAndTimestamp();
  }

  public static Ed25519Signer key() {
    return Ed25519PrivateKey.generate().signer();
  }

  public static Instant in(Duration d) {
    return Instant.now().plus(d);
  }

  public RootMetadata.Builder rootBuilder(int version) {
    return RootMetadata.builder().version(version).expires(in(Duration.ofDays(365)))
        .role("root", 2, List.of(root1.publicKey(), root2.publicKey(), root3.publicKey()))
        .role("targets", 1, List.of(targetsKey.publicKey()))
        .role("snapshot", 1, List.of(snapshotKey.publicKey()))
        .role("timestamp", 1, List.of(timestampKey.publicKey()));
  }

  /** Lists {@code file} as {@code oem-a/<name>} and publishes new metadata; returns the target path. */
  public synchronized String addBuild(String name, Path file, long antiRollback, Collection<String> deviceClasses) {
    String path = OEM + "/" + name;
    oemTargets.put(path, targetFile(file, antiRollback, deviceClasses));
    publishOem();
    publishSnapshotAndTimestamp();
    return path;
  }

  /** Lists a target without a tensor manifest (any file; downloads in full). */
  public synchronized String addRawBuild(String name, long length, String sha256Hex, long antiRollback) {
    String path = OEM + "/" + name;
    ObjectNode custom = JSON.createObjectNode();
    custom.putArray("deviceClasses").add(DEVICE_CLASS);
    custom.put("antiRollback", antiRollback);
    oemTargets.put(path, TargetFile.of(length, sha256Hex, custom));
    publishOem();
    publishSnapshotAndTimestamp();
    return path;
  }

  public static TargetFile targetFile(Path file, long antiRollback, Collection<String> deviceClasses) {
    try {
      GgufManifest m = GgufManifest.of(file);
      ObjectNode custom = JSON.createObjectNode();
      ArrayNode dc = custom.putArray("deviceClasses");
      deviceClasses.forEach(dc::add);
      custom.put("antiRollback", antiRollback);
      custom.put("provenanceClass", "DERIVED_FROM_LICENSED");
      ArrayNode ts = custom.putArray("tensors");
      for (TensorDigest t : m.tensors()) {
        ts.addObject().put("name", t.name()).put("offset", t.range().offset()).put("length", t.range().length())
            .put("sha256", t.sha256());
      }
      return TargetFile.of(Files.size(file), m.sha256(), custom);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public synchronized void publishOem() {
    TargetsMetadata.Builder b = TargetsMetadata.builder().version(++oemVersion).expires(in(Duration.ofDays(30)));
    oemTargets.forEach(b::target);
    repo.publishTargets(OEM, b.build(), List.of(oemKey));
    sync();
  }

  public synchronized void publishSnapshotAndTimestamp() {
    repo.publishSnapshot(in(Duration.ofDays(7)), List.of(snapshotKey));
    repo.publishTimestamp(in(Duration.ofDays(1)), List.of(timestampKey));
    sync();
  }

  public synchronized SignedMetadata<RootMetadata> publishRoot(RootMetadata root, List<Ed25519Signer> signers) {
    SignedMetadata<RootMetadata> s = repo.publishRoot(root, signers);
    sync();
    return s;
  }

  public synchronized void sync() {
    mirror.putAll(repo.metadataFiles());
  }
}
