package dev.modelport.registry.trust;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.modelport.signing.key.InsecureSecretAccess;
import dev.modelport.signing.key.SecretBytes;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Sealing private keys at rest, on its own: no server. */
class AesGcmKeyProtectorTest {

    private static AesGcmKeyProtector protector(String base64Key) {
        return new AesGcmKeyProtector(new TrustConfig() {
            @Override
            public Optional<String> keyEncryptionKey() {
                return Optional.ofNullable(base64Key);
            }

            @Override
            public Root root() {
                return null;
            }

            @Override
            public Log log() {
                return null;
            }

            @Override
            public Tuf tuf() {
                return null;
            }
        });
    }

    private static String randomKey() {
        byte[] k = new byte[32];
        new SecureRandom().nextBytes(k);
        return Base64.getEncoder().encodeToString(k);
    }

    private static final SecretBytes SEED = SecretBytes.copyOf(new byte[32], InsecureSecretAccess.get());

    @Test
    void sealedSecretsOpenOnlyWithTheSameKeyAndContext() {
        String key = randomKey();
        byte[] sealed = protector(key).seal(SEED, "key a");

        assertThat(protector(key).open(sealed, "key a")).isEqualTo(SEED);
        assertThatThrownBy(() -> protector(key).open(sealed, "key b"))
                .isInstanceOf(AtRestKeyProtector.KeySealException.class);
        assertThatThrownBy(() -> protector(randomKey()).open(sealed, "key a"))
                .isInstanceOf(AtRestKeyProtector.KeySealException.class);
    }

    @Test
    void aFlippedBitIsDetected() {
        AesGcmKeyProtector p = protector(randomKey());
        byte[] sealed = p.seal(SEED, "k");
        sealed[20] ^= 1;
        assertThatThrownBy(() -> p.open(sealed, "k")).isInstanceOf(AtRestKeyProtector.KeySealException.class);
    }

    @Test
    void sealingTwiceGivesDifferentCiphertexts() {
        AesGcmKeyProtector p = protector(randomKey());
        assertThat(p.seal(SEED, "k")).isNotEqualTo(p.seal(SEED, "k"));
    }

    @Test
    void aMissingOrShortKeyStopsStartupWithoutEchoingIt() {
        assertThatThrownBy(() -> protector(null)).hasMessageContaining("MODELPORT_KEY_ENCRYPTION_KEY is not set");
        String shortKey = Base64.getEncoder().encodeToString(new byte[16]);
        assertThatThrownBy(() -> protector(shortKey)).hasMessageContaining("32 bytes")
                .hasMessageNotContaining(shortKey);
    }

    @Test
    void theIdNamesTheKeyWithoutRevealingIt() {
        String key = randomKey();
        assertThat(protector(key).id()).startsWith("aes-256-gcm:").doesNotContain(key);
    }
}
