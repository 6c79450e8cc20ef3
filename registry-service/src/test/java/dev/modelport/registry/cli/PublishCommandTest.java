package dev.modelport.registry.cli;

import static dev.modelport.registry.support.Api.as;
import static dev.modelport.registry.support.Fixtures.appendChunk;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import dev.modelport.cli.Publish;
import dev.modelport.devstack.SampleGguf;
import dev.modelport.registry.support.Api;
import dev.modelport.registry.support.RealStack;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code ./modelport publish} against the running service, logged in as the OEM's CI service account. */
@QuarkusTest
@WithTestResource(RealStack.class)
class PublishCommandTest {

    @TempDir
    Path dir;

    private Path write(SampleGguf gguf) throws Exception {
        Path file = dir.resolve("weights-" + System.nanoTime() + ".gguf");
        try (InputStream in = gguf.open()) {
            Files.copy(in, file);
        }
        return file;
    }

    private static String run(String... args) throws Exception {
        Api.ensureSeeded();
        List<String> all = new ArrayList<>(List.of("--api", "http://localhost:" + RestAssured.port,
                "--realm", Api.realmUrl(), "--client-id", "orion-ci", "--client-secret", "orion-ci-dev-secret",
                "--chunk-size", "1M"));
        all.addAll(Arrays.asList(args));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int exit = Publish.run(all.toArray(String[]::new), new PrintStream(out, true, StandardCharsets.UTF_8), false);
        assertThat(exit).isZero();
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void ciServiceAccountUploadsInChunksAndPublishesInOneStep() throws Exception {
        String slug = Api.unique("ci-base");
        Path file = write(SampleGguf.of("llama", slug, 3 << 20, 7));
        String output = run("--model", "orion-mobile/" + slug, "--version", "1.0.0", "--file", file.toString(),
                "--create-model", "BASE", "--parameters", "1000000000", "--training-data", "CI corpus",
                "--publish");
        assertThat(output).contains("uploading " + file.getFileName(), "100.0%", "GGUF llama, 1 tensors",
                "orion-mobile/" + slug + "@1.0.0 is PUBLISHED");
        as("oem").get("/api/v1/models/orion-mobile/" + slug + "/versions/1.0.0").then().statusCode(200)
                .body("status", equalTo("PUBLISHED"))
                .body("trainingData", equalTo("CI corpus"))
                .body("artifacts[0].fileName", equalTo(file.getFileName().toString()));
    }

    @Test
    void anInterruptedUploadIsResumedByRunningPublishAgain() throws Exception {
        String slug = Api.unique("ci-resume");
        SampleGguf gguf = SampleGguf.of("llama", slug, 2 << 20, 9);
        Path file = write(gguf);
        // A previous run sent the first MiB before it was killed.
        String id = as("oem").body(Map.of("sha256", gguf.digest(), "size", gguf.size())).post("/api/v1/uploads")
                .then().statusCode(201).extract().path("id");
        appendChunk("oem", id, 0, Arrays.copyOf(Files.readAllBytes(file), 1 << 20)).then().statusCode(204);

        String output = run("--model", "orion-mobile/" + slug, "--version", "0.1.0", "--file", file.toString(),
                "--create-model", "BASE", "--parameters", "1000000000");
        assertThat(output).contains("resumed from byte " + (1 << 20), "registered draft 0.1.0",
                "orion-mobile/" + slug + "@0.1.0 is DRAFT");
        as("oem").get("/api/v1/uploads/" + id).then().body("status", equalTo("COMPLETE"));
    }
}
