package dev.modelport.registry.blob.device;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import dev.modelport.devstack.SampleGguf;
import dev.modelport.ota.DeviceApi;
import dev.modelport.ota.internal.http.Http;
import dev.modelport.ota.internal.http.HttpDeviceApi;
import dev.modelport.registry.blob.BlobConfig;
import dev.modelport.registry.support.Api;
import dev.modelport.registry.support.Fixtures;
import dev.modelport.registry.support.RealStack;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.URL;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Phones download builds of their OEM over {@code /device/v1/blobs} from the filesystem store: Range resume,
 * multiple ranges, 416, ETag/304, HEAD, tenancy, and that bytes which no longer match their digest never leave.
 */
@QuarkusTest
@WithTestResource(RealStack.class)
class DeviceBlobDownloadTest {

    @Inject
    DataSource db;

    @Inject
    BlobConfig blobConfig;

    @TestHTTPResource("/")
    URL server;

    private byte[] bytes;
    private String digest;
    private String phone;

    /** Each test has its own ~600 KB build output of orion-mobile and its own phone of that OEM. */
    @BeforeEach
    void build() {
        SampleGguf gguf = SampleGguf.of("llama", Api.unique("dl"), 600_000, new Random().nextLong());
        bytes = gguf.bytes();
        digest = Fixtures.upload("oem", bytes, gguf.digest());
        BuildRows.readyBuild(db, "orion-mobile", digest, bytes.length);
        phone = DevicePhones.tokenOfNewPhone("oem");
    }

    private String url() {
        return "/device/v1/blobs/" + digest;
    }

    @Test
    void wholeBlobComesWithStrongEtagAndImmutableCaching() {
        Response r = given().auth().oauth2(phone).get(url());
        r.then().statusCode(200).header("ETag", "\"" + digest + "\"")
                .header("Cache-Control", "public, max-age=31536000, immutable").header("Accept-Ranges", "bytes")
                .header("Content-Length", String.valueOf(bytes.length));
        assertThat(r.asByteArray()).isEqualTo(bytes);
    }

    @Test
    void downloadInterruptedAtRandomPointsAndResumedWithRangeIsIdentical() throws IOException {
        ByteArrayOutputStream assembled = new ByteArrayOutputStream();
        Random random = new Random(7);
        while (assembled.size() < bytes.length) {
            long from = assembled.size();
            HttpURLConnection c = open("bytes=" + from + "-" + (bytes.length - 1));
            assertThat(c.getResponseCode()).isEqualTo(206);
            assertThat(c.getHeaderField("Content-Range")).isEqualTo(
                    "bytes " + from + "-" + (bytes.length - 1) + "/" + bytes.length);
            // The connection drops after a random number of bytes, as on a phone losing its network.
            int cut = 1 + random.nextInt(200_000);
            try (InputStream in = c.getInputStream()) {
                byte[] chunk = in.readNBytes(cut);
                assembled.write(chunk);
            }
            c.disconnect();
        }
        assertThat(assembled.toByteArray()).isEqualTo(bytes);
    }

    @Test
    void suffixAndOpenEndedRangesAreClippedToTheBlob() {
        given().auth().oauth2(phone).header("Range", "bytes=-100").get(url()).then().statusCode(206)
                .header("Content-Range", "bytes " + (bytes.length - 100) + "-" + (bytes.length - 1) + "/"
                        + bytes.length);
        byte[] tail = given().auth().oauth2(phone).header("Range", "bytes=" + (bytes.length - 10) + "-99999999999")
                .get(url()).then().statusCode(206).extract().asByteArray();
        assertThat(tail).isEqualTo(Arrays.copyOfRange(bytes, bytes.length - 10, bytes.length));
    }

    @Test
    void multipleRangesComeAsMultipartByterangesWithTheRightBytes() {
        Response r = given().auth().oauth2(phone).header("Range", "bytes=0-9, 1000-1999,-50").get(url());
        r.then().statusCode(206);
        String type = r.contentType();
        assertThat(type).startsWith("multipart/byteranges; boundary=");
        List<Part> parts = Part.parse(r.asByteArray(), type.substring(type.indexOf("boundary=") + 9));
        assertThat(parts).extracting(Part::contentRange).containsExactly("bytes 0-9/" + bytes.length,
                "bytes 1000-1999/" + bytes.length,
                "bytes " + (bytes.length - 50) + "-" + (bytes.length - 1) + "/" + bytes.length);
        assertThat(parts.get(0).body()).isEqualTo(Arrays.copyOfRange(bytes, 0, 10));
        assertThat(parts.get(1).body()).isEqualTo(Arrays.copyOfRange(bytes, 1000, 2000));
        assertThat(parts.get(2).body()).isEqualTo(Arrays.copyOfRange(bytes, bytes.length - 50, bytes.length));
        assertThat(r.header("Content-Length")).isEqualTo(String.valueOf(r.asByteArray().length));
    }

    @Test
    void theOtaClientsHttpLayerReadsSingleAndMultipleRanges() throws Exception {
        HttpDeviceApi api = new HttpDeviceApi(server, Http.Timeouts.defaults());
        List<DeviceApi.Range> ranges = List.of(new DeviceApi.Range(5, 100), new DeviceApi.Range(300_000, 4096),
                new DeviceApi.Range(bytes.length - 7, 7));
        try (DeviceApi.BlobResponse answer = api.fetchBlob(phone, digest, ranges)) {
            for (DeviceApi.Range expected : ranges) {
                DeviceApi.Part part = answer.nextPart();
                assertThat(part.offset()).isEqualTo(expected.offset());
                assertThat(part.body().readAllBytes()).isEqualTo(Arrays.copyOfRange(bytes,
                        (int) expected.offset(), (int) expected.end()));
            }
            assertThat(answer.nextPart()).isNull();
            assertThat(answer.totalLength()).isEqualTo(bytes.length); // from the parts' Content-Range
        }
        try (DeviceApi.BlobResponse answer = api.fetchBlob(phone, digest,
                List.of(new DeviceApi.Range(0, bytes.length)))) {
            assertThat(answer.nextPart().body().readAllBytes()).isEqualTo(bytes);
        }
    }

    @Test
    void rangeBeyondTheEndIsUnsatisfiable() {
        given().auth().oauth2(phone).header("Range", "bytes=" + bytes.length + "-").get(url()).then()
                .statusCode(416).header("Content-Range", "bytes */" + bytes.length)
                .body("code", equalTo("RANGE_NOT_SATISFIABLE"));
    }

    @Test
    void matchingIfNoneMatchIsNotModifiedAndStaleIfRangeGetsTheWholeBlob() {
        String etag = given().auth().oauth2(phone).head(url()).then().statusCode(200)
                .header("Content-Length", String.valueOf(bytes.length)).extract().header("ETag");
        given().auth().oauth2(phone).header("If-None-Match", "\"sha256:other\", " + etag).get(url()).then()
                .statusCode(304).header("ETag", etag);
        given().auth().oauth2(phone).header("Range", "bytes=0-9").header("If-Range", etag).get(url()).then()
                .statusCode(206);
        byte[] whole = given().auth().oauth2(phone).header("Range", "bytes=0-9").header("If-Range", "\"other\"")
                .get(url()).then().statusCode(200).extract().asByteArray();
        assertThat(whole).isEqualTo(bytes);
    }

    @Test
    void phoneOfAnotherOemGetsNotFound() {
        given().auth().oauth2(DevicePhones.tokenOfNewPhone("oem2")).get(url()).then().statusCode(404);
        given().auth().oauth2(DevicePhones.tokenOfNewPhone("oem2")).head(url()).then().statusCode(404);
    }

    @Test
    void blobThatIsNoBuildOutputGetsNotFoundAndNoTokenGetsUnauthorized() {
        String other = Fixtures.upload("oem");
        given().auth().oauth2(phone).get("/device/v1/blobs/" + other).then().statusCode(404);
        given().get(url()).then().statusCode(401);
        given().auth().oauth2(phone).get("/device/v1/blobs/sha256:nothex").then().statusCode(404);
    }

    @Test
    void sameSizeTamperingOnDiskIsDetectedAndNoByteIsServed() throws IOException {
        given().auth().oauth2(phone).get(url()).then().statusCode(200); // verified and served once
        Path file = stored();
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
            channel.write(ByteBuffer.wrap(new byte[] {(byte) ~bytes[bytes.length / 2]}), bytes.length / 2);
        }
        given().auth().oauth2(phone).header("Range", "bytes=0-99").get(url()).then().statusCode(503)
                .body("code", equalTo("BLOB_UNAVAILABLE"));
        given().auth().oauth2(phone).get(url()).then().statusCode(503);
        assertThat(file).doesNotExist(); // withdrawn to the quarantine directory
    }

    @Test
    void truncatedFileIsNeverServed() throws IOException {
        try (FileChannel channel = FileChannel.open(stored(), StandardOpenOption.WRITE)) {
            channel.truncate(bytes.length - 1);
        }
        given().auth().oauth2(phone).get(url()).then().statusCode(503).body("code", equalTo("BLOB_UNAVAILABLE"));
    }

    private Path stored() {
        String hex = digest.substring("sha256:".length());
        Path file = blobConfig.dir().resolve("sha256").resolve(hex.substring(0, 2)).resolve(hex);
        assertThat(Files.exists(file)).isTrue();
        return file;
    }

    private HttpURLConnection open(String range) throws IOException {
        HttpURLConnection c = (HttpURLConnection) new URL(server, url().substring(1)).openConnection();
        c.setRequestProperty("Authorization", "Bearer " + phone);
        c.setRequestProperty("Range", range);
        return c;
    }

    /** One part of a multipart/byteranges body, parsed independently of the server's code. */
    record Part(String contentRange, byte[] body) {

        static List<Part> parse(byte[] body, String boundary) {
            String text = new String(body, StandardCharsets.ISO_8859_1);
            String delimiter = "--" + boundary;
            assertThat(text).endsWith(delimiter + "--\r\n");
            return Arrays.stream(text.split("\r\n?" + java.util.regex.Pattern.quote(delimiter)))
                    .map(s -> s.startsWith(delimiter) ? s.substring(delimiter.length()) : s)
                    .filter(s -> !s.startsWith("--"))
                    .map(s -> {
                        int headersEnd = s.indexOf("\r\n\r\n");
                        String headers = s.substring(0, headersEnd);
                        String range = headers.lines().filter(l -> l.startsWith("Content-Range: "))
                                .map(l -> l.substring("Content-Range: ".length())).findFirst().orElseThrow();
                        return new Part(range, s.substring(headersEnd + 4).getBytes(StandardCharsets.ISO_8859_1));
                    }).toList();
        }
    }
}
