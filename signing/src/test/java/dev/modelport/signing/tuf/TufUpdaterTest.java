package dev.modelport.signing.tuf;

import static dev.modelport.signing.tuf.TufFixture.A_MODEL;
import static dev.modelport.signing.tuf.TufFixture.B_MODEL;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The happy paths: fresh install, delegated targets, root rotation, nothing-changed refreshes. */
class TufUpdaterTest {
  private final TufFixture f = new TufFixture();

  @Test
  void freshDeviceFindsAndDownloadsAnOemBuildThroughItsDelegation() {
    TufUpdater device = f.device();
    device.refresh();
    TargetInfo a = device.findTarget(A_MODEL);
    assertThat(a.role()).isEqualTo("oem-a");
    assertThat(device.fetchTarget(a)).isEqualTo(f.modelA);
    assertThat(device.fetchTarget(device.findTarget(B_MODEL))).isEqualTo(f.modelB);
    assertThat(device.findTarget("platform/readme.txt").role()).isEqualTo("targets");
  }

  @Test
  void layoutIsWhatStandardTufClientsFetch() {
    assertThat(f.metadataMirror).containsKeys("root.json", "1.root.json", "timestamp.json", "1.snapshot.json",
        "1.targets.json", "1.oem-a.json", "1.oem-b.json");
    String root = new String(f.metadataMirror.get("1.root.json"), StandardCharsets.UTF_8);
    assertThat(root).contains("\"consistent_snapshot\":true", "\"spec_version\":\"1.0.31\"",
        "\"keytype\":\"ed25519\"", "\"scheme\":\"ed25519\"", "\"expires\":\"2026-01-01T00:00:00Z\"");
    String sha = TargetFile.of(f.modelA, null).hashes().get("sha256");
    assertThat(f.targetMirror).containsKey("oem-a/" + sha + ".assistant-q4_0.gguf");
  }

  @Test
  void followsARootRotationChainAndPersistsTheNewRoot() {
    f.repo.publishRoot(f.rootBuilder(2).build(), List.of(f.root1, f.root2));
    f.repo.publishRoot(f.rootBuilder(3).build(), List.of(f.root2, f.root3));
    f.sync();
    TufUpdater device = f.device();
    device.refresh();
    assertThat(device.rootVersion()).isEqualTo(3);
    // a reboot starts from the pinned v1 root but the store already holds v3
    TufUpdater rebooted = f.device();
    rebooted.refresh();
    assertThat(rebooted.rootVersion()).isEqualTo(3);
  }

  @Test
  void refreshWithNothingNewKeepsWorkingAndNewReleasesAppear() {
    TufUpdater device = f.device();
    device.refresh();
    device.refresh();
    byte[] v2 = "GGUF weights for oem-a, v2".getBytes(StandardCharsets.UTF_8);
    f.publishOem("oem-a", f.oemA, 2, Map.of(A_MODEL, v2));
    f.publishSnapshotAndTimestamp();
    device.refresh();
    assertThat(device.fetchTarget(device.findTarget(A_MODEL))).isEqualTo(v2);
  }

  @Test
  void terminatingDelegationHidesLaterRolesForItsPaths() {
    // oem-b also claims an oem-a path via a second, non-terminating delegation listed after oem-a
    TargetsMetadata top = TargetsMetadata.builder().version(2).expires(TufFixture.T0.plusSeconds(86400 * 90))
        .delegate("oem-a", TufFixture.keys(f.oemA), 1, List.of("oem-a/*"), true)
        .delegate("oem-b", TufFixture.keys(f.oemB), 1, List.of("oem-a/*", "oem-b/*"), false)
        .build();
    f.repo.publishTargets("targets", top, List.of(f.targetsKey));
    f.publishSnapshotAndTimestamp();
    TufUpdater device = f.device();
    device.refresh();
    assertThat(device.findTarget(A_MODEL).role()).isEqualTo("oem-a");
  }

  @Test
  void pathGlobsDoNotCrossDirectories() {
    assertThat(DelegatedRole.globMatches("oem-a/*", "oem-a/x.gguf")).isTrue();
    assertThat(DelegatedRole.globMatches("oem-a/*", "oem-a/sub/x.gguf")).isFalse();
    assertThat(DelegatedRole.globMatches("*.gguf", "oem-a/x.gguf")).isFalse();
    assertThat(DelegatedRole.globMatches("v-?.gguf", "v-2.gguf")).isTrue();
    assertThat(DelegatedRole.globMatches("a.b", "axb")).isFalse();
  }
}
