package dev.modelport.ota;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.modelport.ota.testing.FakeRegistry;
import dev.modelport.ota.testing.FakeTufRepo;
import dev.modelport.ota.testing.TestDevices;
import dev.modelport.ota.testing.TestModels;
import dev.modelport.signing.key.Ed25519Signer;
import dev.modelport.signing.tuf.MetaFile;
import dev.modelport.signing.tuf.RootMetadata;
import dev.modelport.signing.tuf.Signed;
import dev.modelport.signing.tuf.SignedMetadata;
import dev.modelport.signing.tuf.SnapshotMetadata;
import dev.modelport.signing.tuf.TimestampMetadata;
import dev.modelport.signing.tuf.TargetsMetadata;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The attacks TUF defends against (TUF spec §1.5.2 and the DESIGN's list), played against a
 * device that runs build A by a malicious mirror: {@link FakeRegistry} serving tampered TUF
 * metadata from {@link FakeTufRepo#mirror} or tampered blobs. registry-service does not exist
 * yet; the fake implements the proposed wire protocol and publishes metadata with signing's
 * RepositoryBuilder. Every attack is refused with its own {@link FailureCode}, reported as FAILED
 * with that reason, and A keeps serving on its real llama.cpp worker.
 *
 * <p>One device for the whole class (starting llama.cpp workers per attack would be slow); after
 * each attack the mirror is reset to what the honest repository publishes, with newer versions.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MaliciousMirrorTest {
  private Path state;
  private FakeRegistry reg;
  private OtaClient client;
  private Path a;
  private Path b;
  private String pathB;

  @BeforeAll
  void deviceRunsA() throws Exception {
    state = Files.createTempDirectory("ota-attacks");
    reg = new FakeRegistry();
    a = TestModels.buildA();
    b = TestModels.buildB();
    client = TestDevices.builder(reg, state).build();
    reg.offer(reg.publish("a.gguf", a, 1), a);
    assertThat(client.checkIn().result()).isEqualTo(CheckInOutcome.Result.INSTALLED);
    pathB = reg.publish("b.gguf", b, 1);
  }

  @AfterAll
  void close() {
    client.close();
    reg.close();
  }

  @AfterEach
  void honestMirrorAgain() {
    reg.blobMode = FakeRegistry.BlobMode.NORMAL;
    FakeTufRepo t = reg.tuf;
    t.oemTargets.keySet().removeIf(p -> !p.startsWith(FakeTufRepo.OEM + "/"));
    t.publishOem();
    for (int i = 0; i < 4; i++) {
      t.publishSnapshotAndTimestamp(); // past any version an attack forged
    }
    t.mirror.clear();
    t.sync();
  }

  /** Offers B, expects a refusal with {@code code}, and checks that A still serves. */
  private void refused(FailureCode code) throws Exception {
    reg.offer(pathB, b);
    refusedAsOffered(code);
  }

  private void refusedAsOffered(FailureCode code) throws Exception {
    int before = reg.reportsOf("FAILED").size();
    CheckInOutcome o = client.checkIn();
    assertThat(o.result()).as(o.detail()).isEqualTo(CheckInOutcome.Result.FAILED);
    assertThat(o.detail()).startsWith(code.name() + ": ");
    assertThat(client.inference().active().buildDigest()).isEqualTo(TestModels.digest(a));
    CompletionResult r = client.inference().complete(CompletionRequest.greedy("Hello", 4), TokenListener.NONE);
    assertThat(r.buildDigest()).isEqualTo(TestModels.digest(a));
    List<JsonNode> failed = reg.reportsOf("FAILED");
    assertThat(failed).hasSizeGreaterThan(before);
    assertThat(failed.get(failed.size() - 1).path("reason").asText()).startsWith(code.name() + ": ");
    assertThat(Files.size(state.resolve("slots").resolve(client.status().activeSlot())
        .resolve(TestModels.digest(a).substring(7) + ".gguf"))).isEqualTo(Files.size(a));
  }

  /** Lets the device trust the current honest metadata (the install then fails for an unrelated reason). */
  private void deviceSeesCurrentMetadata() throws Exception {
    ObjectNode offer = offerFor(pathB, b);
    ((ObjectNode) offer.get("target")).put("length", 1); // check-in disagrees with the signed target
    reg.offerRaw(offer);
    assertThat(client.checkIn().detail()).startsWith(FailureCode.TARGET_MISMATCH.name());
  }

  private static ObjectNode offerFor(String path, Path file) {
    ObjectNode o = new com.fasterxml.jackson.databind.ObjectMapper().createObjectNode();
    o.put("action", "UPDATE").put("nextPollSeconds", 1);
    o.putObject("tuf").put("repository", FakeRegistry.TUF_PREFIX).put("targetPath", path);
    o.putObject("target").put("digest", TestModels.digest(file)).put("length", file.toFile().length());
    return o;
  }

  private static <T extends Signed> byte[] sign(T md, Ed25519Signer... signers) {
    return SignedMetadata.sign(md, List.of(signers)).bytes();
  }

  private static Instant in(Duration d) {
    return Instant.now().plus(d);
  }

  private TimestampMetadata currentTimestamp() {
    return SignedMetadata.parseTimestamp(reg.tuf.mirror.get("timestamp.json")).signed();
  }

  // ---- the target ----

  @Test
  void arbitrarySoftware_blobWithTheSignedLengthButOtherBytesIsRefused() throws Exception {
    reg.blobMode = FakeRegistry.BlobMode.WRONG_BYTES;
    refused(FailureCode.TARGET_BAD_HASH);
    assertThat(client.status().stagingDigests()).isEmpty(); // the poisoned staging file is gone
  }

  @Test
  void endlessData_blobThatGoesOnPastTheSignedLengthIsCutOff() throws Exception {
    reg.blobMode = FakeRegistry.BlobMode.ENDLESS;
    refused(FailureCode.TARGET_BAD_LENGTH);
    assertThat(reg.bytesServed(TestModels.digest(b))).isLessThan(16L << 20); // far less than the 64 MiB offered
  }

  @Test
  void wrongLength_answerStatingALongerBlobIsRefused() throws Exception {
    reg.blobMode = FakeRegistry.BlobMode.LONGER;
    refused(FailureCode.TARGET_BAD_LENGTH);
  }

  @Test
  void checkInNamingADifferentDigestThanTheSignedTargetIsRefused() throws Exception {
    reg.offerRaw(offerFor(pathB, TestModels.buildC())); // B's path, another build's digest
    refusedAsOffered(FailureCode.TARGET_MISMATCH);
  }

  @Test
  void buildSignedForOtherDeviceClassesIsRefused() throws Exception {
    String path = reg.tuf.addBuild("other-class.gguf", b, 1, List.of("dc-other"));
    reg.offer(path, b);
    refusedAsOffered(FailureCode.DEVICE_CLASS_INCOMPATIBLE);
  }

  @Test
  void antiRollback_buildWithALowerCounterThanTheDeviceRunsIsRefused() throws Exception {
    String path = reg.tuf.addBuild("old-security-epoch.gguf", b, 0, List.of(FakeTufRepo.DEVICE_CLASS));
    reg.offer(path, b);
    refusedAsOffered(FailureCode.ANTI_ROLLBACK);
  }

  // ---- the metadata ----

  @Test
  void rollback_replayedOlderTimestampIsRefused() throws Exception {
    byte[] old = reg.tuf.mirror.get("timestamp.json");
    reg.tuf.publishSnapshotAndTimestamp();
    deviceSeesCurrentMetadata();
    reg.tuf.mirror.put("timestamp.json", old);
    refused(FailureCode.TUF_ROLLBACK);
  }

  @Test
  void indefiniteFreeze_expiredTimestampIsRefused() throws Exception {
    reg.tuf.repo.publishTimestamp(Instant.now().minusSeconds(60), List.of(reg.tuf.timestampKey));
    reg.tuf.sync();
    refused(FailureCode.TUF_EXPIRED);
  }

  @Test
  void mixAndMatch_delegatedTargetsOfAnotherVersionThanTheSnapshotNamesIsRefused() throws Exception {
    FakeTufRepo t = reg.tuf;
    TimestampMetadata ts = currentTimestamp();
    int snapshotVersion = ts.snapshot().version() + 1;
    int oemNext = t.oemVersion + 1;
    // a snapshot (without hashes) naming oem-a v(n+1), but the mirror serves the old v(n) file under that name
    Map<String, MetaFile> meta = Map.of("targets.json", new MetaFile(1, null, null),
        FakeTufRepo.OEM + ".json", new MetaFile(oemNext, null, null));
    byte[] snap = sign(SnapshotMetadata.of(snapshotVersion, in(Duration.ofDays(7)), meta), t.snapshotKey);
    t.mirror.put(snapshotVersion + ".snapshot.json", snap);
    t.mirror.put(oemNext + "." + FakeTufRepo.OEM + ".json", t.mirror.get(t.oemVersion + "." + FakeTufRepo.OEM + ".json"));
    t.mirror.put("timestamp.json", sign(TimestampMetadata.of(ts.version() + 1, in(Duration.ofDays(1)),
        MetaFile.of(snapshotVersion, snap)), t.timestampKey));
    refused(FailureCode.TUF_VERSION_MISMATCH);
  }

  @Test
  void maliciousMirror_snapshotNotMatchingTheTimestampHashIsRefused() throws Exception {
    FakeTufRepo t = reg.tuf;
    t.publishSnapshotAndTimestamp();
    TimestampMetadata ts = currentTimestamp();
    String name = ts.snapshot().version() + ".snapshot.json";
    byte[] listed = t.mirror.get(name);
    byte[] other = sign(SnapshotMetadata.of(ts.snapshot().version(), in(Duration.ofDays(6)), Map.of()), t.snapshotKey);
    t.mirror.put(name, java.util.Arrays.copyOf(other, listed.length));
    refused(FailureCode.TUF_BAD_HASH);
  }

  @Test
  void keyCompromiseBelowThreshold_rootSignedByOneOfTwoRequiredKeysIsRefused() throws Exception {
    FakeTufRepo t = reg.tuf;
    t.mirror.put((t.rootVersion + 1) + ".root.json", sign(t.rootBuilder(t.rootVersion + 1).build(), t.root1));
    refused(FailureCode.TUF_THRESHOLD_NOT_MET);
  }

  @Test
  void belowThreshold_delegatedTargetsSignedByAnUntrustedKeyAreRefused() throws Exception {
    FakeTufRepo t = reg.tuf;
    Ed25519Signer mallory = FakeTufRepo.key();
    TargetsMetadata.Builder evil = TargetsMetadata.builder().version(++t.oemVersion).expires(in(Duration.ofDays(30)));
    t.oemTargets.forEach(evil::target);
    t.repo.publishTargets(FakeTufRepo.OEM, evil.build(), List.of(mallory));
    t.publishSnapshotAndTimestamp();
    refused(FailureCode.TUF_THRESHOLD_NOT_MET);
  }

  @Test
  void rotatedOutKey_timestampSignedWithTheOldKeyIsRefused() throws Exception {
    FakeTufRepo t = reg.tuf;
    Ed25519Signer oldTimestampKey = t.timestampKey;
    t.timestampKey = FakeTufRepo.key();
    t.rootVersion++;
    t.publishRoot(t.rootBuilder(t.rootVersion).build(), List.of(t.root1, t.root2));
    t.publishSnapshotAndTimestamp();
    deviceSeesCurrentMetadata(); // the device follows the rotation
    TimestampMetadata ts = currentTimestamp();
    t.mirror.put("timestamp.json", sign(TimestampMetadata.of(ts.version() + 50, in(Duration.ofDays(1)), ts.snapshot()),
        oldTimestampKey));
    refused(FailureCode.TUF_THRESHOLD_NOT_MET);
  }

  @Test
  void badRootChain_newRootNotSignedByTheOldThresholdIsRefused() throws Exception {
    FakeTufRepo t = reg.tuf;
    Ed25519Signer n1 = FakeTufRepo.key();
    Ed25519Signer n2 = FakeTufRepo.key();
    RootMetadata hijack = RootMetadata.builder().version(t.rootVersion + 1).expires(in(Duration.ofDays(365)))
        .role("root", 2, List.of(n1.publicKey(), n2.publicKey()))
        .role("targets", 1, List.of(n1.publicKey()))
        .role("snapshot", 1, List.of(n1.publicKey()))
        .role("timestamp", 1, List.of(n1.publicKey()))
        .build();
    t.mirror.put((t.rootVersion + 1) + ".root.json", sign(hijack, n1, n2, t.root3));
    refused(FailureCode.TUF_THRESHOLD_NOT_MET);
  }

  @Test
  void delegationPathViolation_oemRoleListingAPathOutsideItsDelegationIsRefused() throws Exception {
    FakeTufRepo t = reg.tuf;
    t.oemTargets.put("oem-b/backdoor.gguf", FakeTufRepo.targetFile(b, 9, List.of(FakeTufRepo.DEVICE_CLASS)));
    t.publishOem();
    t.publishSnapshotAndTimestamp();
    refused(FailureCode.TUF_DELEGATION_VIOLATION);
  }
}
