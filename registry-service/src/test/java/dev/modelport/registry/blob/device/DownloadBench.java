package dev.modelport.registry.blob.device;

import dev.modelport.devstack.SampleGguf;
import dev.modelport.registry.support.Api;
import dev.modelport.registry.support.Nginx;
import io.restassured.RestAssured;
import java.io.IOException;
import java.io.InputStream;
import java.io.FilterInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * {@code ./modelport bench download}: one blob (2 GiB by default) downloaded with curl on loopback from the running
 * registry's device endpoint and from nginx serving the very same file, alternating, several runs each. Not a test:
 * it prints a Markdown table for docs/benchmarks.md.
 *
 * <p>Environment: MODELPORT_BENCH_API (the running service), MODELPORT_KEYCLOAK_URL, MODELPORT_DB_URL (+ _USER,
 * _PASSWORD), MODELPORT_DATA_DIR (the service's data directory, where nginx finds the file), MODELPORT_BENCH_SIZE
 * (bytes), MODELPORT_BENCH_RUNS.
 */
public final class DownloadBench {

    private static final long CHUNK = 256L << 20;

    public static void main(String[] args) throws Exception {
        URI api = URI.create(env("MODELPORT_BENCH_API", "http://localhost:8080"));
        System.setProperty("quarkus.oidc.auth-server-url", env("MODELPORT_KEYCLOAK_URL",
                "http://localhost:8180/realms/modelport"));
        RestAssured.baseURI = "http://" + api.getHost();
        RestAssured.port = api.getPort();
        long size = Long.parseLong(env("MODELPORT_BENCH_SIZE", String.valueOf(2L << 30)));
        int runs = Integer.parseInt(env("MODELPORT_BENCH_RUNS", "3"));
        Path data = Path.of(env("MODELPORT_DATA_DIR", ".modelport/data"));

        SampleGguf gguf = SampleGguf.of("llama", "bench-download-" + size, size - 4096, 42);
        say("uploading a " + gguf.size() + "-byte GGUF as oem (skipped when it is there already)");
        String digest = gguf.digest();
        upload(api, gguf, digest);
        PGSimpleDataSource db = new PGSimpleDataSource();
        db.setUrl(env("MODELPORT_DB_URL", "jdbc:postgresql://localhost:55432/modelport"));
        db.setUser(env("MODELPORT_DB_USER", "postgres"));
        db.setPassword(env("MODELPORT_DB_PASSWORD", "postgres"));
        if (!buildExists(db, digest)) {
            BuildRows.readyBuild(db, "orion-mobile", digest, gguf.size());
        }
        String token = DevicePhones.tokenOfNewPhone("oem");
        String hex = digest.substring("sha256:".length());
        Path file = data.resolve("blobs/sha256").resolve(hex.substring(0, 2)).resolve(hex);
        if (!Files.isRegularFile(file) || Files.size(file) != gguf.size()) {
            throw new IllegalStateException("the service's blob file is not at " + file + "; set MODELPORT_DATA_DIR");
        }
        String registryUrl = api + "/device/v1/blobs/" + digest;
        int cores = Runtime.getRuntime().availableProcessors();
        try (Nginx nginx = Nginx.serve(file.getParent(), cores)) {
            String nginxUrl = nginx.url(hex);
            say("warming up (page cache; the registry verifies the file once after a restart)");
            curl(registryUrl, token, gguf.size());
            curl(nginxUrl, null, gguf.size());
            List<Double> registry = new ArrayList<>();
            List<Double> reference = new ArrayList<>();
            for (int i = 0; i < runs; i++) {
                registry.add(curl(registryUrl, token, gguf.size()));
                reference.add(curl(nginxUrl, null, gguf.size()));
                say(String.format("run %d: registry %.0f MiB/s, nginx %.0f MiB/s", i + 1, registry.get(i),
                        reference.get(i)));
            }
            double r = median(registry);
            double n = median(reference);
            System.out.println();
            System.out.printf("| %.2f GiB blob, curl on loopback, median of %d | MiB/s |%n",
                    gguf.size() / (double) (1L << 30), runs);
            System.out.println("|---|---|");
            System.out.printf("| registry `/device/v1/blobs` (sendfile) | %.0f |%n", r);
            System.out.printf("| nginx, same file (sendfile, %d workers) | %.0f |%n", cores, n);
            System.out.printf("| ratio registry / nginx | %.2f |%n", r / n);
        }
    }

    /** curl's average download speed in MiB/s; fails unless all bytes arrived with 200. */
    private static double curl(String url, String token, long size) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("curl", "-s", "-o", "/dev/null", "-w",
                "%{http_code} %{size_download} %{speed_download}", "-H", "Accept-Encoding: identity"));
        if (token != null) {
            command.addAll(List.of("-H", "Authorization: Bearer " + token));
        }
        command.add(url);
        Process curl = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(curl.getInputStream().readAllBytes()).trim();
        curl.waitFor();
        String[] f = out.split(" ");
        if (f.length != 3 || !f[0].equals("200") || Long.parseLong(f[1]) != size) {
            throw new IOException("curl " + url + " answered: " + out);
        }
        return Double.parseDouble(f[2]) / (1 << 20);
    }

    /** A resumable upload through the API in 256 MiB chunks, streamed from the generator (flat memory). */
    private static void upload(URI api, SampleGguf gguf, String digest) throws IOException, InterruptedException {
        Map<String, Object> started = Api.as("oem").body(Map.of("sha256", digest, "size", gguf.size()))
                .post("/api/v1/uploads").then().extract().as(Map.class);
        String id = (String) started.get("id");
        long committed = ((Number) started.get("committed")).longValue();
        if ("COMPLETE".equals(started.get("status"))) {
            return;
        }
        HttpClient http = HttpClient.newHttpClient();
        try (InputStream in = gguf.open()) {
            in.skipNBytes(committed);
            while (committed < gguf.size()) {
                long n = Math.min(CHUNK, gguf.size() - committed);
                InputStream chunk = new FilterInputStream(in) {
                    long left = n;

                    @Override
                    public int read(byte[] b, int off, int len) throws IOException {
                        if (left == 0) {
                            return -1;
                        }
                        int r = super.read(b, off, (int) Math.min(len, left));
                        left -= Math.max(r, 0);
                        return r;
                    }

                    @Override
                    public void close() {
                        // the generator stream goes on with the next chunk
                    }
                };
                HttpRequest patch = HttpRequest.newBuilder(URI.create(api + "/api/v1/uploads/" + id))
                        .header("Authorization", "Bearer " + Api.token("oem"))
                        .header("Content-Type", "application/offset+octet-stream")
                        .header("Upload-Offset", String.valueOf(committed))
                        .method("PATCH", HttpRequest.BodyPublishers.fromPublisher(
                                HttpRequest.BodyPublishers.ofInputStream(() -> chunk), n))
                        .build();
                HttpResponse<String> answer = http.send(patch, HttpResponse.BodyHandlers.ofString());
                if (answer.statusCode() != 204) {
                    throw new IOException("upload chunk at " + committed + ": HTTP " + answer.statusCode() + " "
                            + answer.body());
                }
                committed += n;
            }
        }
        Api.as("oem").put("/api/v1/uploads/" + id + "/complete").then().statusCode(200);
    }

    private static boolean buildExists(PGSimpleDataSource db, String digest) throws Exception {
        try (Connection c = db.getConnection();
             PreparedStatement s = c.prepareStatement("SELECT 1 FROM build b JOIN organisation o ON o.id = b.owner_id"
                     + " WHERE b.output_digest = ? AND b.status = 'READY' AND o.slug = 'orion-mobile'")) {
            s.setString(1, digest);
            try (ResultSet r = s.executeQuery()) {
                return r.next();
            }
        }
    }

    private static double median(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return sorted.get(sorted.size() / 2);
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }

    private static void say(String line) {
        System.err.println("==> " + line);
    }
}
