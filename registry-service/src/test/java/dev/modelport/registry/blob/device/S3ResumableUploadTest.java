package dev.modelport.registry.blob.device;

import static dev.modelport.registry.support.Api.as;
import static dev.modelport.registry.support.Fixtures.appendChunk;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import dev.modelport.devstack.SampleGguf;
import dev.modelport.registry.blob.BlobConfig;
import dev.modelport.registry.support.Api;
import dev.modelport.registry.support.RealStack;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/**
 * Resumable uploads with the S3 backend are staged in the bucket (a multipart upload, its state in PostgreSQL), so
 * an upload continues on whichever instance its next chunk reaches. A second instance is simulated: the instance's
 * whole local blob directory is wiped between chunks, which is everything another instance would not have (upload
 * state held in memory between requests: none). Parts are 5 MiB here (S3ProxyStack); chunks are deliberately not.
 */
@QuarkusTest
@WithTestResource(RealStack.class)
@WithTestResource(S3ProxyStack.class)
class S3ResumableUploadTest {

    private static final int MIB = 1024 * 1024;

    @Inject
    DataSource db;

    @Inject
    BlobConfig blobConfig;

    @Test
    void anUploadContinuesWithNoLocalStateBetweenChunks() throws Exception {
        SampleGguf gguf = SampleGguf.of("llama", Api.unique("s3up"), 14 * MIB + 4320, new Random().nextLong());
        byte[] bytes = gguf.bytes();
        String id = start(gguf.digest(), bytes.length);

        // 3 MiB (only a tail), 4 MiB (a first 5 MiB part and a 2 MiB tail), 6.5 MiB (a second part, a tail)...
        int[] ends = {3 * MIB, 7 * MIB, 13 * MIB + MIB / 2, bytes.length};
        int from = 0;
        for (int end : ends) {
            appendChunk("oem", id, from, Arrays.copyOfRange(bytes, from, end)).then().statusCode(204);
            assertThat(localFilesNaming(id)).isEmpty();
            wipeLocalBlobDirectory();
            assertThat(offset(id)).isEqualTo(end);
            from = end;
        }
        assertThat(stagedObjects(id)).isNotEmpty();

        as("oem").put("/api/v1/uploads/" + id + "/complete").then().statusCode(200)
                .body("status", equalTo("COMPLETE"));
        String hex = gguf.digest().substring("sha256:".length());
        try (InputStream stored = S3ProxyStack.objects.getObject(b -> b.bucket(S3ProxyStack.BUCKET)
                .key("blobs/sha256/" + hex))) {
            assertThat(sha256(stored)).isEqualTo(hex);
        }
        assertThat(stagedObjects(id)).isEmpty();
        assertThat(stagingRows(id)).isZero();
    }

    @Test
    void aBrokenChunkKeepsWhatArrivedAndTheUploadResumesThere() throws Exception {
        SampleGguf gguf = SampleGguf.of("llama", Api.unique("s3cut"), 8 * MIB, new Random().nextLong());
        byte[] bytes = gguf.bytes();
        String id = start(gguf.digest(), bytes.length);

        // The connection drops after 6 MiB + 123 bytes of the whole file: one part and a tail are kept.
        int sent = 6 * MIB + 123;
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
        Instant deadline = Instant.now().plus(Duration.ofSeconds(20));
        long held = offset(id);
        while (held < 5 * MIB && Instant.now().isBefore(deadline)) {
            Thread.sleep(200);
            held = offset(id);
        }
        assertThat(held).isGreaterThanOrEqualTo(5 * MIB).isLessThanOrEqualTo(sent);
        wipeLocalBlobDirectory();

        appendChunk("oem", id, held, Arrays.copyOfRange(bytes, (int) held, bytes.length)).then().statusCode(204);
        as("oem").put("/api/v1/uploads/" + id + "/complete").then().statusCode(200)
                .body("status", equalTo("COMPLETE"));
        String hex = gguf.digest().substring("sha256:".length());
        try (InputStream stored = S3ProxyStack.objects.getObject(b -> b.bucket(S3ProxyStack.BUCKET)
                .key("blobs/sha256/" + hex))) {
            assertThat(sha256(stored)).isEqualTo(hex);
        }
    }

    @Test
    void aWrongDigestLeavesNothingStagedOrStored() throws Exception {
        SampleGguf gguf = SampleGguf.of("llama", Api.unique("s3bad"), 7 * MIB, new Random().nextLong());
        byte[] bytes = gguf.bytes();
        String declared = "sha256:" + "0".repeat(64);
        String id = start(declared, bytes.length);
        appendChunk("oem", id, 0, Arrays.copyOfRange(bytes, 0, 6 * MIB)).then().statusCode(204);
        appendChunk("oem", id, 6 * MIB, Arrays.copyOfRange(bytes, 6 * MIB, bytes.length)).then().statusCode(204);

        as("oem").put("/api/v1/uploads/" + id + "/complete").then().statusCode(422)
                .body("code", equalTo("DIGEST_MISMATCH"));
        assertThat(stagedObjects(id)).isEmpty();
        assertThat(stagingRows(id)).isZero();
        assertThat(S3ProxyStack.objects.listMultipartUploads(b -> b.bucket(S3ProxyStack.BUCKET)
                .prefix("blobs/staging/" + id)).uploads()).isEmpty();
        assertThat(S3ProxyStack.objects.listObjectsV2(b -> b.bucket(S3ProxyStack.BUCKET)
                .prefix("blobs/sha256/" + "0".repeat(64))).contents()).isEmpty();
        as("oem").get("/api/v1/uploads/" + id).then().body("status", equalTo("FAILED"));
    }

    private static String start(String digest, long size) {
        return as("oem").body(Map.of("sha256", digest, "size", size)).post("/api/v1/uploads").then()
                .statusCode(201).extract().path("id");
    }

    private static long offset(String id) {
        return Long.parseLong(as("oem").head("/api/v1/uploads/" + id).then().statusCode(200).extract()
                .header("Upload-Offset"));
    }

    private static List<String> stagedObjects(String id) {
        return S3ProxyStack.objects.listObjectsV2(b -> b.bucket(S3ProxyStack.BUCKET).prefix("blobs/staging/" + id))
                .contents().stream().map(o -> o.key()).toList();
    }

    private long stagingRows(String id) throws Exception {
        try (Connection c = db.getConnection();
             PreparedStatement s = c.prepareStatement("SELECT count(*) FROM upload_s3_staging "
                     + "WHERE upload_id = ?::uuid")) {
            s.setString(1, id);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private List<Path> localFilesNaming(String id) throws IOException {
        if (!Files.exists(blobConfig.dir())) {
            return List.of();
        }
        try (Stream<Path> files = Files.walk(blobConfig.dir())) {
            return files.filter(p -> p.getFileName().toString().contains(id)).toList();
        }
    }

    /**
     * Every file this instance keeps on local disk goes, as if the next chunk reached another instance (a fresh one
     * has the same empty directories): all but the cache of working copies of finished blobs, which other tests in
     * this app may use.
     */
    private void wipeLocalBlobDirectory() throws IOException {
        if (!Files.exists(blobConfig.dir())) {
            return;
        }
        Path cache = blobConfig.dir().resolve("working-copies");
        try (Stream<Path> files = Files.walk(blobConfig.dir())) {
            for (Path p : files.filter(Files::isRegularFile).toList()) {
                if (!p.startsWith(cache)) {
                    Files.deleteIfExists(p);
                }
            }
        }
    }

    private static String sha256(InputStream in) throws Exception {
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        byte[] buffer = new byte[1 << 16];
        int n;
        while ((n = in.read(buffer)) != -1) {
            sha.update(buffer, 0, n);
        }
        return HexFormat.of().formatHex(sha.digest());
    }
}
