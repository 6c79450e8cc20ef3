package dev.modelport.cluster;

import dev.modelport.devstack.SimulatedPhone;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Simulated phones in a loop through one URL, as a fleet behaves while something breaks: each checks in, then reports
 * two new events; a request that fails (no answer, or not 2xx) is retried with the very same events (same event ids)
 * on the phone's next turn, as the OTA client retries. Records what the server acknowledged and every request's
 * outcome with its time, so a test can check that nothing acknowledged was lost and when service came back.
 */
final class DeviceTraffic implements AutoCloseable {

    /** One request: when it ended (ms since the traffic started), which endpoint, and whether it got a 2xx. */
    record Sample(long atMillis, String endpoint, boolean ok) {
    }

    private final String url;
    private final String digest;
    private final List<SimulatedPhone> phones;
    private final Map<String, Set<String>> acknowledged = new ConcurrentHashMap<>();
    private final List<Sample> samples = new CopyOnWriteArrayList<>();
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final List<Thread> threads = new ArrayList<>();
    private final long start = System.nanoTime();

    private DeviceTraffic(String url, String digest, List<SimulatedPhone> phones) {
        this.url = url;
        this.digest = digest;
        this.phones = phones;
    }

    /** Starts {@code threads} loops over {@code phones} (already enrolled), through {@code url}. */
    static DeviceTraffic start(String url, List<SimulatedPhone> phones, String digest, int threads) {
        DeviceTraffic traffic = new DeviceTraffic(url, digest, phones);
        for (int t = 0; t < threads; t++) {
            List<SimulatedPhone> share = new ArrayList<>();
            for (int i = t; i < phones.size(); i += threads) {
                share.add(phones.get(i));
            }
            Thread thread = new Thread(() -> traffic.loop(share), "device-traffic-" + t);
            thread.setDaemon(true);
            traffic.threads.add(thread);
            thread.start();
        }
        return traffic;
    }

    private void loop(List<SimulatedPhone> share) {
        Map<SimulatedPhone, List<Map<String, Object>>> pending = new HashMap<>();
        while (running.get()) {
            for (SimulatedPhone phone : share) {
                if (!running.get()) {
                    return;
                }
                turn(phone, pending.computeIfAbsent(phone, p -> new ArrayList<>()));
            }
            pause(20);
        }
    }

    private void turn(SimulatedPhone phone, List<Map<String, Object>> pending) {
        try {
            phone.checkIn(url, null);
            record("checkin", true);
        } catch (IOException e) {
            record("checkin", false);
            refreshTokenIfRefused(phone, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        if (pending.isEmpty()) {
            pending.add(SimulatedPhone.event("DOWNLOADING", digest));
            pending.add(SimulatedPhone.event("VERIFIED", digest));
        }
        try {
            List<String> ids = phone.report(url, pending);
            acknowledged.computeIfAbsent(phone.deviceId(), d -> ConcurrentHashMap.newKeySet()).addAll(ids);
            pending.clear();
            record("report", true);
        } catch (IOException e) {
            record("report", false);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void refreshTokenIfRefused(SimulatedPhone phone, IOException e) {
        if (e instanceof SimulatedPhone.RefusedException r && r.status() == 401) {
            try {
                phone.refreshToken(url);
            } catch (IOException | InterruptedException ignored) {
                // tried again on the next turn
            }
        }
    }

    private void record(String endpoint, boolean ok) {
        samples.add(new Sample(millis(), endpoint, ok));
    }

    /** Milliseconds since the traffic started, on the clock the samples use. */
    long millis() {
        return (System.nanoTime() - start) / 1_000_000;
    }

    /** Event ids the server acknowledged, by device id. */
    Map<String, Set<String>> acknowledged() {
        return acknowledged;
    }

    long acknowledgedCount() {
        return acknowledged.values().stream().mapToLong(Set::size).sum();
    }

    List<Sample> samples() {
        return List.copyOf(samples);
    }

    long count(String endpoint, boolean ok) {
        return samples.stream().filter(s -> s.endpoint().equals(endpoint) && s.ok() == ok).count();
    }

    /** The first successful request of {@code endpoint} at or after {@code fromMillis}, or -1. */
    long firstOkAfter(String endpoint, long fromMillis) {
        return samples.stream().filter(s -> s.endpoint().equals(endpoint) && s.ok() && s.atMillis() >= fromMillis)
                .mapToLong(Sample::atMillis).min().orElse(-1);
    }

    @Override
    public void close() throws InterruptedException {
        running.set(false);
        for (Thread t : threads) {
            t.join(60_000);
        }
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
