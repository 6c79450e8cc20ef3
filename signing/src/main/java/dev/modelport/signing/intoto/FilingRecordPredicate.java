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
 * A filing record ({@value #PREDICATE_TYPE}): the state of a regulatory filing covering model
 * versions. Subjects are the weight artifacts of the covered versions.
 */
public record FilingRecordPredicate(
    String jurisdiction,
    String filingNumber,
    String filer,
    String status,
    List<String> modelVersions,
    Instant recordedAt) implements Predicate {

  public static final String PREDICATE_TYPE = "https://modelport.dev/attestation/filing/v1";

  public FilingRecordPredicate {
    Objects.requireNonNull(jurisdiction, "jurisdiction");
    Objects.requireNonNull(filingNumber, "filingNumber");
    Objects.requireNonNull(filer, "filer");
    Objects.requireNonNull(status, "status");
    modelVersions = List.copyOf(modelVersions);
    Objects.requireNonNull(recordedAt, "recordedAt");
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
    ObjectNode o = Json.object().put("jurisdiction", jurisdiction).put("filingNumber", filingNumber)
        .put("filer", filer).put("status", status);
    ArrayNode mv = o.putArray("modelVersions");
    modelVersions.forEach(mv::add);
    return o.put("recordedAt", recordedAt.toString());
  }

  public static FilingRecordPredicate fromJson(JsonNode o) {
    List<String> versions = new ArrayList<>();
    Json.array(o, "modelVersions").forEach(v -> versions.add(v.asText()));
    return new FilingRecordPredicate(Json.text(o, "jurisdiction"), Json.text(o, "filingNumber"),
        Json.text(o, "filer"), Json.text(o, "status"), versions, Instant.parse(Json.text(o, "recordedAt")));
  }

  public static final class Builder {
    private String jurisdiction;
    private String filingNumber;
    private String filer;
    private String status;
    private final List<String> modelVersions = new ArrayList<>();
    private Instant recordedAt;

    private Builder() {}

    public Builder jurisdiction(String v) {
      jurisdiction = v;
      return this;
    }

    public Builder filingNumber(String v) {
      filingNumber = v;
      return this;
    }

    public Builder filer(String v) {
      filer = v;
      return this;
    }

    /** SUBMITTED, APPROVED, REJECTED, WITHDRAWN or SUSPENDED. */
    public Builder status(String v) {
      status = v;
      return this;
    }

    public Builder modelVersion(String v) {
      modelVersions.add(v);
      return this;
    }

    public Builder recordedAt(Instant v) {
      recordedAt = v;
      return this;
    }

    public FilingRecordPredicate build() {
      return new FilingRecordPredicate(jurisdiction, filingNumber, filer, status, modelVersions, recordedAt);
    }
  }
}
