package dev.modelport.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.modelport.signing.dsse.DsseVerifier;
import dev.modelport.signing.dsse.Envelope;
import dev.modelport.signing.intoto.KeyEventPredicate;
import dev.modelport.signing.intoto.Statement;
import dev.modelport.signing.key.Ed25519PublicKey;
import dev.modelport.signing.key.SignatureVerificationException;
import dev.modelport.signing.tuf.Role;
import dev.modelport.signing.tuf.RootMetadata;
import dev.modelport.signing.tuf.SignedMetadata;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The keys we may trust, derived from the pinned root only: every key of the root's four roles, plus keys that a
 * threshold of the root keys introduced in a key-event statement (an OEM's delegated key, the log's checkpoint key),
 * minus any such key a root-signed key event revoked.
 */
final class TrustAnchors {

    /** A trusted key and why it is trusted. */
    record Anchor(Ed25519PublicKey key, String role, String owner, String why) {
    }

    private final RootMetadata root;
    private final Map<String, Anchor> anchors = new LinkedHashMap<>();
    private final Set<String> revoked = new TreeSet<>();

    private TrustAnchors(RootMetadata root) {
        this.root = root;
    }

    /** Checks that the root is signed by its own threshold and collects its keys. */
    static TrustAnchors fromRoot(byte[] rootJson, Report report) {
        SignedMetadata<RootMetadata> signed = SignedMetadata.parseRoot(rootJson);
        RootMetadata r = signed.signed();
        signed.verify("root", r.role("root"), r.keys());
        report.pass("root.json version " + r.version() + " is signed by " + r.role("root").threshold() + " of its "
                + r.role("root").keyIds().size() + " root keys");
        if (r.expires().isBefore(java.time.Instant.now())) {
            report.note("root.json version " + r.version() + " expired on " + r.expires()
                    + "; a phone would fetch a newer root before trusting it");
        }
        TrustAnchors a = new TrustAnchors(r);
        for (String roleName : RootMetadata.TOP_LEVEL_ROLES) {
            for (String id : r.role(roleName).keyIds()) {
                Ed25519PublicKey k = r.keys().get(id);
                if (k != null) {
                    a.anchors.putIfAbsent(id, new Anchor(k, roleName, "modelport", "listed for role " + roleName
                            + " in root.json v" + r.version()));
                }
            }
        }
        return a;
    }

    /** Learns keys from root-signed key-event envelopes; unsigned or wrongly signed events are reported and ignored. */
    void learn(List<JsonNode> keyEvents, Report report) {
        DsseVerifier byRoot = rootVerifier();
        List<KeyEventPredicate> events = new ArrayList<>();
        for (JsonNode json : keyEvents) {
            try {
                Statement st = Statement.verify(Envelope.fromJson(json.toString().getBytes(
                        java.nio.charset.StandardCharsets.UTF_8)), byRoot);
                events.add(KeyEventPredicate.fromJson(st.predicate()));
            } catch (SignatureVerificationException | IllegalArgumentException e) {
                report.fail("a key event in the bundle is not signed by the root's threshold: " + e.getMessage());
            }
        }
        for (KeyEventPredicate e : events) {
            if (e.event().equals("REVOKED")) {
                revoked.add(e.key().keyId());
            } else {
                anchors.putIfAbsent(e.key().keyId(), new Anchor(e.key(), e.role(), e.owner(),
                        "introduced by a root-signed key event (" + e.event() + " " + e.effectiveAt() + ")"));
            }
        }
        revoked.forEach(id -> {
            if (anchors.remove(id) != null) {
                report.fail("key " + short_(id) + " was revoked by a root-signed key event");
            }
        });
    }

    /** A verifier needing the root role's threshold. */
    DsseVerifier rootVerifier() {
        Role rr = root.role("root");
        List<Ed25519PublicKey> keys = rr.keyIds().stream().map(root.keys()::get).toList();
        return DsseVerifier.of(Statement.PAYLOAD_TYPE, keys, rr.threshold());
    }

    Anchor anchor(String keyId) {
        return anchors.get(keyId);
    }

    List<Anchor> withRole(String role) {
        return anchors.values().stream().filter(a -> a.role().equals(role)).toList();
    }

    RootMetadata root() {
        return root;
    }

    static String short_(String keyId) {
        return keyId.length() > 12 ? keyId.substring(0, 12) + "…" : keyId;
    }
}
