package dev.modelport.registry.trust.tuf;

import dev.modelport.registry.common.crypto.Sha256;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Objects;

/**
 * One target of a TUF repository: its path ({@code <oem>/<file name>}), length, sha256 (lower-case hex) and optional
 * custom metadata (TUF §4.5 "custom", e.g. device class, model version). {@code content} is set only for small
 * files kept inline; otherwise devices are redirected to the blob store for {@code sha256:<hex>}.
 */
public record TufTarget(String path, long length, String sha256, ObjectNode custom, byte[] content) {

    public TufTarget {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(sha256, "sha256");
        custom = custom == null ? null : custom.deepCopy();
        content = content == null ? null : content.clone();
    }

    /** A target whose bytes the blob store serves. */
    public static TufTarget of(String path, long length, String sha256, ObjectNode custom) {
        return new TufTarget(path, length, sha256, custom, null);
    }

    /** A small target whose bytes the repository keeps itself. */
    public static TufTarget inline(String path, byte[] content, ObjectNode custom) {
        return new TufTarget(path, content.length, Sha256.hex(content), custom, content);
    }

    @Override
    public byte[] content() {
        return content == null ? null : content.clone();
    }

}
