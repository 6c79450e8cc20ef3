package dev.modelport.signing.intoto;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.modelport.signing.internal.Json;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A release ({@value #PREDICATE_TYPE}): an OEM binds one model version, its licence entitlement
 * and its filings to one build per device class on a channel. Subjects are the build artifacts.
 */
public record ReleasePredicate(
    String org,
    String channel,
    String releaseId,
    String modelVersion,
    String entitlementId,
    List<String> filings,
    List<Build> builds,
    Instant releasedAt) implements Predicate {

  public static final String PREDICATE_TYPE = "https://modelport.dev/attestation/release/v1";

  /** One build of the release: device class, quantization and the GGUF artifact. */
  public record Build(String deviceClass, String quantization, Subject artifact) {
    public Build {
      Objects.requireNonNull(deviceClass, "deviceClass");
      Objects.requireNonNull(quantization, "quantization");
      Objects.requireNonNull(artifact, "artifact");
    }
  }

  public ReleasePredicate {
    Objects.requireNonNull(org, "org");
    Objects.requireNonNull(channel, "channel");
    Objects.requireNonNull(releaseId, "releaseId");
    Objects.requireNonNull(modelVersion, "modelVersion");
    filings = List.copyOf(filings);
    builds = List.copyOf(builds);
    if (builds.isEmpty()) {
      throw new IllegalArgumentException("a release has at least one build");
    }
    Objects.requireNonNull(releasedAt, "releasedAt");
  }

  public static Builder builder() {
    return new Builder();
  }

  @Override
  public String predicateType() {
    return PREDICATE_TYPE;
  }

  public Statement toStatement() {
    return Statement.of(builds.stream().map(Build::artifact).toList(), this);
  }

  @Override
  public ObjectNode toJson() {
    ObjectNode o = Json.object().put("org", org).put("channel", channel).put("releaseId", releaseId)
        .put("modelVersion", modelVersion);
    if (entitlementId != null) {
      o.put("entitlementId", entitlementId);
    }
    ArrayNode f = o.putArray("filings");
    filings.forEach(f::add);
    ArrayNode b = o.putArray("builds");
    builds.forEach(x -> b.addObject().put("deviceClass", x.deviceClass()).put("quantization", x.quantization())
        .set("artifact", x.artifact().toJson()));
    return o.put("releasedAt", releasedAt.toString());
  }

  public static ReleasePredicate fromJson(JsonNode o) {
    List<String> filings = new ArrayList<>();
    Json.array(o, "filings").forEach(f -> filings.add(f.asText()));
    List<Build> builds = new ArrayList<>();
    Json.array(o, "builds").forEach(b -> builds.add(new Build(Json.text(b, "deviceClass"),
        Json.text(b, "quantization"), Subject.fromJson(Json.object(b, "artifact")))));
    return new ReleasePredicate(Json.text(o, "org"), Json.text(o, "channel"), Json.text(o, "releaseId"),
        Json.text(o, "modelVersion"), Json.optionalText(o, "entitlementId"), filings, builds,
        Instant.parse(Json.text(o, "releasedAt")));
  }

  public static final class Builder {
    private String org;
    private String channel;
    private String releaseId;
    private String modelVersion;
    private String entitlementId;
    private final List<String> filings = new ArrayList<>();
    private final List<Build> builds = new ArrayList<>();
    private Instant releasedAt;

    private Builder() {}

    public Builder org(String v) {
      org = v;
      return this;
    }

    public Builder channel(String v) {
      channel = v;
      return this;
    }

    public Builder releaseId(String v) {
      releaseId = v;
      return this;
    }

    public Builder modelVersion(String v) {
      modelVersion = v;
      return this;
    }

    public Builder entitlementId(String v) {
      entitlementId = v;
      return this;
    }

    public Builder filing(String filingNumber) {
      filings.add(filingNumber);
      return this;
    }

    public Builder build(String deviceClass, String quantization, String artifactName, String sha256Hex) {
      builds.add(new Build(deviceClass, quantization, Subject.sha256(artifactName, sha256Hex)));
      return this;
    }

    public Builder releasedAt(Instant v) {
      releasedAt = v;
      return this;
    }

    public ReleasePredicate build() {
      return new ReleasePredicate(org, channel, releaseId, modelVersion, entitlementId, filings, builds, releasedAt);
    }
  }
}
