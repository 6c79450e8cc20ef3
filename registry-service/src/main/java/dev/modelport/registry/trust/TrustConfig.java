package dev.modelport.registry.trust;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithName;
import java.time.Duration;
import java.util.Optional;

/** Settings of the trust feature ({@code modelport.trust.*}); see application.properties and docs/trust.md. */
@ConfigMapping(prefix = "modelport.trust")
public interface TrustConfig {

    /** Base64 of the 32-byte AES key sealing private keys at rest. Secret: never logged. */
    @WithName("key-encryption-key")
    Optional<String> keyEncryptionKey();

    Root root();

    Log log();

    Tuf tuf();

    interface Root {
        /** n: how many root keys. */
        int keys();

        /** k: how many of them must sign a root version. */
        int threshold();
    }

    interface Log {
        /** The checkpoint origin line, also the signed-note key name. */
        String origin();
    }

    interface Tuf {
        Duration rootExpiry();

        Duration targetsExpiry();

        Duration delegatedExpiry();

        Duration snapshotExpiry();

        Duration timestampExpiry();

        /** Metadata is re-signed once less than this fraction of its lifetime remains. */
        double refreshMarginFraction();

        String refreshEvery();

        long maxInlineTarget();
    }
}
