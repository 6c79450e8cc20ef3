package dev.modelport.registry.blob.device;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.startsWith;

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
import io.restassured.config.RedirectConfig;
import io.restassured.config.RestAssuredConfig;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.URL;
import java.nio.file.Files;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The S3 backend against s3proxy over real HTTP: an upload through the API lands in the bucket (multipart above the
 * part size), and a phone's download is a redirect to a presigned GET that returns the right bytes, Range included.
 */
@QuarkusTest
@WithTestResource(RealStack.class)
@WithTestResource(S3ProxyStack.class)
class S3BlobDownloadTest {

    private static final RestAssuredConfig NO_REDIRECTS = RestAssuredConfig.config()
            .redirect(RedirectConfig.redirectConfig().followRedirects(false));

    @Inject
    DataSource db;

    @Inject
    BlobConfig blobConfig;

    @TestHTTPResource("/")
    URL server;

    private byte[] bytes;
    private String digest;
    private String phone;

    /** An 11 MB build output: above the 5 MiB part size, so the upload to the bucket is multipart. */
    @BeforeEach
    void build() {
        SampleGguf gguf = SampleGguf.of("llama", Api.unique("s3"), 11_000_000, new Random().nextLong());
        bytes = gguf.bytes();
        digest = Fixtures.upload("oem", bytes, gguf.digest());
        BuildRows.readyBuild(db, "orion-mobile", digest, bytes.length);
        phone = DevicePhones.tokenOfNewPhone("oem");
    }

    @Test
    void uploadedBlobIsAnObjectInTheBucketAndNotOnLocalDisk() throws Exception {
        String hex = digest.substring("sha256:".length());
        var object = S3ProxyStack.objects.headObject(b -> b.bucket(S3ProxyStack.BUCKET).key("blobs/sha256/" + hex));
        assertThat(object.contentLength()).isEqualTo(bytes.length);
        assertThat(blobConfig.dir().resolve("sha256").resolve(hex.substring(0, 2)).resolve(hex)).doesNotExist();
        try (var staged = Files.list(blobConfig.dir().resolve("staging"))) {
            assertThat(staged.filter(p -> p.toString().contains(hex))).isEmpty();
        }
    }

    @Test
    void deviceIsRedirectedToAShortLivedPresignedGet() {
        given().config(NO_REDIRECTS).auth().oauth2(phone).get("/device/v1/blobs/" + digest).then().statusCode(307)
                .header("Location", startsWith("http://127.0.0.1:"))
                .header("Location", org.hamcrest.Matchers.containsString("X-Amz-Signature="))
                .header("Location", org.hamcrest.Matchers.containsString("X-Amz-Expires=300"))
                .header("Cache-Control", "no-store");
    }

    @Test
    void followingTheRedirectGivesTheBlobWholeAndByRange() throws Exception {
        String location = given().config(NO_REDIRECTS).auth().oauth2(phone).get("/device/v1/blobs/" + digest)
                .then().statusCode(307).extract().header("Location");
        // What a device's HTTP stack does: follow the redirect with the same Range.
        Response whole = given().urlEncodingEnabled(false).get(location);
        whole.then().statusCode(200);
        assertThat(whole.asByteArray()).isEqualTo(bytes);
        Response part = given().urlEncodingEnabled(false).header("Range", "bytes=6000000-6000099").get(location);
        part.then().statusCode(206).header("Content-Range", "bytes 6000000-6000099/" + bytes.length);
        assertThat(part.asByteArray()).isEqualTo(Arrays.copyOfRange(bytes, 6_000_000, 6_000_100));
    }

    @Test
    void resumeThroughTheRedirectWithHttpUrlConnection() throws Exception {
        int from = 7_777_777;
        HttpURLConnection c = (HttpURLConnection) new URL(server, "device/v1/blobs/" + digest).openConnection();
        c.setRequestProperty("Authorization", "Bearer " + phone);
        c.setRequestProperty("Range", "bytes=" + from + "-");
        assertThat(c.getResponseCode()).isEqualTo(206);
        assertThat(c.getURL().getPort()).isNotEqualTo(server.getPort()); // answered by the object store
        try (InputStream in = c.getInputStream()) {
            assertThat(in.readAllBytes()).isEqualTo(Arrays.copyOfRange(bytes, from, bytes.length));
        }
    }

    @Test
    void theOtaClientFetchesThroughTheRedirectAndMultipleRangesAreAssembledByTheService() throws Exception {
        HttpDeviceApi api = new HttpDeviceApi(server, Http.Timeouts.defaults());
        try (DeviceApi.BlobResponse answer = api.fetchBlob(phone, digest,
                List.of(new DeviceApi.Range(100, bytes.length - 100)))) {
            DeviceApi.Part part = answer.nextPart();
            assertThat(part.offset()).isEqualTo(100);
            assertThat(part.body().readAllBytes()).isEqualTo(Arrays.copyOfRange(bytes, 100, bytes.length));
        }
        List<DeviceApi.Range> ranges = List.of(new DeviceApi.Range(0, 64), new DeviceApi.Range(5_242_870, 20),
                new DeviceApi.Range(bytes.length - 5, 5));
        try (DeviceApi.BlobResponse answer = api.fetchBlob(phone, digest, ranges)) {
            for (DeviceApi.Range r : ranges) {
                DeviceApi.Part part = answer.nextPart();
                assertThat(part.offset()).isEqualTo(r.offset());
                assertThat(part.body().readAllBytes())
                        .isEqualTo(Arrays.copyOfRange(bytes, (int) r.offset(), (int) r.end()));
            }
        }
    }

    @Test
    void phoneOfAnotherOemIsNotRedirected() {
        given().config(NO_REDIRECTS).auth().oauth2(DevicePhones.tokenOfNewPhone("oem2"))
                .get("/device/v1/blobs/" + digest).then().statusCode(404);
    }
}
