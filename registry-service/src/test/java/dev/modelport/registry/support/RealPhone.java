package dev.modelport.registry.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.modelport.ota.CheckInOutcome;
import dev.modelport.ota.DeviceIdentity;
import dev.modelport.ota.DeviceProfile;
import dev.modelport.ota.OtaClient;
import dev.modelport.ota.agent.LocalApiServer;
import dev.modelport.ota.testing.LoadGenerator;
import dev.modelport.ota.testing.TestDevices;
import dev.modelport.registry.trust.TrustFixtures;
import java.net.URL;
import java.nio.file.Path;
import java.time.Duration;

/**
 * A real phone for end-to-end tests: the real OTA client (real HTTP to the running registry, TUF verification against
 * the platform root, A/B slots, llama.cpp worker processes) enrolled to {@code oem}'s organisation, with its local
 * OpenAI-compatible API listening on a free port. Close it to stop the workers.
 */
public final class RealPhone implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    public final OtaClient client;
    public final LocalApiServer api;

    private RealPhone(OtaClient client, LocalApiServer api) {
        this.client = client;
        this.api = api;
    }

    /** Enrolls a phone of {@code deviceClass} in {@code region} with a fresh one-device token of {@code oemUser}. */
    public static RealPhone start(URL server, String oemUser, String deviceClass, String region, Path stateDir)
            throws Exception {
        DeviceProfile profile = new DeviceProfile(deviceClass, "orion-x1", region, "Android 15", "llama.cpp-b4916");
        OtaClient client = OtaClient.builder()
                .serverUrl(server.toString())
                .trustedRoot(TrustFixtures.get("/device/v1/tuf/root.json"))
                .identity(DeviceIdentity.enrollingWith(SimPhone.enrollmentToken(oemUser, 1)))
                .stateDir(stateDir)
                .profile(profile)
                .runtime(TestDevices.llama(stateDir))
                .minPoll(Duration.ofMillis(200))
                .timeouts(Duration.ofSeconds(5), Duration.ofSeconds(30))
                .build();
        try {
            return new RealPhone(client, LocalApiServer.start(client.inference(), 0, 16));
        } catch (Exception e) {
            client.close();
            throw e;
        }
    }

    public CheckInOutcome checkIn() throws java.io.IOException {
        return client.checkIn();
    }

    /** The one entry of the local API's {@code GET /v1/models}: the active build (id = its digest) and its filing. */
    public JsonNode activeModel() throws Exception {
        JsonNode data = JSON.readTree(LoadGenerator.get(api.port(), "/v1/models")).path("data");
        if (data.size() != 1) {
            throw new AssertionError("expected one active model, the local API lists " + data);
        }
        return data.get(0);
    }

    /** Runs local completion/chat load for {@code duration}; returns the generator with its counts and failures. */
    public LoadGenerator serve(Duration duration) throws InterruptedException {
        LoadGenerator load = new LoadGenerator(api.port(), 2).start();
        Thread.sleep(duration.toMillis());
        load.close();
        return load;
    }

    @Override
    public void close() throws Exception {
        try {
            api.close();
        } finally {
            client.close();
        }
    }
}
