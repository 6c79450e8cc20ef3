package dev.modelport.signing.intoto;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.modelport.signing.internal.Json;
import java.time.Instant;
import java.util.Objects;

/**
 * A regulator's action ({@value #PREDICATE_TYPE}) such as a compliance hold on a model version
 * or a filing decision. {@code target} names what was acted on, e.g. {@code
 * model-version:acme/glm-9b-chat@1.2.0} or {@code filing:CN-2025-0042}.
 */
public record RegulatorActionPredicate(
    String regulator,
    String jurisdiction,
    String action,
    String target,
    String reason,
    Instant effectiveAt) implements Predicate {

  public static final String PREDICATE_TYPE = "https://modelport.dev/attestation/regulator-action/v1";

  public RegulatorActionPredicate {
    Objects.requireNonNull(regulator, "regulator");
    Objects.requireNonNull(jurisdiction, "jurisdiction");
    Objects.requireNonNull(action, "action");
    Objects.requireNonNull(target, "target");
    Objects.requireNonNull(effectiveAt, "effectiveAt");
  }

  public static Builder builder() {
    return new Builder();
  }

  @Override
  public String predicateType() {
    return PREDICATE_TYPE;
  }

  @Override
  public ObjectNode toJson() {
    ObjectNode o = Json.object().put("regulator", regulator).put("jurisdiction", jurisdiction)
        .put("action", action).put("target", target);
    if (reason != null) {
      o.put("reason", reason);
    }
    return o.put("effectiveAt", effectiveAt.toString());
  }

  public static RegulatorActionPredicate fromJson(JsonNode o) {
    return new RegulatorActionPredicate(Json.text(o, "regulator"), Json.text(o, "jurisdiction"),
        Json.text(o, "action"), Json.text(o, "target"), Json.optionalText(o, "reason"),
        Instant.parse(Json.text(o, "effectiveAt")));
  }

  public static final class Builder {
    private String regulator;
    private String jurisdiction;
    private String action;
    private String target;
    private String reason;
    private Instant effectiveAt;

    private Builder() {}

    public Builder regulator(String v) {
      regulator = v;
      return this;
    }

    public Builder jurisdiction(String v) {
      jurisdiction = v;
      return this;
    }

    /** e.g. HOLD, LIFT_HOLD, APPROVE_FILING, REJECT_FILING, SUSPEND_FILING. */
    public Builder action(String v) {
      action = v;
      return this;
    }

    public Builder target(String v) {
      target = v;
      return this;
    }

    public Builder reason(String v) {
      reason = v;
      return this;
    }

    public Builder effectiveAt(Instant v) {
      effectiveAt = v;
      return this;
    }

    public RegulatorActionPredicate build() {
      return new RegulatorActionPredicate(regulator, jurisdiction, action, target, reason, effectiveAt);
    }
  }
}
