package dev.modelport.registry.blob;

import java.util.HexFormat;
import java.util.regex.Pattern;

/** A SHA-256 content address, written {@code sha256:<64 lowercase hex>} everywhere in the API. */
public record Sha256Digest(String hex) {

    public static final String PATTERN = "^sha256:[0-9a-f]{64}$";
    private static final Pattern HEX = Pattern.compile("[0-9a-f]{64}");

    public Sha256Digest {
        if (hex == null || !HEX.matcher(hex).matches()) {
            throw new IllegalArgumentException("not 64 lowercase hex digits: " + hex);
        }
    }

    /** Parses {@code sha256:<hex>}; throws IllegalArgumentException for anything else. */
    public static Sha256Digest parse(String text) {
        if (text == null || !text.startsWith("sha256:")) {
            throw new IllegalArgumentException("a digest is written sha256:<64 lowercase hex digits>");
        }
        return new Sha256Digest(text.substring("sha256:".length()));
    }

    public static Sha256Digest of(byte[] digest) {
        return new Sha256Digest(HexFormat.of().formatHex(digest));
    }

    @Override
    public String toString() {
        return "sha256:" + hex;
    }
}
