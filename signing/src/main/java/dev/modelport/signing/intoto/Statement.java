package dev.modelport.signing.intoto;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.modelport.signing.dsse.DsseVerifier;
import dev.modelport.signing.dsse.Envelope;
import dev.modelport.signing.internal.Json;
import dev.modelport.signing.json.CanonicalJson;
import dev.modelport.signing.json.MalformedJsonException;
import dev.modelport.signing.key.Ed25519PublicKey;
import dev.modelport.signing.key.Ed25519Signer;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * An in-toto Statement v1: {@code {"_type": "https://in-toto.io/Statement/v1", "subject": [...],
 * "predicateType": ..., "predicate": {...}}}, carried in a DSSE envelope with payloadType
 * {@value #PAYLOAD_TYPE}.
 *
 * <p>The payload is the statement's canonical JSON (RFC 8785), so the same statement always has
 * the same bytes and digest, which the transparency log relies on.
 */
public final class Statement {
  public static final String TYPE = "https://in-toto.io/Statement/v1";
  public static final String PAYLOAD_TYPE = "application/vnd.in-toto+json";

  private final List<Subject> subjects;
  private final String predicateType;
  private final ObjectNode predicate;

  private Statement(List<Subject> subjects, String predicateType, ObjectNode predicate) {
    if (subjects.isEmpty()) {
      throw new IllegalArgumentException("a statement needs at least one subject");
    }
    this.subjects = List.copyOf(subjects);
    this.predicateType = Objects.requireNonNull(predicateType, "predicateType");
    this.predicate = predicate.deepCopy();
  }

  public static Statement of(List<Subject> subjects, Predicate predicate) {
    return new Statement(subjects, predicate.predicateType(), predicate.toJson());
  }

  /** For predicate types this library has no class for. */
  public static Statement of(List<Subject> subjects, String predicateType, ObjectNode predicate) {
    return new Statement(subjects, predicateType, predicate);
  }

  public static Statement fromJson(byte[] json) {
    JsonNode root = Json.requireObject(CanonicalJson.parse(json), "in-toto statement");
    if (!TYPE.equals(Json.text(root, "_type"))) {
      throw new MalformedJsonException("_type must be " + TYPE);
    }
    ArrayNode subj = Json.array(root, "subject");
    List<Subject> subjects = new ArrayList<>();
    subj.forEach(s -> subjects.add(Subject.fromJson(s)));
    return new Statement(subjects, Json.text(root, "predicateType"), Json.object(root, "predicate"));
  }

  /** Verifies the envelope with {@code verifier} and parses its payload; nothing unverified is parsed. */
  public static Statement verify(Envelope envelope, DsseVerifier verifier) {
    return fromJson(verifier.verify(envelope));
  }

  /** A DSSE verifier for statements (payloadType {@value #PAYLOAD_TYPE}). */
  public static DsseVerifier verifier(List<Ed25519PublicKey> keys, int threshold) {
    return DsseVerifier.of(PAYLOAD_TYPE, keys, threshold);
  }

  public Envelope sign(List<Ed25519Signer> signers) {
    return Envelope.sign(PAYLOAD_TYPE, toJsonBytes(), signers);
  }

  public Envelope sign(Ed25519Signer... signers) {
    return sign(List.of(signers));
  }

  public ObjectNode toJson() {
    ObjectNode o = Json.object().put("_type", TYPE);
    ArrayNode subj = o.putArray("subject");
    subjects.forEach(s -> subj.add(s.toJson()));
    o.put("predicateType", predicateType);
    o.set("predicate", predicate.deepCopy());
    return o;
  }

  public byte[] toJsonBytes() {
    return CanonicalJson.canonicalize(toJson());
  }

  public List<Subject> subjects() {
    return subjects;
  }

  public String predicateType() {
    return predicateType;
  }

  /** A copy of the predicate; typed predicates parse it with their {@code fromJson}. */
  public ObjectNode predicate() {
    return predicate.deepCopy();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Statement && toJson().equals(((Statement) o).toJson());
  }

  @Override
  public int hashCode() {
    return toJson().hashCode();
  }

  @Override
  public String toString() {
    return "Statement[" + predicateType + ", subjects=" + subjects + "]";
  }
}
