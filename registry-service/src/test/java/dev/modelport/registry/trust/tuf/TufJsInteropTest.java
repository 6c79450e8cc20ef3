package dev.modelport.registry.trust.tuf;

import static dev.modelport.registry.trust.TrustFixtures.baseUrl;
import static dev.modelport.registry.trust.TrustFixtures.member;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.modelport.registry.org.OrgView;
import dev.modelport.registry.support.RealStack;
import dev.modelport.registry.trust.KeyCustody;
import dev.modelport.registry.trust.KeyRole;
import dev.modelport.registry.trust.TrustFixtures;
import dev.modelport.registry.trust.TrustKeyService;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Interoperability with the standard npm TUF client: tuf-js, pinned to an older root, follows a key rotation,
 * refreshes a channel's metadata from the running service, resolves a target through the OEM delegation, and
 * downloads and verifies it. tuf-js is installed from the npm registry on first run into target/tufjs.
 */
@QuarkusTest
@WithTestResource(RealStack.class)
class TufJsInteropTest {

    private static final Path TUFJS = Path.of("target", "tufjs").toAbsolutePath();

    @Inject
    TufRepositoryService tuf;

    @Inject
    TrustKeyService keys;

    @Inject
    TrustFixtures fixtures;

    @Test
    void tufJsFollowsARootRotationAndDownloadsAVerifiedTarget() throws Exception {
        installTufJs();
        Path work = Files.createTempDirectory("tufjs-run");
        Path pinned = work.resolve("pinned-root.json");
        Files.write(pinned, TrustFixtures.get("/device/v1/tuf/root.json"));

        OrgView oem = fixtures.newOem();
        keys.registerOemKey(member(oem), oem.slug(), KeyCustody.PLATFORM, null);
        byte[] content = "GGUF interop weights \u00e9".getBytes(StandardCharsets.UTF_8);
        String path = oem.slug() + "/assistant-q4_0.gguf";
        tuf.publishTargets(oem.slug() + "/stable", List.of(TufTarget.inline(path, content, null)));
        // A key rotation after the phone pinned its root: the client must walk N+1.root.json.
        String timestampKey = keys.keysOf(KeyRole.TIMESTAMP).stream()
                .filter(k -> k.status() == dev.modelport.registry.trust.KeyStatus.ACTIVE).findFirst().orElseThrow()
                .keyId();
        keys.rotate(TrustFixtures.admin(), timestampKey, "interop test rotation", null);

        String base = baseUrl() + "/device/v1/tuf/" + oem.slug() + "/stable";
        JsonNode out = runNode(base, base + "/targets", pinned, work.resolve("client"), path);

        assertThat(out.path("ok").asBoolean()).as(out.toString()).isTrue();
        assertThat(out.path("length").asInt()).isEqualTo(content.length);
        assertThat(out.path("sha256").asText())
                .isEqualTo(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content)));
        assertThat(out.path("rootVersion").asInt()).isGreaterThan(
                new ObjectMapper().readTree(pinned.toFile()).path("signed").path("version").asInt());
    }

    private static void installTufJs() throws IOException, InterruptedException {
        if (Files.exists(TUFJS.resolve("node_modules/tuf-js/package.json"))) {
            return;
        }
        Process p = new ProcessBuilder("npm", "install", "--prefix", TUFJS.toString(), "--no-audit", "--no-fund",
                "--loglevel=error", "tuf-js@6").redirectErrorStream(true).start();
        String log = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(5, TimeUnit.MINUTES)).as("npm install tuf-js finished").isTrue();
        assertThat(p.exitValue()).as("npm install tuf-js: " + log).isZero();
    }

    private static JsonNode runNode(String metadataBase, String targetBase, Path root, Path work, String target)
            throws IOException, InterruptedException {
        Path script = Path.of("src", "test", "resources", "tufjs", "refresh-and-download.js").toAbsolutePath();
        ProcessBuilder pb = new ProcessBuilder("node", script.toString(), metadataBase, targetBase, root.toString(),
                work.toString(), target);
        pb.environment().put("NODE_PATH", TUFJS.resolve("node_modules").toString());
        pb.redirectError(ProcessBuilder.Redirect.INHERIT);
        Process p = pb.start();
        String stdout = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        assertThat(p.waitFor(2, TimeUnit.MINUTES)).as("tuf-js finished").isTrue();
        String last = stdout.substring(stdout.lastIndexOf('\n') + 1);
        return new ObjectMapper().readTree(last);
    }
}
