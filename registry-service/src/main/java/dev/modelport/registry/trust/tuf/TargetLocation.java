package dev.modelport.registry.trust.tuf;

/** Where a target's bytes are: inline in the repository ({@code content}) or in the blob store ({@code sha256}). */
public record TargetLocation(String sha256, long length, byte[] content) {

    public boolean inline() {
        return content != null;
    }
}
