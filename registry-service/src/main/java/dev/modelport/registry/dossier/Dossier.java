package dev.modelport.registry.dossier;

/**
 * The dossier document format. A dossier is one JSON object:
 *
 * <pre>
 * { "mediaType": "application/vnd.modelport.dossier.v1+json",
 *   "payloadType": "application/vnd.modelport.dossier.v1+json",
 *   "dossier": { ...the content... },
 *   "signatures": [ { "keyid": "...", "sig": "base64" } ] }
 * </pre>
 *
 * <p>We chose a JSON document with a <em>detached</em> platform signature over a DSSE envelope: the content stays
 * readable (and diffable) JSON instead of a base64 payload, yet the signature is exactly a DSSE signature: each
 * {@code sig} is Ed25519 by a top-level targets key (listed in the TUF root) over
 * {@code PAE(payloadType, RFC 8785 canonical JSON of "dossier")}. A verifier rebuilds the DSSE envelope from the
 * canonical bytes and checks it with any DSSE library. See README "For regulators".
 */
public final class Dossier {

    public static final String MEDIA_TYPE = "application/vnd.modelport.dossier.v1+json";
    public static final String PAYLOAD_TYPE = MEDIA_TYPE;
    public static final String FORMAT = "modelport-dossier/v1";

    private Dossier() {
    }
}
