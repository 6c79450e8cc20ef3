package dev.modelport.registry.blob.device;

import dev.modelport.registry.blob.Sha256Digest;

/** Entity tags of blobs: the quoted digest, a strong validator since the bytes never change (RFC 9110 §8.8.3). */
final class EntityTags {

    private EntityTags() {
    }

    static String of(Sha256Digest digest) {
        return "\"" + digest + "\"";
    }

    /** If-None-Match: {@code *} or any listed tag, compared weakly (§13.1.2). */
    static boolean anyMatches(String header, String etag) {
        if (header == null) {
            return false;
        }
        for (String tag : header.split(",")) {
            String t = tag.trim();
            if (t.equals("*") || weak(t).equals(etag)) {
                return true;
            }
        }
        return false;
    }

    /** If-Range: one entity tag compared strongly (§13.1.5); a date never matches, as blobs carry no Last-Modified. */
    static boolean strongMatch(String header, String etag) {
        return header.trim().equals(etag);
    }

    private static String weak(String tag) {
        return tag.startsWith("W/") ? tag.substring(2) : tag;
    }
}
