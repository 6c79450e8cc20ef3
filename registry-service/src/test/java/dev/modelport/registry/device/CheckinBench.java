package dev.modelport.registry.device;

import dev.modelport.registry.support.Nginx;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * {@code ./modelport bench checkin}: check-in throughput and latency with wrk against the running service, for a fleet
 * of 100,000 and of 1,000,000 enrolled devices, next to nginx serving a static response of the same size on the same
 * machine. Not a test: it prints a Markdown table for docs/benchmarks.md.
 *
 * <p>Enrolling a million phones through the API would take hours of Ed25519 work, so the fleet is inserted with one
 * set-based SQL statement (rows exactly as enrollment writes them, public keys unique) and the device tokens are minted
 * offline with the service's own {@link DeviceTokenCodec} and HMAC key ({@code MODELPORT_DEVICE_TOKEN_KEY}). wrk
 * rotates through all tokens (checkin.lua), so every request is a different device.
 *
 * <p>Two loads per target: peak (as fast as wrk's connections go) and 80 % of that peak, offered at a constant rate
 * by pacing each connection in Lua ({@code delay()}; plain wrk has no {@code -R}). Latencies at 80 % are measured
 * from send to answer; with pacing per connection a slow answer delays only that connection's next request, so the
 * p99 under-reports queueing somewhat (wrk2's coordinated-omission correction is not available as a Debian package).
 */
public final class CheckinBench {

    public static void main(String[] args) throws Exception {
        URI api = URI.create(env("MODELPORT_BENCH_API", "http://localhost:8080"));
        int seconds = Integer.parseInt(env("MODELPORT_BENCH_SECONDS", "30"));
        int connections = Integer.parseInt(env("MODELPORT_BENCH_CONNECTIONS", "64"));
        List<Integer> fleets = new ArrayList<>();
        for (String n : env("MODELPORT_BENCH_DEVICES", "100000,1000000").split(",")) {
            fleets.add(Integer.parseInt(n.trim()));
        }
        DeviceTokenCodec codec = new DeviceTokenCodec(env("MODELPORT_DEVICE_TOKEN_KEY", null), Duration.ofHours(6));
        PGSimpleDataSource db = new PGSimpleDataSource();
        db.setUrl(env("MODELPORT_DB_URL", "jdbc:postgresql://localhost:55432/modelport"));
        db.setUser(env("MODELPORT_DB_USER", "postgres"));
        db.setPassword(env("MODELPORT_DB_PASSWORD", "postgres"));
        Path work = Files.createTempDirectory("modelport-bench-checkin");

        List<String> rows = new ArrayList<>();
        for (int fleet : fleets) {
            say("enrolling " + fleet + " bench devices of orion-mobile with SQL");
            UUID owner = enrollFleet(db, fleet);
            Path tokens = work.resolve("tokens-" + fleet + ".txt");
            say("minting " + fleet + " device tokens offline");
            mintTokens(codec, owner, fleet, tokens);
            String first = Files.readAllLines(tokens).get(0);
            int size = probe(api, first);
            Path staticDir = work.resolve("static");
            Files.createDirectories(staticDir);
            Files.write(staticDir.resolve("checkin.json"), "x".repeat(size).getBytes());
            warmUp(api, tokens, connections);
            Result peak = wrk(api.toString(), tokens, seconds, connections, 0, "POST", "/device/v1/checkin");
            Result paced = wrk(api.toString(), tokens, seconds, connections,
                    delayFor(0.8 * peak.rps, connections), "POST", "/device/v1/checkin");
            Result nginxPeak;
            Result nginxPaced;
            try (Nginx nginx = Nginx.serve(staticDir, Runtime.getRuntime().availableProcessors())) {
                String base = nginx.url("").replaceAll("/$", "");
                nginxPeak = wrk(base, tokens, seconds, connections, 0, "GET", "/checkin.json");
                nginxPaced = wrk(base, tokens, seconds, connections, delayFor(0.8 * nginxPeak.rps, connections),
                        "GET", "/checkin.json");
            }
            rows.add(String.format("| %,d | %,.0f | %,.0f | %.2f | %.1f / %.1f | %.1f / %.1f | %d B |", fleet,
                    peak.rps, nginxPeak.rps, peak.rps / nginxPeak.rps, paced.p50, paced.p99, nginxPaced.p50,
                    nginxPaced.p99, size));
        }
        System.out.println();
        System.out.printf("wrk, %d connections, %d s per run, 2 threads; latency p50 / p99 in ms at 80 %% of each "
                + "server's own peak%n%n", connections, seconds);
        System.out.println("| devices | check-in rps (peak) | nginx rps (peak) | ratio | check-in p50 / p99 | "
                + "nginx p50 / p99 | response |");
        System.out.println("|---|---|---|---|---|---|---|");
        rows.forEach(System.out::println);
    }

    /** Devices bench-0000001 … bench-N of orion-mobile, inserted set-based; rows already there are kept. */
    static UUID enrollFleet(PGSimpleDataSource db, int fleet) throws SQLException {
        try (Connection c = db.getConnection()) {
            UUID owner;
            try (PreparedStatement s = c.prepareStatement("SELECT id FROM organisation WHERE slug = 'orion-mobile'");
                 ResultSet r = s.executeQuery()) {
                if (!r.next()) {
                    throw new IllegalStateException("organisation orion-mobile is missing; run ./modelport up once");
                }
                owner = (UUID) r.getObject(1);
            }
            UUID token = UUID.nameUUIDFromBytes("modelport-bench-enrollment".getBytes());
            try (PreparedStatement s = c.prepareStatement("""
                    INSERT INTO enrollment_token (id, owner_id, secret_sha256, label, max_devices, used_devices,
                        expires_at, created_at)
                    VALUES (?, ?, encode(sha256(?::bytea), 'hex'), 'bench fleet', 2000000000, 0, now(), now())
                    ON CONFLICT (id) DO NOTHING""")) {
                s.setObject(1, token);
                s.setObject(2, owner);
                s.setString(3, token.toString());
                s.executeUpdate();
            }
            try (PreparedStatement s = c.prepareStatement("""
                    INSERT INTO device (id, owner_id, enrollment_token_id, public_key, device_class, device_model,
                        region, os_version, runtime_version, status, enrolled_at)
                    SELECT 'bench-' || lpad(g::text, 7, '0'), ?, ?, sha256(('bench-' || g)::bytea), 'bench-class',
                        'bench-phone', 'EU', '14', 'b5000', 'ACTIVE', now()
                    FROM generate_series(1, ?) g
                    ON CONFLICT (id) DO NOTHING""")) {
                s.setObject(1, owner);
                s.setObject(2, token);
                s.setInt(3, fleet);
                say("  " + s.executeUpdate() + " new rows");
            }
            try (PreparedStatement s = c.prepareStatement("ANALYZE device")) {
                s.execute();
            }
            return owner;
        }
    }

    static void mintTokens(DeviceTokenCodec codec, UUID owner, int fleet, Path file) throws IOException {
        Instant now = Instant.now();
        try (BufferedWriter out = Files.newBufferedWriter(file)) {
            for (int i = 1; i <= fleet; i++) {
                out.write(codec.mint(String.format("bench-%07d", i), owner, now).token());
                out.newLine();
            }
        }
    }

    /** One check-in; the size of its answer. Stops the bench when the service has no check-in endpoint. */
    private static int probe(URI api, String token) throws IOException, InterruptedException {
        HttpResponse<byte[]> answer = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        api.resolve("/device/v1/checkin")).header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"profile\":{\"deviceClass\":\"bench-class\","
                        + "\"region\":\"EU\"},\"installed\":null}")).build(), HttpResponse.BodyHandlers.ofByteArray());
        if (answer.statusCode() != 200) {
            say("POST /device/v1/checkin answered HTTP " + answer.statusCode() + ": "
                    + new String(answer.body()).substring(0, Math.min(300, answer.body().length)));
            say("this build has no working check-in endpoint; the bench needs the distribution feature (issue 6)");
            System.exit(2);
        }
        return answer.body().length;
    }

    record Result(double rps, double p50, double p99) {
    }

    private static Result wrk(String base, Path tokens, int seconds, int connections, double delayMs, String method,
                              String path) throws IOException, InterruptedException {
        Path script = Files.createTempFile("checkin", ".lua");
        try (InputStream in = CheckinBench.class.getResourceAsStream("/bench/checkin.lua")) {
            Files.write(script, in.readAllBytes());
        }
        ProcessBuilder pb = new ProcessBuilder("wrk", "-t2", "-c" + connections, "-d" + seconds + "s", "--latency",
                "-s", script.toString(), base + path);
        Map<String, String> env = pb.environment();
        env.put("MODELPORT_BENCH_TOKENS", tokens.toString());
        env.put("MODELPORT_BENCH_DELAY_MS", String.valueOf(Math.round(delayMs)));
        env.put("MODELPORT_BENCH_METHOD", method);
        env.put("MODELPORT_BENCH_PATH", path);
        Process wrk = pb.redirectErrorStream(true).start();
        String out = new String(wrk.getInputStream().readAllBytes());
        wrk.waitFor();
        Result result = new Result(number(out, "Requests/sec:\\s+([0-9.]+)"), millis(out, "50%"), millis(out, "99%"));
        Matcher errors = Pattern.compile("Non-2xx or 3xx responses: (\\d+)").matcher(out);
        say(String.format("%s %s%s: %.0f rps, p50 %.2f ms, p99 %.2f ms%s", method, base, path, result.rps,
                result.p50, result.p99, delayMs > 0 ? " (paced)" : "",
                errors.find() ? " — " + errors.group(1) + " error answers!" : ""));
        return result;
    }

    /**
     * Warm-up rounds of 10 s, not measured, until a round is no more than 10 % faster than the one before (at most 8):
     * behind a load balancer every instance's JIT has to warm up on its share of the traffic, so N instances need
     * about N times the requests one does.
     */
    private static void warmUp(URI api, Path tokens, int connections) throws IOException, InterruptedException {
        double previous = 0;
        for (int round = 1; round <= 8; round++) {
            say("warming up the service, round " + round + " (not measured)");
            double rps = wrk(api.toString(), tokens, 10, connections, 0, "POST", "/device/v1/checkin").rps;
            if (round >= 2 && rps <= previous * 1.1) {
                return;
            }
            previous = Math.max(previous, rps);
        }
    }

    /** Per-connection pause that offers {@code rps} in total; at least 1 ms (wrk's resolution). */
    private static double delayFor(double rps, int connections) {
        return Math.max(1, connections * 1000.0 / rps);
    }

    private static double number(String out, String regex) {
        Matcher m = Pattern.compile(regex).matcher(out);
        if (!m.find()) {
            throw new IllegalStateException("unexpected wrk output:\n" + out);
        }
        return Double.parseDouble(m.group(1));
    }

    private static double millis(String out, String percentile) {
        Matcher m = Pattern.compile(Pattern.quote(percentile) + "\\s+([0-9.]+)(us|ms|s)").matcher(out);
        if (!m.find()) {
            throw new IllegalStateException("no " + percentile + " latency in wrk output:\n" + out);
        }
        double v = Double.parseDouble(m.group(1));
        return switch (m.group(2)) {
            case "us" -> v / 1000;
            case "s" -> v * 1000;
            default -> v;
        };
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        if ((value == null || value.isBlank()) && fallback == null) {
            throw new IllegalStateException(name + " must be set (the running service's value)");
        }
        return value == null || value.isBlank() ? fallback : value;
    }

    private static void say(String line) {
        System.err.println("==> " + line);
    }
}
