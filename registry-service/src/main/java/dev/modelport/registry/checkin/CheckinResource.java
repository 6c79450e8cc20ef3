package dev.modelport.registry.checkin;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.modelport.registry.device.DeviceAuthenticated;
import dev.modelport.registry.device.DeviceContext;
import dev.modelport.registry.device.DeviceProfile;
import dev.modelport.registry.distribution.DistributionConfig;
import dev.modelport.registry.distribution.Jurisdictions;
import io.smallrye.common.annotation.NonBlocking;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

/**
 * {@code POST /device/v1/checkin}, the hot path of the fleet: answered from the in-memory {@link CheckinSnapshot}
 * and the device's own token and request, with no database access. The answer's ETag is a digest of its bytes, so
 * a device that sends it back gets 304 while nothing changed for it.
 */
@Path("/device/v1/checkin")
public class CheckinResource {

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record CheckinRequest(@Valid DeviceProfile profile, @Valid Installed installed) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Installed(@Pattern(regexp = "^sha256:[0-9a-f]{64}$", message = "must be sha256:<64 hex>")
                            String buildDigest) {
    }

    public record CheckinResponse(String action, long nextPollSeconds, Tuf tuf, Target target, Delta delta,
                                  Filing filing) {
    }

    public record Tuf(String repository, String targetPath) {
    }

    public record Target(String digest, long length) {
    }

    public record Delta(String fromDigest) {
    }

    public record Filing(String jurisdiction, String number) {
    }

    @Inject
    CheckinSnapshot snapshot;

    @Inject
    DeviceContext device;

    @Inject
    DistributionConfig config;

    @Inject
    ObjectMapper json;

    /** Runs on the I/O thread: the decision is in memory, so a hop to a worker thread would only add latency. */
    @POST
    @NonBlocking
    @DeviceAuthenticated
    public Response checkin(@Valid CheckinRequest request, @HeaderParam(HttpHeaders.IF_NONE_MATCH) String ifNoneMatch)
            throws JsonProcessingException {
        DeviceProfile profile = request == null ? null : request.profile();
        String installed = request == null || request.installed() == null ? null : request.installed().buildDigest();
        Snapshot s = snapshot.get();
        CheckinDecider.Decision d = CheckinDecider.decide(s, device.deviceId(), device.ownerId(), profile, installed);
        byte[] body = json.writeValueAsBytes(response(d, s, profile));
        String etag = etag(body);
        if (etag.equals(ifNoneMatch)) {
            return Response.notModified().header(HttpHeaders.ETAG, etag).build();
        }
        return Response.ok(body, MediaType.APPLICATION_JSON_TYPE).header(HttpHeaders.ETAG, etag).build();
    }

    private CheckinResponse response(CheckinDecider.Decision d, Snapshot s, DeviceProfile profile) {
        long poll = d.inRollout() ? config.activePollSeconds() : config.pollSeconds();
        Snapshot.Target t = d.target();
        if (t == null) {
            return new CheckinResponse(d.action().name(), poll, null, null, null, null);
        }
        Filing filing = Jurisdictions.of(profile.region()).stream().filter(j -> t.filings().containsKey(j))
                .sorted().findFirst().map(j -> new Filing(j, t.filings().get(j))).orElse(null);
        return new CheckinResponse(d.action().name(), poll, new Tuf(t.tufRepository(), t.targetPath()),
                new Target(t.digest(), t.length()), d.fromDigest() == null ? null : new Delta(d.fromDigest()),
                filing);
    }

    private static String etag(byte[] body) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(body);
            return "\"" + Base64.getUrlEncoder().withoutPadding().encodeToString(digest).substring(0, 22) + "\"";
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
