package dev.modelport.signing.tuf;

import static dev.modelport.signing.tuf.TufFixture.A_MODEL;
import static dev.modelport.signing.tuf.TufFixture.B_MODEL;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.modelport.signing.key.Ed25519Signer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The attacks of the TUF specification (§1.5.2), each played against a device that has already
 * trusted a good repository, and each refused with its own exception type.
 */
class TufAttackTest {
  private final TufFixture f = new TufFixture();
  private final TufUpdater device = f.device();

  TufAttackTest() {
    device.refresh(); // the device has seen the good repository once
  }

  private <T extends Signed> byte[] sign(T md, Ed25519Signer... signers) {
    return SignedMetadata.sign(md, List.of(signers)).bytes();
  }

  private Instant inDays(int days) {
    return f.clock.instant().plus(Duration.ofDays(days));
  }

  @Test
  void arbitrarySoftware_targetWithTheRightLengthButWrongBytesIsRefused() {
    TargetInfo a = device.findTarget(A_MODEL);
    String sha = a.file().hashes().get("sha256");
    byte[] evil = f.modelA.clone();
    evil[0] ^= 1;
    f.targetMirror.put(TargetFile.consistentPath(A_MODEL, sha), evil);
    assertThatThrownBy(() -> device.fetchTarget(a))
        .isInstanceOfSatisfying(BadHashException.class, e -> assertThat(e.expected()).isEqualTo(sha));
  }

  @Test
  void wrongTargetLength_longerDownloadIsRefused() {
    TargetInfo a = device.findTarget(A_MODEL);
    byte[] longer = (new String(f.modelA, StandardCharsets.UTF_8) + " plus a payload").getBytes(StandardCharsets.UTF_8);
    f.targetMirror.put(TargetFile.consistentPath(A_MODEL, a.file().hashes().get("sha256")), longer);
    assertThatThrownBy(() -> device.fetchTarget(a))
        .isInstanceOfSatisfying(BadLengthException.class, e -> assertThat(e.expectedLength()).isEqualTo(f.modelA.length));
  }

  @Test
  void wrongTargetLength_streamingVerificationStopsReadingPastTheLength() throws Exception {
    TargetFile file = device.findTarget(A_MODEL).file();
    var endless = new java.io.InputStream() {
      @Override
      public int read() {
        return 'x';
      }
    };
    try (var in = file.verifyingStream(A_MODEL, endless)) {
      assertThatThrownBy(() -> in.transferTo(java.io.OutputStream.nullOutputStream()))
          .isInstanceOf(BadLengthException.class);
    }
  }

  @Test
  void endlessData_oversizedTimestampIsRefused() {
    f.metadataMirror.put("timestamp.json", new byte[20 * 1024]);
    assertThatThrownBy(device::refresh)
        .isInstanceOfSatisfying(EndlessDataException.class, e -> assertThat(e.maxLength()).isEqualTo(16 * 1024));
  }

  @Test
  void endlessData_snapshotLongerThanTheTimestampSaysIsRefused() {
    f.publishOem("oem-a", f.oemA, 2, Map.of(A_MODEL, f.modelA));
    f.publishSnapshotAndTimestamp();
    byte[] snap = f.metadataMirror.get("2.snapshot.json");
    f.metadataMirror.put("2.snapshot.json", java.util.Arrays.copyOf(snap, snap.length + 4096));
    assertThatThrownBy(device::refresh).isInstanceOf(BadLengthException.class);
  }

  @Test
  void rollback_rootReplayedAsTheNextVersionIsRefused() {
    f.repo.publishRoot(f.rootBuilder(2).build(), List.of(f.root1, f.root2));
    f.repo.publishRoot(f.rootBuilder(3).build(), List.of(f.root1, f.root2));
    f.sync();
    device.refresh();
    f.metadataMirror.put("4.root.json", f.metadataMirror.get("2.root.json"));
    assertThatThrownBy(device::refresh).isInstanceOfSatisfying(RollbackAttackException.class, e -> {
      assertThat(e.role()).isEqualTo("root");
      assertThat(e.expectedMinVersion()).isEqualTo(4);
      assertThat(e.foundVersion()).isEqualTo(2);
    });
  }

  @Test
  void rollback_olderTimestampIsRefused() {
    byte[] old = f.metadataMirror.get("timestamp.json");
    f.publishSnapshotAndTimestamp();
    device.refresh();
    f.metadataMirror.put("timestamp.json", old);
    assertThatThrownBy(device::refresh).isInstanceOfSatisfying(RollbackAttackException.class, e -> {
      assertThat(e.role()).isEqualTo("timestamp");
      assertThat(e.expectedMinVersion()).isEqualTo(2);
      assertThat(e.foundVersion()).isEqualTo(1);
    });
  }

  @Test
  void rollback_timestampPointingAtAnOlderSnapshotIsRefused() {
    f.publishSnapshotAndTimestamp(); // snapshot v2, timestamp v2
    device.refresh();
    // a stolen (online) timestamp key re-points a fresh timestamp at snapshot v1
    MetaFile oldSnapshot = MetaFile.of(1, f.metadataMirror.get("1.snapshot.json"));
    f.metadataMirror.put("timestamp.json", sign(TimestampMetadata.of(3, inDays(1), oldSnapshot), f.timestampKey));
    assertThatThrownBy(device::refresh).isInstanceOfSatisfying(RollbackAttackException.class, e -> {
      assertThat(e.role()).isEqualTo("snapshot");
      assertThat(e.expectedMinVersion()).isEqualTo(2);
      assertThat(e.foundVersion()).isEqualTo(1);
    });
  }

  @Test
  void rollback_snapshotListingAnOlderTargetsVersionIsRefused() {
    f.targetsVersion = 2;
    f.publishTopTargets();
    f.publishSnapshotAndTimestamp();
    device.refresh(); // trusts targets v2
    // stolen online keys (snapshot + timestamp) try to bring back targets v1
    byte[] targetsV1 = f.metadataMirror.get("1.targets.json");
    Map<String, MetaFile> meta = Map.of("targets.json", MetaFile.of(1, targetsV1),
        "oem-a.json", MetaFile.of(1, f.metadataMirror.get("1.oem-a.json")),
        "oem-b.json", MetaFile.of(1, f.metadataMirror.get("1.oem-b.json")));
    byte[] snap = sign(SnapshotMetadata.of(3, inDays(7), meta), f.snapshotKey);
    f.metadataMirror.put("3.snapshot.json", snap);
    f.metadataMirror.put("timestamp.json", sign(TimestampMetadata.of(3, inDays(1), MetaFile.of(3, snap)), f.timestampKey));
    assertThatThrownBy(device::refresh).isInstanceOfSatisfying(RollbackAttackException.class, e -> {
      assertThat(e.role()).isEqualTo("targets");
      assertThat(e.expectedMinVersion()).isEqualTo(2);
      assertThat(e.foundVersion()).isEqualTo(1);
    });
  }

  @Test
  void indefiniteFreeze_expiredTimestampIsRefused() {
    f.clock.advance(Duration.ofDays(2)); // the mirror keeps serving the 1-day timestamp
    assertThatThrownBy(device::refresh)
        .isInstanceOfSatisfying(ExpiredMetadataException.class, e -> assertThat(e.role()).isEqualTo("timestamp"));
  }

  @Test
  void indefiniteFreeze_expiredSnapshotBehindAFreshTimestampIsRefused() {
    f.clock.advance(Duration.ofDays(8));
    f.repo.publishTimestamp(inDays(1), List.of(f.timestampKey)); // fresh timestamp, same 7-day snapshot
    f.sync();
    assertThatThrownBy(f.device()::refresh)
        .isInstanceOfSatisfying(ExpiredMetadataException.class, e -> assertThat(e.role()).isEqualTo("snapshot"));
  }

  @Test
  void indefiniteFreeze_expiredRootIsRefused() {
    f.clock.advance(Duration.ofDays(400));
    assertThatThrownBy(device::refresh)
        .isInstanceOfSatisfying(ExpiredMetadataException.class, e -> assertThat(e.role()).isEqualTo("root"));
  }

  @Test
  void mixAndMatch_targetsVersionDifferentFromTheSnapshotIsRefused() {
    // snapshot v2 (without hashes) names targets v2, but the mirror serves the old v1 file under that name
    Map<String, MetaFile> meta = Map.of("targets.json", new MetaFile(2, null, null),
        "oem-a.json", new MetaFile(1, null, null), "oem-b.json", new MetaFile(1, null, null));
    byte[] snap = sign(SnapshotMetadata.of(2, inDays(7), meta), f.snapshotKey);
    f.metadataMirror.put("2.snapshot.json", snap);
    f.metadataMirror.put("2.targets.json", f.metadataMirror.get("1.targets.json"));
    f.metadataMirror.put("timestamp.json", sign(TimestampMetadata.of(2, inDays(1), MetaFile.of(2, snap)), f.timestampKey));
    assertThatThrownBy(device::refresh).isInstanceOfSatisfying(VersionMismatchException.class, e -> {
      assertThat(e.role()).isEqualTo("targets");
      assertThat(e.expectedVersion()).isEqualTo(2);
      assertThat(e.foundVersion()).isEqualTo(1);
    });
  }

  @Test
  void maliciousMirror_snapshotBytesNotMatchingTheTimestampHashAreRefused() {
    f.publishSnapshotAndTimestamp();
    byte[] other = sign(SnapshotMetadata.of(2, inDays(6), Map.of()), f.snapshotKey);
    byte[] listed = f.metadataMirror.get("2.snapshot.json");
    f.metadataMirror.put("2.snapshot.json", java.util.Arrays.copyOf(other, listed.length));
    assertThatThrownBy(device::refresh)
        .isInstanceOfSatisfying(BadHashException.class, e -> assertThat(e.role()).isEqualTo("snapshot"));
  }

  @Test
  void keyCompromiseBelowThreshold_rootSignedByOneOfTwoRequiredKeysIsRefused() {
    f.metadataMirror.put("2.root.json", sign(f.rootBuilder(2).build(), f.root1));
    assertThatThrownBy(device::refresh).isInstanceOfSatisfying(ThresholdNotMetException.class, e -> {
      assertThat(e.role()).isEqualTo("root");
      assertThat(e.threshold()).isEqualTo(2);
      assertThat(e.validSignatures()).isEqualTo(1);
    });
  }

  @Test
  void signaturesBelowThreshold_targetsSignedByAnUntrustedKeyAreRefused() {
    Ed25519Signer mallory = TufFixture.key();
    f.repo.publishTargets("targets", TargetsMetadata.builder().version(2).expires(inDays(30)).build(), List.of(mallory));
    f.publishSnapshotAndTimestamp();
    assertThatThrownBy(device::refresh).isInstanceOfSatisfying(ThresholdNotMetException.class, e -> {
      assertThat(e.role()).isEqualTo("targets");
      assertThat(e.validSignatures()).isZero();
    });
  }

  @Test
  void revokedKey_timestampSignedWithTheKeyRotatedOutOfRootIsRefused() {
    Ed25519Signer oldTimestampKey = f.timestampKey;
    f.timestampKey = TufFixture.key();
    f.repo.publishRoot(f.rootBuilder(2).build(), List.of(f.root1, f.root2));
    f.publishSnapshotAndTimestamp();
    device.refresh(); // follows the rotation
    // the thief of the old timestamp key signs a newer timestamp
    MetaFile snap = MetaFile.of(2, f.metadataMirror.get("2.snapshot.json"));
    f.metadataMirror.put("timestamp.json", sign(TimestampMetadata.of(9, inDays(1), snap), oldTimestampKey));
    assertThatThrownBy(device::refresh)
        .isInstanceOfSatisfying(ThresholdNotMetException.class, e -> assertThat(e.role()).isEqualTo("timestamp"));
  }

  @Test
  void badRootChain_newRootNotSignedByTheOldThresholdIsRefused() {
    Ed25519Signer n1 = TufFixture.key();
    Ed25519Signer n2 = TufFixture.key();
    RootMetadata hijack = RootMetadata.builder().version(2).expires(inDays(365))
        .role("root", 2, TufFixture.keys(n1, n2))
        .role("targets", 1, TufFixture.keys(n1))
        .role("snapshot", 1, TufFixture.keys(n1))
        .role("timestamp", 1, TufFixture.keys(n1))
        .build();
    // self-consistent (signed by the new keys) and even carrying one old key: still below the old threshold
    f.metadataMirror.put("2.root.json", sign(hijack, n1, n2, f.root3));
    assertThatThrownBy(device::refresh).isInstanceOfSatisfying(ThresholdNotMetException.class, e -> {
      assertThat(e.role()).isEqualTo("root");
      assertThat(e.validSignatures()).isEqualTo(1);
    });
    assertThat(device.rootVersion()).isEqualTo(1);
  }

  @Test
  void delegationPathViolation_oemListingAnotherOemsPathIsRefused() {
    // OEM A's key publishes a build into OEM B's namespace
    f.publishOem("oem-a", f.oemA, 2, Map.of(A_MODEL, f.modelA, B_MODEL, "evil".getBytes(StandardCharsets.UTF_8)));
    f.publishSnapshotAndTimestamp();
    device.refresh();
    assertThatThrownBy(() -> device.findTarget(A_MODEL))
        .isInstanceOfSatisfying(DelegationPathViolationException.class, e -> {
          assertThat(e.role()).isEqualTo("oem-a");
          assertThat(e.targetPath()).isEqualTo(B_MODEL);
        });
    // and OEM B's path is still answered by OEM B alone
    assertThat(device.fetchTarget(device.findTarget(B_MODEL))).isEqualTo(f.modelB);
  }

  @Test
  void delegationPathViolation_pathOnlyAnUntrustedRoleListsIsNotFound() {
    f.publishOem("oem-a", f.oemA, 2, Map.of("oem-b/backdoor.gguf", "evil".getBytes(StandardCharsets.UTF_8)));
    f.publishSnapshotAndTimestamp();
    device.refresh();
    assertThatThrownBy(() -> device.findTarget("oem-b/backdoor.gguf")).isInstanceOf(TargetNotFoundException.class);
  }

  @Test
  void fastForwardRecovery_rotatingTheTimestampKeyForgetsTheInflatedTimestamp() {
    // a stolen timestamp key pushed the device to a huge version
    MetaFile snap = MetaFile.of(1, f.metadataMirror.get("1.snapshot.json"));
    byte[] inflated = sign(TimestampMetadata.of(1_000_000, inDays(1), snap), f.timestampKey);
    f.metadataMirror.put("timestamp.json", inflated);
    device.refresh();
    // the repository recovers by rotating the timestamp key in root (TUF §5.3.11)
    f.timestampKey = TufFixture.key();
    f.repo.publishRoot(f.rootBuilder(2).build(), List.of(f.root1, f.root2));
    f.publishSnapshotAndTimestamp();
    device.refresh();
    assertThat(device.fetchTarget(device.findTarget(A_MODEL))).isEqualTo(f.modelA);
  }

  @Test
  void malformedMetadataIsRefusedNotGuessed() {
    f.metadataMirror.put("timestamp.json", "{\"signed\":{\"_type\":\"snapshot\"},\"signatures\":[]}"
        .getBytes(StandardCharsets.UTF_8));
    assertThatThrownBy(device::refresh).isInstanceOf(MalformedMetadataException.class);
  }

  @Test
  void indefiniteFreeze_alreadyTrustedSnapshotThatExpiredIsRefused() {
    f.clock.advance(Duration.ofDays(8));
    f.repo.publishTimestamp(f.clock.instant().plus(Duration.ofDays(1)), List.of(f.timestampKey));
    f.sync();
    assertThatThrownBy(device::refresh)
        .isInstanceOfSatisfying(ExpiredMetadataException.class, e -> assertThat(e.role()).isEqualTo("snapshot"));
  }
}
