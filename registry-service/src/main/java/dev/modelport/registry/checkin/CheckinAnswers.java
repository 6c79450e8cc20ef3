package dev.modelport.registry.checkin;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.modelport.registry.device.DeviceProfile;
import dev.modelport.registry.distribution.DistributionConfig;
import dev.modelport.registry.distribution.Jurisdictions;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Pattern;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A device's check-in answer: the decision from the in-memory {@link CheckinSnapshot}, its JSON bytes and its ETag
 * (a digest of those bytes, so a device that sends it back gets 304 while nothing changed for it). No database read.
 *
 * <p>Almost every phone of a fleet gets one of a handful of answers (NO_UPDATE with the idle poll interval, or the
 * UPDATE of its release's build), so the bytes and ETag of each distinct answer are kept: a check-in then neither
 * serialises JSON nor hashes. The body is a pure function of the {@link CheckinResponse} value, so a kept answer can
 * never be stale; the map is bounded by dropping it whole when it grows past {@link #MAX_KEPT}.
 */
@ApplicationScoped
public class CheckinAnswers {

    static final int MAX_KEPT = 4096;

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

    /** The bytes of an answer and their ETag (quoted, as the header carries it). */
    public record Answer(byte[] body, String etag) {
    }

    @Inject
    CheckinSnapshot snapshot;

    @Inject
    DistributionConfig config;

    @Inject
    ObjectMapper json;

    private final Map<CheckinResponse, Answer> kept = new ConcurrentHashMap<>();

    /** The answer for this device, as its verified token names it, with this profile and installed build. */
    public Answer answer(String deviceId, UUID ownerId, CheckinRequest request) {
        DeviceProfile profile = request == null ? null : request.profile();
        String installed = request == null || request.installed() == null ? null : request.installed().buildDigest();
        Snapshot s = snapshot.get();
        CheckinDecider.Decision d = CheckinDecider.decide(s, deviceId, ownerId, profile, installed);
        CheckinResponse response = response(d, profile);
        Answer answer = kept.get(response);
        if (answer == null) {
            answer = render(response);
            if (kept.size() >= MAX_KEPT) {
                kept.clear();
            }
            kept.put(response, answer);
        }
        return answer;
    }

    private CheckinResponse response(CheckinDecider.Decision d, DeviceProfile profile) {
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

    private Answer render(CheckinResponse response) {
        try {
            byte[] body = json.writeValueAsBytes(response);
            return new Answer(body, etag(body));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a check-in answer did not serialise", e);
        }
    }

    static String etag(byte[] body) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(body);
            return "\"" + Base64.getUrlEncoder().withoutPadding().encodeToString(digest).substring(0, 22) + "\"";
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
