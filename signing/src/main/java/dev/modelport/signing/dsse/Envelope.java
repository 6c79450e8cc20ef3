package dev.modelport.signing.dsse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.modelport.signing.internal.Json;
import dev.modelport.signing.json.CanonicalJson;
import dev.modelport.signing.key.Ed25519Signer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Objects;

/**
 * A DSSE v1 envelope: {@code {"payload": b64, "payloadType": ..., "signatures": [{"keyid", "sig"}]}}.
 *
 * <p>An Envelope is just data; nothing in it is trusted until {@link DsseVerifier#verify} has
 * returned its payload. Signatures cover {@link Pae#encode}(payloadType, payload), never the JSON.
 */
public final class Envelope {
  private final String payloadType;
  private final byte[] payload;
  private final List<EnvelopeSignature> signatures;

  public Envelope(String payloadType, byte[] payload, List<EnvelopeSignature> signatures) {
    this.payloadType = Objects.requireNonNull(payloadType, "payloadType");
    this.payload = Objects.requireNonNull(payload, "payload").clone();
    this.signatures = List.copyOf(signatures);
  }

  /** Signs {@code payload} with every signer; each signature carries its signer's TUF key id. */
  public static Envelope sign(String payloadType, byte[] payload, List<Ed25519Signer> signers) {
    if (signers.isEmpty()) {
      throw new IllegalArgumentException("at least one signer is required");
    }
    byte[] pae = Pae.encode(payloadType, payload);
    List<EnvelopeSignature> sigs = new ArrayList<>(signers.size());
    for (Ed25519Signer signer : signers) {
      sigs.add(new EnvelopeSignature(signer.keyId(), signer.sign(pae)));
    }
    return new Envelope(payloadType, payload, sigs);
  }

  public static Envelope sign(String payloadType, byte[] payload, Ed25519Signer... signers) {
    return sign(payloadType, payload, Arrays.asList(signers));
  }

  /**
   * Parses an envelope's JSON (strict: duplicate names refused). Does not verify anything.
   *
   * @throws MalformedEnvelopeException if the JSON is not a DSSE envelope
   */
  public static Envelope fromJson(byte[] json) {
    try {
      JsonNode root = Json.requireObject(CanonicalJson.parse(json), "DSSE envelope");
      ArrayNode sigs = Json.array(root, "signatures");
      List<EnvelopeSignature> out = new ArrayList<>(sigs.size());
      for (JsonNode s : sigs) {
        Json.requireObject(s, "signature");
        out.add(new EnvelopeSignature(Json.optionalText(s, "keyid"), Json.base64(s, "sig")));
      }
      return new Envelope(Json.text(root, "payloadType"), Json.base64(root, "payload"), out);
    } catch (IllegalArgumentException e) {
      throw new MalformedEnvelopeException("not a DSSE envelope: " + e.getMessage(), e);
    }
  }

  public ObjectNode toJson() {
    ObjectNode root = Json.object();
    root.put("payload", Base64.getEncoder().encodeToString(payload));
    root.put("payloadType", payloadType);
    ArrayNode sigs = root.putArray("signatures");
    for (EnvelopeSignature s : signatures) {
      sigs.addObject().put("keyid", s.keyId()).put("sig", Base64.getEncoder().encodeToString(s.sig()));
    }
    return root;
  }

  /** Canonical JSON bytes of {@link #toJson()}; stable, so the same envelope always hashes the same. */
  public byte[] toJsonBytes() {
    return CanonicalJson.canonicalize(toJson());
  }

  public String payloadType() {
    return payloadType;
  }

  /** The raw payload, unverified. Prefer the bytes returned by {@link DsseVerifier#verify}. */
  public byte[] payload() {
    return payload.clone();
  }

  public List<EnvelopeSignature> signatures() {
    return signatures;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Envelope
        && payloadType.equals(((Envelope) o).payloadType)
        && Arrays.equals(payload, ((Envelope) o).payload)
        && signatures.equals(((Envelope) o).signatures);
  }

  @Override
  public int hashCode() {
    return Objects.hash(payloadType, Arrays.hashCode(payload), signatures);
  }

  @Override
  public String toString() {
    return "Envelope[" + payloadType + ", " + payload.length + " bytes, " + signatures.size() + " signatures]";
  }
}
