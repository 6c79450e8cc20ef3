package dev.modelport.signing.intoto;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.modelport.signing.internal.Hex;
import dev.modelport.signing.internal.Json;
import dev.modelport.signing.json.MalformedJsonException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Build provenance for a model build, in the SLSA Provenance v1 shape
 * ({@value #PREDICATE_TYPE}) so generic SLSA tooling can read it:
 *
 * <ul>
 *   <li>{@code buildDefinition.buildType}: what kind of build, e.g. {@value #QUANTIZE_BUILD_TYPE};
 *   <li>{@code buildDefinition.externalParameters.recipe}: the recipe (quantization, device class...);
 *   <li>{@code buildDefinition.resolvedDependencies}: the input artifacts with sha256;
 *   <li>{@code runDetails.builder}: tool id and {@code version: {toolName: toolVersion}};
 *   <li>{@code runDetails.byproducts}: one descriptor per GGUF tensor (mediaType {@value
 *       #TENSOR_MEDIA_TYPE}), which is what delta downloads match on.
 * </ul>
 *
 * The output artifact is the Statement's subject, as SLSA prescribes.
 */
public record BuildProvenance(
    String buildType,
    List<Subject> inputs,
    String toolName,
    String toolVersion,
    String builderId,
    ObjectNode recipe,
    Subject output,
    Map<String, String> tensorDigests,
    String invocationId,
    Instant startedOn,
    Instant finishedOn) implements Predicate {

  public static final String PREDICATE_TYPE = "https://slsa.dev/provenance/v1";
  public static final String QUANTIZE_BUILD_TYPE = "https://modelport.dev/build/quantize/v1";
  public static final String TENSOR_MEDIA_TYPE = "application/vnd.modelport.gguf-tensor";

  public BuildProvenance {
    Objects.requireNonNull(buildType, "buildType");
    inputs = List.copyOf(inputs);
    if (inputs.isEmpty()) {
      throw new IllegalArgumentException("a build has at least one input");
    }
    Objects.requireNonNull(toolName, "toolName");
    Objects.requireNonNull(toolVersion, "toolVersion");
    Objects.requireNonNull(builderId, "builderId");
    recipe = recipe == null ? Json.object() : recipe.deepCopy();
    Objects.requireNonNull(output, "output");
    tensorDigests = Map.copyOf(tensorDigests);
    tensorDigests.forEach((name, hex) -> {
      if (!Hex.isLowerHex(hex, 32)) {
        throw new MalformedJsonException("tensor " + name + " needs a lower-case hex sha256");
      }
    });
  }

  public static Builder builder() {
    return new Builder();
  }

  @Override
  public ObjectNode recipe() {
    return recipe.deepCopy();
  }

  @Override
  public String predicateType() {
    return PREDICATE_TYPE;
  }

  /** A statement whose subject is the output artifact. */
  public Statement toStatement() {
    return Statement.of(List.of(output), this);
  }

  @Override
  public ObjectNode toJson() {
    ObjectNode root = Json.object();
    ObjectNode def = root.putObject("buildDefinition").put("buildType", buildType);
    def.putObject("externalParameters").set("recipe", recipe.deepCopy());
    ArrayNode deps = def.putArray("resolvedDependencies");
    inputs.forEach(i -> deps.add(i.toJson()));
    ObjectNode run = root.putObject("runDetails");
    ObjectNode builder = run.putObject("builder").put("id", builderId);
    builder.putObject("version").put(toolName, toolVersion);
    ObjectNode meta = run.putObject("metadata");
    if (invocationId != null) {
      meta.put("invocationId", invocationId);
    }
    if (startedOn != null) {
      meta.put("startedOn", startedOn.toString());
    }
    if (finishedOn != null) {
      meta.put("finishedOn", finishedOn.toString());
    }
    ArrayNode byproducts = run.putArray("byproducts");
    new TreeMap<>(tensorDigests).forEach((name, hex) ->
        byproducts.add(Subject.sha256(name, hex).toJson().put("mediaType", TENSOR_MEDIA_TYPE)));
    return root;
  }

  /** Reads a verified statement back; the single subject is the output. */
  public static BuildProvenance fromStatement(Statement statement) {
    if (!PREDICATE_TYPE.equals(statement.predicateType())) {
      throw new MalformedJsonException("not a build provenance: " + statement.predicateType());
    }
    if (statement.subjects().size() != 1) {
      throw new MalformedJsonException("build provenance must have exactly one subject, the output");
    }
    JsonNode p = statement.predicate();
    JsonNode def = Json.object(p, "buildDefinition");
    JsonNode run = Json.object(p, "runDetails");
    JsonNode builder = Json.object(run, "builder");
    Map<String, String> version = Json.stringMap(builder, "version");
    if (version.size() != 1) {
      throw new MalformedJsonException("runDetails.builder.version must name exactly one tool");
    }
    Map.Entry<String, String> tool = version.entrySet().iterator().next();
    List<Subject> inputs = new ArrayList<>();
    Json.array(def, "resolvedDependencies").forEach(d -> inputs.add(Subject.fromJson(d)));
    Map<String, String> tensors = new TreeMap<>();
    JsonNode byproducts = run.get("byproducts");
    if (byproducts != null && byproducts.isArray()) {
      for (JsonNode b : byproducts) {
        if (TENSOR_MEDIA_TYPE.equals(b.path("mediaType").asText())) {
          Subject t = Subject.fromJson(b);
          tensors.put(t.name(), t.sha256());
        }
      }
    }
    JsonNode meta = run.path("metadata");
    return new BuildProvenance(Json.text(def, "buildType"), inputs, tool.getKey(), tool.getValue(),
        Json.text(builder, "id"), Json.object(Json.object(def, "externalParameters"), "recipe"),
        statement.subjects().get(0), tensors, Json.optionalText(meta, "invocationId"),
        instant(meta, "startedOn"), instant(meta, "finishedOn"));
  }

  private static Instant instant(JsonNode meta, String field) {
    String s = meta.isObject() ? Json.optionalText(meta, field) : null;
    return s == null ? null : Instant.parse(s);
  }

  /** Builder; {@code builderId} defaults to {@code https://modelport.dev/builders/<toolName>}. */
  public static final class Builder {
    private String buildType = QUANTIZE_BUILD_TYPE;
    private final List<Subject> inputs = new ArrayList<>();
    private String toolName;
    private String toolVersion;
    private String builderId;
    private ObjectNode recipe = Json.object();
    private Subject output;
    private final Map<String, String> tensors = new TreeMap<>();
    private String invocationId;
    private Instant startedOn;
    private Instant finishedOn;

    private Builder() {}

    public Builder buildType(String v) {
      buildType = v;
      return this;
    }

    public Builder input(String name, String sha256Hex) {
      inputs.add(Subject.sha256(name, sha256Hex));
      return this;
    }

    public Builder tool(String name, String version) {
      toolName = name;
      toolVersion = version;
      return this;
    }

    public Builder builderId(String v) {
      builderId = v;
      return this;
    }

    public Builder recipe(ObjectNode v) {
      recipe = v.deepCopy();
      return this;
    }

    /** Adds one recipe parameter such as {@code quantization=Q4_0}. */
    public Builder recipe(String key, String value) {
      recipe.put(key, value);
      return this;
    }

    public Builder output(String name, String sha256Hex) {
      output = Subject.sha256(name, sha256Hex);
      return this;
    }

    public Builder tensorDigest(String tensorName, String sha256Hex) {
      tensors.put(tensorName, sha256Hex);
      return this;
    }

    public Builder tensorDigests(Map<String, String> v) {
      tensors.putAll(v);
      return this;
    }

    public Builder invocationId(String v) {
      invocationId = v;
      return this;
    }

    public Builder startedOn(Instant v) {
      startedOn = v;
      return this;
    }

    public Builder finishedOn(Instant v) {
      finishedOn = v;
      return this;
    }

    public BuildProvenance build() {
      String id = builderId != null ? builderId : "https://modelport.dev/builders/" + toolName;
      return new BuildProvenance(buildType, inputs, toolName, toolVersion, id, recipe, output, tensors,
          invocationId, startedOn, finishedOn);
    }
  }
}
