package dev.modelport.registry.blob.device;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Map;
import java.util.stream.Collectors;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * An S3-compatible server, {@code org.gaul:s3proxy} over jclouds' in-memory blob store, on a free loopback port, and
 * the configuration that switches the registry's blob backend to it. Signature V4 authentication is on, so presigned
 * URLs are really checked.
 *
 * <p>s3proxy runs in a child JVM from the test classpath: jclouds wires itself with Guice 7 and {@code jakarta.inject},
 * which Quarkus' test class loader splits across loaders, so Guice cannot see jclouds' bindings in the test JVM.
 */
public class S3ProxyStack implements QuarkusTestResourceLifecycleManager {

    static final String BUCKET = "modelport-test";
    static final String ACCESS_KEY = "test-access";
    static final String SECRET_KEY = "test-secret-key-0123456789";

    /** A client of the same s3proxy, for assertions about what was stored where. */
    static volatile S3Client objects;

    private Process proxy;
    private Path dir;

    @Override
    public Map<String, String> start() {
        try {
            int port = freePort();
            dir = Files.createTempDirectory("modelport-s3proxy");
            Path properties = dir.resolve("s3proxy.properties");
            Files.writeString(properties, String.join("\n",
                    "s3proxy.endpoint=http://127.0.0.1:" + port,
                    "s3proxy.authorization=aws-v2-or-v4",
                    "s3proxy.identity=" + ACCESS_KEY,
                    "s3proxy.credential=" + SECRET_KEY,
                    "jclouds.provider=transient",
                    "jclouds.identity=unused",
                    "jclouds.credential=unused", ""));
            String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            proxy = new ProcessBuilder(java, "-Xmx512m", "-cp", classpath(), "org.gaul.s3proxy.Main",
                    "--properties", properties.toString())
                    .redirectErrorStream(true).redirectOutput(dir.resolve("s3proxy.log").toFile()).start();
            awaitPort(port);
            URI endpoint = URI.create("http://127.0.0.1:" + port);
            objects = S3Client.builder().httpClientBuilder(UrlConnectionHttpClient.builder())
                    .region(Region.US_EAST_1).endpointOverride(endpoint).forcePathStyle(true)
                    // s3proxy predates flexible checksums: a GET asking for them is answered 501.
                    .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                    .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
                    .credentialsProvider(StaticCredentialsProvider.create(
                            AwsBasicCredentials.create(ACCESS_KEY, SECRET_KEY)))
                    .build();
            objects.createBucket(b -> b.bucket(BUCKET));
            return Map.of(
                    "modelport.blobs.backend", "s3",
                    "modelport.blobs.s3.endpoint", endpoint.toString(),
                    "modelport.blobs.s3.bucket", BUCKET,
                    "modelport.blobs.s3.region", "us-east-1",
                    "modelport.blobs.s3.access-key", ACCESS_KEY,
                    "modelport.blobs.s3.secret-key", SECRET_KEY,
                    "modelport.blobs.s3.path-style", "true",
                    "modelport.blobs.s3.prefix", "blobs/",
                    "modelport.blobs.s3.part-size", String.valueOf(5L * 1024 * 1024));
        } catch (Exception e) {
            stop();
            throw new IllegalStateException("could not start s3proxy: " + e.getMessage() + log(), e);
        }
    }

    @Override
    public void stop() {
        if (objects != null) {
            objects.close();
        }
        if (proxy != null) {
            proxy.destroyForcibly();
        }
    }

    /** Surefire's test classpath, without Maven's Guice 5 (jclouds needs Guice 7). */
    private static String classpath() {
        String cp = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        return Arrays.stream(cp.split(File.pathSeparator))
                .filter(entry -> !entry.contains("guice-5."))
                .collect(Collectors.joining(File.pathSeparator));
    }

    private void awaitPort(int port) throws IOException, InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        while (Instant.now().isBefore(deadline)) {
            if (!proxy.isAlive()) {
                throw new IOException("s3proxy exited with " + proxy.exitValue());
            }
            try (Socket ignored = new Socket("127.0.0.1", port)) {
                return;
            } catch (IOException notYet) {
                Thread.sleep(100);
            }
        }
        throw new IOException("s3proxy did not listen on port " + port + " within 60 s");
    }

    private String log() {
        try {
            return dir == null ? "" : "\n" + Files.readString(dir.resolve("s3proxy.log"));
        } catch (IOException e) {
            return "";
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
