package dev.modelport.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import dev.modelport.cli.Api;
import dev.modelport.devstack.SimulatedPhone;
import dev.modelport.ota.DeviceIdentity;
import dev.modelport.ota.DeviceProfile;
import dev.modelport.ota.OtaClient;
import dev.modelport.ota.testing.TestDevices;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Phones of the demo OEM in Germany (EU): simulated ones, and real OTA clients with llama.cpp workers. */
final class Phones {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private Phones() {
    }

    /** An enrollment secret of the OEM for up to {@code devices} phones. */
    static String enrollmentToken(Api oem, int devices) {
        return oem.post("/api/v1/enrollment-tokens", Map.of("label", Releases.unique("cluster"),
                "maxDevices", devices, "validDays", 1)).get("secret").asText();
    }

    /** {@code count} simulated phones of {@code deviceClass}, enrolled through {@code url}, each holding a token. */
    static List<SimulatedPhone> simulated(Api oem, String url, String deviceClass, int count)
            throws IOException, InterruptedException {
        String enrollment = enrollmentToken(oem, count);
        List<SimulatedPhone> phones = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            SimulatedPhone phone = SimulatedPhone.of(Map.of("deviceClass", deviceClass, "deviceModel", "orion-x1",
                    "region", "DE", "osVersion", "Android 15"), SimulatedPhone.Observer.NONE).enroll(url, enrollment);
            phone.refreshToken(url);
            phones.add(phone);
        }
        return phones;
    }

    /**
     * A real phone: the OTA client (check-in, ranged download following the redirect to S3, TUF verification against
     * the platform root, A/B slots, a llama.cpp worker process) talking to {@code url} only.
     */
    static OtaClient real(Api oem, String url, String deviceClass, Path state) throws IOException,
            InterruptedException {
        HttpResponse<byte[]> root = HTTP.send(HttpRequest.newBuilder(URI.create(url + "/device/v1/tuf/root.json"))
                .build(), HttpResponse.BodyHandlers.ofByteArray());
        if (root.statusCode() != 200) {
            throw new IOException("root.json: HTTP " + root.statusCode());
        }
        return OtaClient.builder()
                .serverUrl(url)
                .trustedRoot(root.body())
                .identity(DeviceIdentity.enrollingWith(enrollmentToken(oem, 1)))
                .stateDir(state)
                .profile(new DeviceProfile(deviceClass, "orion-x1", "DE", "Android 15", "llama.cpp-b4916"))
                .runtime(TestDevices.llama(state))
                .minPoll(Duration.ofMillis(200))
                .timeouts(Duration.ofSeconds(5), Duration.ofSeconds(30))
                .build();
    }

    /** The action of a check-in answer, with its target digest for UPDATE and ROLLBACK. */
    static String answer(JsonNode checkin) {
        String action = checkin.path("action").asText();
        return checkin.path("target").has("digest") ? action + " " + checkin.path("target").path("digest").asText()
                : action;
    }
}
