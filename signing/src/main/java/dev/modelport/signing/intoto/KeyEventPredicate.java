package dev.modelport.signing.intoto;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.modelport.signing.internal.Json;
import dev.modelport.signing.json.MalformedJsonException;
import dev.modelport.signing.key.Ed25519PublicKey;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A key lifecycle event ({@value #PREDICATE_TYPE}): a key added to, rotated in, or revoked from a
 * role such as an OEM's delegated targets role. The subject is the key itself: name {@code
 * key:<keyid>}, sha256 = the key id (which is a SHA-256 by construction).
 */
public record KeyEventPredicate(
    String event,
    String owner,
    String role,
    Ed25519PublicKey key,
    String previousKeyId,
    String reason,
    Instant effectiveAt) implements Predicate {

  public static final String PREDICATE_TYPE = "https://modelport.dev/attestation/key-event/v1";

  public KeyEventPredicate {
    Objects.requireNonNull(event, "event");
    Objects.requireNonNull(owner, "owner");
    Objects.requireNonNull(role, "role");
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(effectiveAt, "effectiveAt");
  }

  public static Builder builder() {
    return new Builder();
  }

  @Override
  public String predicateType() {
    return PREDICATE_TYPE;
  }

  public Statement toStatement() {
    return Statement.of(List.of(Subject.sha256("key:" + key.keyId(), key.keyId())), this);
  }

  @Override
  public ObjectNode toJson() {
    ObjectNode o = Json.object().put("event", event).put("owner", owner).put("role", role)
        .put("keyid", key.keyId()).put("publicKey", key.hex());
    if (previousKeyId != null) {
      o.put("previousKeyid", previousKeyId);
    }
    if (reason != null) {
      o.put("reason", reason);
    }
    return o.put("effectiveAt", effectiveAt.toString());
  }

  /** Parses and checks that {@code keyid} really is the id of {@code publicKey}. */
  public static KeyEventPredicate fromJson(JsonNode o) {
    Ed25519PublicKey key = Ed25519PublicKey.fromHex(Json.text(o, "publicKey"));
    if (!key.keyId().equals(Json.text(o, "keyid"))) {
      throw new MalformedJsonException("keyid does not match publicKey");
    }
    return new KeyEventPredicate(Json.text(o, "event"), Json.text(o, "owner"), Json.text(o, "role"), key,
        Json.optionalText(o, "previousKeyid"), Json.optionalText(o, "reason"),
        Instant.parse(Json.text(o, "effectiveAt")));
  }

  public static final class Builder {
    private String event;
    private String owner;
    private String role;
    private Ed25519PublicKey key;
    private String previousKeyId;
    private String reason;
    private Instant effectiveAt;

    private Builder() {}

    /** ADDED, ROTATED or REVOKED. */
    public Builder event(String v) {
      event = v;
      return this;
    }

    public Builder owner(String v) {
      owner = v;
      return this;
    }

    public Builder role(String v) {
      role = v;
      return this;
    }

    public Builder key(Ed25519PublicKey v) {
      key = v;
      return this;
    }

    public Builder previousKeyId(String v) {
      previousKeyId = v;
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

    public KeyEventPredicate build() {
      return new KeyEventPredicate(event, owner, role, key, previousKeyId, reason, effectiveAt);
    }
  }
}
