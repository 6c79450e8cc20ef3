package dev.modelport.devstack;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * {@code ./modelport bench fleet --devices N [--url URL] [--seconds S] [--poll S]}: N simulated phones against a
 * running registry (one instance or a cluster's entry URL). Each phone enrolls, gets a signed-request token, checks
 * in on its interval (the server's {@code nextPollSeconds}, capped by {@code --poll} so a short run sees traffic),
 * and when told to UPDATE fetches the first MiB of the build with a Range request and reports DOWNLOADING … HEALTHY.
 * Every 5 s it prints requests/s, error rate and p50/p95/p99 per endpoint for the last window. Java 17: phones are
 * tasks on a bounded scheduled pool with the blocking HttpClient (no virtual threads).
 */
public final class FleetBench {

    private static final Map<String, Object> PROFILE = Map.of("deviceClass", "sd8g3-16g", "region", "CN");

    private final String url;
    private final int maxPoll;
    private final Map<String, Window> windows = new ConcurrentHashMap<>();
    private final ScheduledExecutorService pool;

    private FleetBench(String url, int maxPoll, int threads) {
        this.url = url;
        this.maxPoll = maxPoll;
        this.pool = Executors.newScheduledThreadPool(threads);
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> opt = new TreeMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            opt.put(args[i].replaceFirst("^--", ""), args[i + 1]);
        }
        int devices = Integer.parseInt(opt.getOrDefault("devices", "100"));
        String url = opt.getOrDefault("url", "http://localhost:" + Env.port("MODELPORT_HTTP_PORT", 8080));
        String realm = Env.get("MODELPORT_KEYCLOAK_URL", LocalKeycloak.realmUrl(Env.port("MODELPORT_KEYCLOAK_PORT",
                8180)));
        int seconds = Integer.parseInt(opt.getOrDefault("seconds", "60"));
        int poll = Integer.parseInt(opt.getOrDefault("poll", "30"));
        FleetBench bench = new FleetBench(url, poll, Math.max(4, Math.min(64, devices / 10)));
        String enrollment = SimulatedPhone.enrollmentToken(url, new Tokens(realm).demoUser("oem"), devices);
        System.out.printf("fleet bench: %d phones against %s for %d s (poll capped at %d s)%n", devices, url,
                seconds, poll);
        for (int i = 0; i < devices; i++) {
            Phone phone = bench.new Phone(enrollment);
            // Spread the enrollments over the first poll interval, as a real fleet's phones are not in step.
            bench.pool.schedule(phone::start, ThreadLocalRandom.current().nextLong(poll * 1000L), TimeUnit.MILLISECONDS);
        }
        long end = System.nanoTime() + seconds * 1_000_000_000L;
        while (System.nanoTime() < end) {
            Thread.sleep(5000);
            bench.printWindow(5);
        }
        bench.pool.shutdownNow();
        System.exit(0);
    }

    /** One phone of the fleet: each step schedules the next. */
    private final class Phone {
        private final String enrollment;
        private final SimulatedPhone device = SimulatedPhone.of(PROFILE, FleetBench.this::record);
        private String installed;

        Phone(String enrollment) {
            this.enrollment = enrollment;
        }

        void start() {
            try {
                device.enroll(url, enrollment);
                checkIn();
            } catch (Exception e) {
                pool.schedule(this::start, 5, TimeUnit.SECONDS);
            }
        }

        void checkIn() {
            long next = maxPoll;
            try {
                JsonNode answer = device.checkIn(url, installed);
                next = Math.min(maxPoll, answer.path("nextPollSeconds").asLong(maxPoll));
                if ("UPDATE".equals(answer.path("action").asText()) && answer.path("target").has("digest")) {
                    install(answer.path("target").path("digest").asText(), answer.path("target").path("length")
                            .asLong());
                }
            } catch (SimulatedPhone.RefusedException e) {
                if (e.status() == 401) {
                    try {
                        device.refreshToken(url);
                    } catch (Exception ignored) {
                        // counted as a token error; try again next round
                    }
                }
            } catch (Exception e) {
                // counted in the window; the phone retries on its next poll, as the OTA client does
            }
            pool.schedule(this::checkIn, (long) (next * 1000 * (0.9 + 0.2 * ThreadLocalRandom.current()
                    .nextDouble())), TimeUnit.MILLISECONDS);
        }

        void install(String digest, long length) throws Exception {
            device.fetchStart(url, digest, Math.min(length, 1 << 20));
            List<Map<String, Object>> events = new ArrayList<>();
            for (String type : List.of("DOWNLOADING", "VERIFIED", "INSTALLED", "HEALTHY")) {
                events.add(SimulatedPhone.event(type, digest));
            }
            device.report(url, events);
            installed = digest;
        }
    }

    private void record(String endpoint, long nanos, int status) {
        windows.computeIfAbsent(endpoint, k -> new Window()).record(nanos, status / 100 != 2);
    }

    private void printWindow(int seconds) {
        System.out.printf("%n%-8s %9s %8s %9s %9s %9s%n", "endpoint", "req/s", "errors", "p50 ms", "p95 ms",
                "p99 ms");
        new TreeMap<>(windows).forEach((name, w) -> {
            long[] lat = w.drain();
            long errors = w.errors.getAndSet(0);
            if (lat.length == 0) {
                return;
            }
            java.util.Arrays.sort(lat);
            System.out.printf("%-8s %9.1f %7.1f%% %9.1f %9.1f %9.1f%n", name, lat.length / (double) seconds,
                    100.0 * errors / lat.length, pct(lat, 50), pct(lat, 95), pct(lat, 99));
        });
    }

    private static double pct(long[] sorted, int p) {
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p / 100.0 * sorted.length) - 1)] / 1e6;
    }

    /** Latencies (ns) and errors of one endpoint since the last print. */
    private static final class Window {
        private final List<Long> latencies = new ArrayList<>();
        private final AtomicLong errors = new AtomicLong();

        synchronized void record(long nanos, boolean error) {
            latencies.add(nanos);
            if (error) {
                errors.incrementAndGet();
            }
        }

        synchronized long[] drain() {
            long[] out = latencies.stream().mapToLong(Long::longValue).toArray();
            latencies.clear();
            return out;
        }
    }
}
