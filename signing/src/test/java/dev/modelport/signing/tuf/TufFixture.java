package dev.modelport.signing.tuf;

import dev.modelport.signing.key.Ed25519PrivateKey;
import dev.modelport.signing.key.Ed25519PublicKey;
import dev.modelport.signing.key.Ed25519Signer;
import java.io.FileNotFoundException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A small Modelport-shaped repository: root (2 of 3 keys), targets delegating {@code oem-a/*} and
 * {@code oem-b/*} to one key per OEM, snapshot and timestamp; served from in-memory mirrors
 * that tests tamper with, to a device whose store and clock the test controls.
 */
final class TufFixture {
  static final Instant T0 = Instant.parse("2025-01-01T00:00:00Z");
  static final String A_MODEL = "oem-a/assistant-q4_0.gguf";
  static final String B_MODEL = "oem-b/assistant-q8_0.gguf";

  final Ed25519Signer root1 = key();
  final Ed25519Signer root2 = key();
  final Ed25519Signer root3 = key();
  final Ed25519Signer targetsKey = key();
  Ed25519Signer snapshotKey = key();
  Ed25519Signer timestampKey = key();
  final Ed25519Signer oemA = key();
  final Ed25519Signer oemB = key();

  final RepositoryBuilder repo = new RepositoryBuilder();
  final Map<String, byte[]> metadataMirror = new HashMap<>();
  final Map<String, byte[]> targetMirror = new HashMap<>();
  final MetadataStore deviceStore = MetadataStore.inMemory();
  final MutableClock clock = new MutableClock(T0.plus(Duration.ofHours(1)));
  final byte[] bootstrapRoot;
  final byte[] modelA = "GGUF weights for oem-a".getBytes(StandardCharsets.UTF_8);
  final byte[] modelB = "GGUF weights for oem-b, q8".getBytes(StandardCharsets.UTF_8);
  int rootVersion = 1;
  int targetsVersion = 1;
  int oemAVersion = 1;

  TufFixture() {
    bootstrapRoot = repo.publishRoot(rootBuilder(1).build(), List.of(root1, root2)).bytes();
    publishTopTargets();
    publishOem("oem-a", oemA, oemAVersion, Map.of(A_MODEL, modelA));
    publishOem("oem-b", oemB, 1, Map.of(B_MODEL, modelB));
    publishSnapshotAndTimestamp();
  }

  static Ed25519Signer key() {
    return Ed25519PrivateKey.generate().signer();
  }

  RootMetadata.Builder rootBuilder(int version) {
    return RootMetadata.builder().version(version).expires(T0.plus(Duration.ofDays(365)))
        .role("root", 2, List.of(root1.publicKey(), root2.publicKey(), root3.publicKey()))
        .role("targets", 1, List.of(targetsKey.publicKey()))
        .role("snapshot", 1, List.of(snapshotKey.publicKey()))
        .role("timestamp", 1, List.of(timestampKey.publicKey()));
  }

  void publishTopTargets() {
    TargetsMetadata top = TargetsMetadata.builder().version(targetsVersion).expires(T0.plus(Duration.ofDays(90)))
        .target("platform/readme.txt", TargetFile.of("hello".getBytes(StandardCharsets.UTF_8), null))
        .delegate("oem-a", List.of(oemA.publicKey()), 1, List.of("oem-a/*"), true)
        .delegate("oem-b", List.of(oemB.publicKey()), 1, List.of("oem-b/*"), true)
        .build();
    repo.publishTargets("targets", top, List.of(targetsKey));
    repo.addTarget("platform/readme.txt", "hello".getBytes(StandardCharsets.UTF_8));
    sync();
  }

  void publishOem(String role, Ed25519Signer key, int version, Map<String, byte[]> files) {
    TargetsMetadata.Builder b = TargetsMetadata.builder().version(version).expires(T0.plus(Duration.ofDays(90)));
    files.forEach((path, content) -> {
      b.target(path, TargetFile.of(content, null));
      repo.addTarget(path, content);
    });
    repo.publishTargets(role, b.build(), List.of(key));
    sync();
  }

  void publishSnapshotAndTimestamp() {
    repo.publishSnapshot(clock.instant().plus(Duration.ofDays(7)), List.of(snapshotKey));
    repo.publishTimestamp(clock.instant().plus(Duration.ofDays(1)), List.of(timestampKey));
    sync();
  }

  void sync() {
    metadataMirror.putAll(repo.metadataFiles());
    targetMirror.putAll(repo.targetFiles());
  }

  /** A device updater sharing this fixture's persistent store, as a phone across reboots. */
  TufUpdater device() {
    return device(TufUpdater.Limits.defaults());
  }

  TufUpdater device(TufUpdater.Limits limits) {
    return TufUpdater.builder().trustedRoot(bootstrapRoot).metadataFetcher(fetcher(metadataMirror))
        .targetFetcher(fetcher(targetMirror)).store(deviceStore).clock(clock).limits(limits).build();
  }

  static MetadataFetcher fetcher(Map<String, byte[]> mirror) {
    return (path, maxLength) -> {
      byte[] b = mirror.get(path);
      if (b == null) {
        throw new FileNotFoundException(path);
      }
      return Arrays.copyOf(b, (int) Math.min(b.length, maxLength + 1)); // honours the fetcher contract
    };
  }

  static List<Ed25519PublicKey> keys(Ed25519Signer... signers) {
    return Arrays.stream(signers).map(Ed25519Signer::publicKey).toList();
  }

  static final class MutableClock extends Clock {
    private Instant now;

    MutableClock(Instant now) {
      this.now = now;
    }

    void advance(Duration d) {
      now = now.plus(d);
    }

    @Override
    public Instant instant() {
      return now;
    }

    @Override
    public java.time.ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      return this;
    }
  }
}
