package dev.modelport.signing.tuf;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.modelport.signing.internal.Hex;
import dev.modelport.signing.internal.Json;
import dev.modelport.signing.json.CanonicalJson;
import dev.modelport.signing.key.Ed25519PublicKey;
import dev.modelport.signing.key.Ed25519Signer;
import dev.modelport.signing.key.SignatureVerificationException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * A TUF metadata file: {@code {"signatures": [{"keyid", "sig"}], "signed": {...}}}, signatures
 * in hex over the canonical JSON of "signed".
 *
 * <p>Guarantee: {@link #verify} returns normally only if at least {@code threshold} distinct
 * Ed25519 public keys listed for the role signed the exact bytes that were parsed. Keys are
 * counted by key material, not key id, so one key listed under two ids counts once.
 */
public final class SignedMetadata<T extends Signed> {
  /** One signature entry. */
  public record Signature(String keyId, byte[] sig) {}

  private final T signed;
  private final ObjectNode signedJson;
  private final List<Signature> signatures;
  private final byte[] bytes;

  private SignedMetadata(T signed, ObjectNode signedJson, List<Signature> signatures, byte[] bytes) {
    this.signed = signed;
    this.signedJson = signedJson;
    this.signatures = List.copyOf(signatures);
    this.bytes = bytes;
  }

  /** Signs {@code signed} with each signer and serializes the file. */
  public static <T extends Signed> SignedMetadata<T> sign(T signed, List<Ed25519Signer> signers) {
    ObjectNode json = signed.toJson();
    byte[] canonical = TufJson.signingBytes(json, true);
    List<Signature> sigs = new ArrayList<>();
    signers.forEach(s -> sigs.add(new Signature(s.keyId(), s.sign(canonical))));
    return new SignedMetadata<>(signed, json, sigs, serialize(json, sigs));
  }

  public static SignedMetadata<RootMetadata> parseRoot(byte[] bytes) {
    return parse(bytes, RootMetadata.TYPE, RootMetadata::fromJson);
  }

  public static SignedMetadata<TimestampMetadata> parseTimestamp(byte[] bytes) {
    return parse(bytes, TimestampMetadata.TYPE, TimestampMetadata::fromJson);
  }

  public static SignedMetadata<SnapshotMetadata> parseSnapshot(byte[] bytes) {
    return parse(bytes, SnapshotMetadata.TYPE, SnapshotMetadata::fromJson);
  }

  public static SignedMetadata<TargetsMetadata> parseTargets(byte[] bytes) {
    return parse(bytes, TargetsMetadata.TYPE, TargetsMetadata::fromJson);
  }

  private static <T extends Signed> SignedMetadata<T> parse(byte[] bytes, String type, Function<JsonNode, T> parser) {
    try {
      JsonNode root = Json.requireObject(CanonicalJson.parse(bytes), "metadata");
      ObjectNode signedJson = Json.object(root, "signed");
      List<Signature> sigs = new ArrayList<>();
      for (JsonNode s : Json.array(root, "signatures")) {
        Json.requireObject(s, "signature");
        sigs.add(new Signature(Json.text(s, "keyid"), Hex.decode(Json.text(s, "sig"))));
      }
      return new SignedMetadata<>(parser.apply(signedJson), signedJson, sigs, bytes.clone());
    } catch (IllegalArgumentException e) {
      throw new MalformedMetadataException(type, "not valid " + type + " metadata: " + e.getMessage(), e);
    }
  }

  /**
   * Checks that {@code threshold} of the role's keys signed.
   *
   * @throws ThresholdNotMetException if they did not
   */
  public void verify(String roleName, Role role, Map<String, Ed25519PublicKey> keys) {
    byte[] canonical = TufJson.signingBytes(signedJson, false);
    Set<Ed25519PublicKey> valid = new HashSet<>();
    for (Signature s : signatures) {
      Ed25519PublicKey key = role.keyIds().contains(s.keyId()) ? keys.get(s.keyId()) : null;
      if (key == null || valid.contains(key)) {
        continue;
      }
      try {
        key.verifier().verify(s.sig(), canonical);
        valid.add(key);
      } catch (SignatureVerificationException invalid) {
        // An invalid signature just does not count.
      }
    }
    if (valid.size() < role.threshold()) {
      throw new ThresholdNotMetException(roleName, role.threshold(), valid.size());
    }
  }

  public T signed() {
    return signed;
  }

  public List<Signature> signatures() {
    return signatures;
  }

  /** The file's bytes: exactly what was parsed, or what {@link #sign} produced. */
  public byte[] bytes() {
    return bytes.clone();
  }

  private static byte[] serialize(ObjectNode signed, List<Signature> sigs) {
    ObjectNode root = Json.object();
    ArrayNode arr = root.putArray("signatures");
    sigs.forEach(s -> arr.addObject().put("keyid", s.keyId()).put("sig", Hex.encode(s.sig())));
    root.set("signed", signed);
    return CanonicalJson.canonicalize(root);
  }

  @Override
  public String toString() {
    return "SignedMetadata[" + signed.type() + " v" + signed.version() + ", " + signatures.size() + " signatures]";
  }
}
