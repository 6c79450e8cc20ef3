package dev.modelport.registry.blob;

import static dev.modelport.registry.support.Api.as;
import static dev.modelport.registry.support.Fixtures.appendChunk;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import dev.modelport.devstack.SampleGguf;
import dev.modelport.registry.support.Api;
import dev.modelport.registry.support.RealStack;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import jakarta.inject.Inject;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/** Resumable uploads: interruption and resume, digest verification, GGUF validation, tenancy. */
@QuarkusTest
@WithTestResource(RealStack.class)
class UploadTest {

    @Inject
    DataSource db;

    @ConfigProperty(name = "modelport.blobs.dir")
    Path blobs;

    private static String start(String user, String digest, long size) {
        return as(user).body(Map.of("sha256", digest, "size", size)).post("/api/v1/uploads").then().statusCode(201)
                .extract().path("id");
    }

    private static long offset(String user, String id) {
        return Long.parseLong(as(user).head("/api/v1/uploads/" + id).then().statusCode(200).extract()
                .header("Upload-Offset"));
    }

    private boolean blobStored(String digest) throws Exception {
        Path file = blobs.resolve("sha256").resolve(digest.substring(7, 9)).resolve(digest.substring(7));
        try (Connection c = db.getConnection();
             PreparedStatement s = c.prepareStatement("SELECT count(*) FROM blob WHERE digest = ?")) {
            s.setString(1, digest);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getLong(1) > 0 || Files.exists(file);
            }
        }
    }

    @Test
    void anInterruptedUploadResumesFromTheServersOffset() throws Exception {
        SampleGguf gguf = SampleGguf.of("llama", Api.unique("resume"), 3 << 20, System.nanoTime());
        byte[] bytes = gguf.bytes();
        String id = start("oem", gguf.digest(), bytes.length);

        // The client announces the whole file but the connection drops after 1 MiB + 123 bytes.
        int sent = (1 << 20) + 123;
        try (Socket socket = new Socket("localhost", RestAssured.port)) {
            OutputStream out = socket.getOutputStream();
            out.write(("PATCH /api/v1/uploads/" + id + " HTTP/1.1\r\nHost: localhost\r\n"
                    + "Authorization: Bearer " + Api.token("oem") + "\r\n"
                    + "Content-Type: application/offset+octet-stream\r\nUpload-Offset: 0\r\n"
                    + "Content-Length: " + bytes.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.write(bytes, 0, sent);
            out.flush();
            Thread.sleep(500);
        }
        // The server keeps what it had read when the connection broke, durably, and says how much that is.
        Instant deadline = Instant.now().plus(Duration.ofSeconds(10));
        long held = offset("oem", id);
        while (held == 0 && Instant.now().isBefore(deadline)) {
            Thread.sleep(100);
            held = offset("oem", id);
        }
        assertThat(held).isPositive().isLessThanOrEqualTo(sent);

        // A chunk at the wrong offset is refused; the right one continues.
        appendChunk("oem", id, 0, Arrays.copyOfRange(bytes, 0, 10)).then().statusCode(409)
                .body("code", equalTo("UPLOAD_OFFSET_MISMATCH"))
                .body("detail", containsString("resume from " + held));
        appendChunk("oem", id, held, Arrays.copyOfRange(bytes, (int) held, bytes.length)).then().statusCode(204)
                .header("Upload-Offset", String.valueOf(bytes.length));
        as("oem").put("/api/v1/uploads/" + id + "/complete").then().statusCode(200)
                .body("status", equalTo("COMPLETE"))
                .body("blob.architecture", equalTo("llama"))
                .body("blob.tensorCount", equalTo(1));
        as("oem").get("/api/v1/blobs/" + gguf.digest()).then().statusCode(200)
                .body("tensors[0].name", equalTo("weights"))
                .body("tensors[0].type", equalTo("F32"))
                .body("tensors[0].shape[0]", equalTo((3 << 20) / 4));
    }

    @Test
    void startingAgainFindsTheOpenSessionOfTheSameFile() {
        SampleGguf gguf = SampleGguf.small("llama", Api.unique("again"));
        String id = start("oem", gguf.digest(), gguf.size());
        appendChunk("oem", id, 0, Arrays.copyOf(gguf.bytes(), 100)).then().statusCode(204);
        as("oem").body(Map.of("sha256", gguf.digest(), "size", gguf.size())).post("/api/v1/uploads").then()
                .statusCode(200).body("id", equalTo(id)).body("committed", equalTo(100));
    }

    @Test
    void aWrongDigestStoresNothing() throws Exception {
        SampleGguf gguf = SampleGguf.small("llama", Api.unique("liar"));
        String claimed = SampleGguf.small("llama", Api.unique("other")).digest();
        String id = start("oem", claimed, gguf.size());
        appendChunk("oem", id, 0, gguf.bytes()).then().statusCode(204);
        as("oem").put("/api/v1/uploads/" + id + "/complete").then().statusCode(422)
                .contentType("application/problem+json")
                .body("code", equalTo("DIGEST_MISMATCH"))
                .body("detail", containsString(gguf.digest()));
        assertThat(blobStored(claimed)).isFalse();
        assertThat(blobStored(gguf.digest())).isFalse();
        assertThat(blobs.resolve("staging").resolve(id + ".part")).doesNotExist();
        as("oem").get("/api/v1/uploads/" + id).then().body("status", equalTo("FAILED"));
        appendChunk("oem", id, 0, gguf.bytes()).then().statusCode(409).body("code", equalTo("UPLOAD_CLOSED"));
    }

    @Test
    void aFileThatIsNotGgufIsRefused() throws Exception {
        byte[] text = ("Not weights at all " + UUID.randomUUID()).getBytes(StandardCharsets.UTF_8);
        String digest = "sha256:" + java.util.HexFormat.of().formatHex(
                java.security.MessageDigest.getInstance("SHA-256").digest(text));
        String id = start("oem", digest, text.length);
        appendChunk("oem", id, 0, text).then().statusCode(204);
        as("oem").put("/api/v1/uploads/" + id + "/complete").then().statusCode(422)
                .body("code", equalTo("NOT_GGUF"))
                .body("detail", containsString("BAD_MAGIC"));
        assertThat(blobStored(digest)).isFalse();
    }

    @Test
    void aTruncatedGgufIsRefusedWithTheReason() throws Exception {
        SampleGguf gguf = SampleGguf.small("llama", Api.unique("cut"));
        byte[] cut = Arrays.copyOf(gguf.bytes(), (int) gguf.size() - 100);
        String digest = "sha256:" + java.util.HexFormat.of().formatHex(
                java.security.MessageDigest.getInstance("SHA-256").digest(cut));
        String id = start("oem", digest, cut.length);
        appendChunk("oem", id, 0, cut).then().statusCode(204);
        as("oem").put("/api/v1/uploads/" + id + "/complete").then().statusCode(422)
                .body("code", equalTo("NOT_GGUF"))
                .body("detail", containsString("OUT_OF_BOUNDS: tensor 'weights'"));
    }

    @Test
    void moreBytesThanDeclaredAreRefused() {
        SampleGguf gguf = SampleGguf.small("llama", Api.unique("long"));
        String id = start("oem", gguf.digest(), 10);
        appendChunk("oem", id, 0, gguf.bytes()).then().statusCode(413);
        assertThat(offset("oem", id)).isZero();
    }

    @Test
    void completingEarlyIsRefused() {
        SampleGguf gguf = SampleGguf.small("llama", Api.unique("early"));
        String id = start("oem", gguf.digest(), gguf.size());
        as("oem").put("/api/v1/uploads/" + id + "/complete").then().statusCode(409)
                .body("code", equalTo("UPLOAD_INCOMPLETE"));
    }

    @Test
    void anotherOrganisationsUploadDoesNotExistForYou() {
        SampleGguf gguf = SampleGguf.small("llama", Api.unique("mine"));
        String id = start("oem", gguf.digest(), gguf.size());
        as("oem2").get("/api/v1/uploads/" + id).then().statusCode(404);
        appendChunk("oem2", id, 0, gguf.bytes()).then().statusCode(404);
        as("oem2").put("/api/v1/uploads/" + id + "/complete").then().statusCode(404);
        as("regulator").body(Map.of("sha256", gguf.digest(), "size", 5)).post("/api/v1/uploads").then()
                .statusCode(403);
    }

    @Test
    void jsonBodiesStayLimitedEvenThoughUploadChunksMayBeHuge() {
        String big = "x".repeat(2 << 20);
        as("vendor").body(Map.of("slug", "big", "name", big)).post("/api/v1/models").then().statusCode(413)
                .body("code", equalTo("PAYLOAD_TOO_LARGE"));
    }
}
