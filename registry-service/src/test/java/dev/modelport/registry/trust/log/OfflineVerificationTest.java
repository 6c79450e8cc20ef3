package dev.modelport.registry.trust.log;

import static dev.modelport.registry.support.Api.as;
import static dev.modelport.registry.trust.TrustFixtures.member;
import static org.assertj.core.api.Assertions.assertThat;

import dev.modelport.cli.Verify;
import dev.modelport.registry.org.OrgView;
import dev.modelport.registry.support.RealStack;
import dev.modelport.registry.trust.KeyCustody;
import dev.modelport.registry.trust.TrustFixtures;
import dev.modelport.registry.trust.TrustKeyService;
import dev.modelport.signing.intoto.BuildProvenance;
import dev.modelport.signing.intoto.Statement;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Bundles served by the running service verify with the offline verifier and nothing but the pinned root. */
@QuarkusTest
@WithTestResource(RealStack.class)
class OfflineVerificationTest {

    @Inject
    TransparencyLog log;

    @Inject
    TrustKeyService keys;

    @Inject
    TrustFixtures fixtures;

    private static Statement provenance(byte[] build) throws Exception {
        String sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(build));
        return BuildProvenance.builder().input("acme-ai/base.gguf", "ab".repeat(32)).tool("modelport-quantize", "1")
                .recipe("quantization", "Q4_0").output("orion-mobile/build-" + UUID.randomUUID() + ".gguf", sha)
                .build().toStatement();
    }

    /** Fetches the entry's bundle and the root, runs the verifier on the bundle (or on {@code buildFile}). */
    private static String verify(Path dir, LogEntry entry, String... buildFile) throws Exception {
        Path bundle = Files.write(dir.resolve("bundle.json"), as("regulator").queryParam("leafHash", entry.leafHash())
                .get("/api/v1/log/bundle").then().statusCode(200).extract().asByteArray());
        Path root = Files.write(dir.resolve("root.json"), TrustFixtures.get("/device/v1/tuf/root.json"));
        List<String> args = new ArrayList<>();
        if (buildFile.length > 0) {
            args.addAll(List.of(buildFile[0], "--provenance", bundle.toString()));
        } else {
            args.add(bundle.toString());
        }
        args.addAll(List.of("--root", root.toString()));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrintStream print = new PrintStream(out, true, StandardCharsets.UTF_8);
        int code = Verify.run(args.toArray(String[]::new), print, print);
        return code + "\n" + out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void aPlatformStatementAndItsBuildFileVerifyOffline() throws Exception {
        Path dir = Files.createTempDirectory("offline");
        byte[] build = ("GGUF build " + UUID.randomUUID()).getBytes(StandardCharsets.UTF_8);
        LogEntry entry = log.signAndAppend(provenance(build));

        String bundleResult = verify(dir, entry);
        assertThat(bundleResult).startsWith("0\n").contains("the statement is entry " + entry.index());

        Path file = Files.write(dir.resolve("build.gguf"), build);
        assertThat(verify(dir, entry, file.toString())).startsWith("0\n")
                .contains("the build file's sha256 is the subject");
        Path other = Files.write(dir.resolve("other.gguf"), "GGUF other".getBytes(StandardCharsets.UTF_8));
        assertThat(verify(dir, entry, other.toString())).startsWith("1\n");
    }

    @Test
    void anOemSignedStatementVerifiesThroughTheLoggedKeyEvent() throws Exception {
        OrgView oem = fixtures.newOem();
        keys.registerOemKey(member(oem), oem.slug(), KeyCustody.PLATFORM, null);
        LogEntry entry = log.append(provenance("GGUF oem".getBytes(StandardCharsets.UTF_8))
                .sign(keys.oemSigner(oem.id()).orElseThrow()));

        assertThat(verify(Files.createTempDirectory("offline"), entry)).startsWith("0\n")
                .contains("(" + oem.slug() + ", oem; introduced by a root-signed key event");
    }
}
