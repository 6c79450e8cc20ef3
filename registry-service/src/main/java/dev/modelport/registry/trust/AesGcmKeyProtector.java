package dev.modelport.registry.trust;

import dev.modelport.signing.key.InsecureSecretAccess;
import dev.modelport.signing.key.SecretBytes;
import io.quarkus.runtime.LaunchMode;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.jboss.logging.Logger;

/**
 * AES-256-GCM with the JDK's provider, keyed by {@code MODELPORT_KEY_ENCRYPTION_KEY}. Sealed form: {@code 0x01 ||
 * 12-byte random nonce || ciphertext || 16-byte tag}, with the context as additional authenticated data so a sealed
 * seed cannot be moved to another key's row.
 */
@ApplicationScoped
public class AesGcmKeyProtector implements AtRestKeyProtector {

    private static final Logger LOG = Logger.getLogger(AesGcmKeyProtector.class);
    private static final byte FORMAT = 0x01;
    private static final int NONCE = 12;
    private static final int TAG_BITS = 128;
    /** The published dev/test key from application.properties; its use is announced loudly. */
    static final String DEV_KEY_BASE64 = "ZGV2LW9ubHkta2V5LWVuY3J5cHRpb24ta2V5LTAwMDA=";

    private final SecretKeySpec key;
    private final String id;
    private final SecureRandom random = new SecureRandom();

    @Inject
    public AesGcmKeyProtector(TrustConfig config) {
        String encoded = config.keyEncryptionKey().filter(s -> !s.isBlank()).orElseThrow(() ->
                new IllegalStateException("MODELPORT_KEY_ENCRYPTION_KEY is not set: give the base64 of 32 random "
                        + "bytes (e.g. `openssl rand -base64 32`); it seals the platform's private signing keys"));
        byte[] raw;
        try {
            raw = Base64.getDecoder().decode(encoded.trim());
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("MODELPORT_KEY_ENCRYPTION_KEY is not valid base64");
        }
        if (raw.length != 32) {
            throw new IllegalStateException("MODELPORT_KEY_ENCRYPTION_KEY must decode to 32 bytes, got " + raw.length);
        }
        boolean devKey = encoded.trim().equals(DEV_KEY_BASE64);
        if (devKey && LaunchMode.current() == LaunchMode.NORMAL) {
            throw new IllegalStateException("the published dev key-encryption key must not be used in production; "
                    + "set MODELPORT_KEY_ENCRYPTION_KEY");
        }
        this.key = new SecretKeySpec(raw, "AES");
        this.id = "aes-256-gcm:" + fingerprint(raw);
        Arrays.fill(raw, (byte) 0);
        if (devKey) {
            LOG.warnf("Private signing keys are sealed with the PUBLISHED DEV key-encryption key (%s). "
                    + "This is acceptable only in %s mode; set MODELPORT_KEY_ENCRYPTION_KEY elsewhere.", id,
                    LaunchMode.current());
        } else {
            LOG.infof("Private signing keys are sealed with key-encryption key %s", id);
        }
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public byte[] seal(SecretBytes secret, String context) {
        byte[] plain = secret.toByteArray(InsecureSecretAccess.get());
        try {
            byte[] nonce = new byte[NONCE];
            random.nextBytes(nonce);
            Cipher cipher = cipher(Cipher.ENCRYPT_MODE, nonce, context);
            byte[] sealed = cipher.doFinal(plain);
            return ByteBuffer.allocate(1 + NONCE + sealed.length).put(FORMAT).put(nonce).put(sealed).array();
        } catch (GeneralSecurityException e) {
            throw new KeySealException("sealing a key for " + context + " failed", e);
        } finally {
            Arrays.fill(plain, (byte) 0);
        }
    }

    @Override
    public SecretBytes open(byte[] sealed, String context) {
        if (sealed.length < 1 + NONCE + TAG_BITS / 8 || sealed[0] != FORMAT) {
            throw new KeySealException("sealed key for " + context + " has an unknown format", null);
        }
        byte[] plain = null;
        try {
            Cipher cipher = cipher(Cipher.DECRYPT_MODE, Arrays.copyOfRange(sealed, 1, 1 + NONCE), context);
            plain = cipher.doFinal(sealed, 1 + NONCE, sealed.length - 1 - NONCE);
            return SecretBytes.copyOf(plain, InsecureSecretAccess.get());
        } catch (GeneralSecurityException e) {
            throw new KeySealException("the sealed key for " + context + " does not open with key-encryption key "
                    + id + " (wrong key configured, or the row was tampered with)", e);
        } finally {
            if (plain != null) {
                Arrays.fill(plain, (byte) 0);
            }
        }
    }

    private Cipher cipher(int mode, byte[] nonce, String context) throws GeneralSecurityException {
        Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
        cipher.init(mode, key, new GCMParameterSpec(TAG_BITS, nonce));
        cipher.updateAAD(context.getBytes(StandardCharsets.UTF_8));
        return cipher;
    }

    /** A public name for the key: a truncated hash under a domain label, so it reveals nothing usable. */
    private static String fingerprint(byte[] raw) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            md.update("modelport key-encryption key id\n".getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(md.digest(raw), 0, 8);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
