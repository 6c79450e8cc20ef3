package dev.modelport.registry.common.paging;

import dev.modelport.registry.common.problem.DomainException;
import dev.modelport.registry.common.problem.ErrorCode;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.UUID;

/** Opaque keyset cursors: the sort key of the last row seen, base64url-encoded. */
public final class Cursor {

    public static final int DEFAULT_LIMIT = 50;
    public static final int MAX_LIMIT = 200;

    private Cursor() {
    }

    public static String encode(String sortKey) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(sortKey.getBytes(StandardCharsets.UTF_8));
    }

    /** The sort key after which the page starts; the empty string for the first page. */
    public static String decode(String cursor) {
        if (cursor == null || cursor.isEmpty()) {
            return "";
        }
        try {
            return new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new DomainException(ErrorCode.BAD_CURSOR, "cursor '" + cursor + "' was not issued by this API");
        }
    }

    /** The id after which a page ordered by UUID starts: the nil UUID for the first page. */
    public static UUID afterId(String cursor) {
        String key = decode(cursor);
        try {
            return key.isEmpty() ? new UUID(0, 0) : UUID.fromString(key);
        } catch (IllegalArgumentException e) {
            throw new DomainException(ErrorCode.BAD_CURSOR, "cursor '" + cursor + "' was not issued by this API");
        }
    }

    public static int limit(Integer requested) {
        if (requested == null) {
            return DEFAULT_LIMIT;
        }
        if (requested < 1 || requested > MAX_LIMIT) {
            throw new DomainException(ErrorCode.VALIDATION_FAILED, "limit must be between 1 and " + MAX_LIMIT);
        }
        return requested;
    }
}
