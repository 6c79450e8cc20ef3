package dev.modelport.registry.filing;

import dev.modelport.registry.common.paging.Cursor;
import dev.modelport.registry.common.problem.DomainException;
import dev.modelport.registry.common.problem.ErrorCode;
import java.time.Instant;
import java.util.UUID;

/** The keyset of the oldest-first queue: the last row's creation time and id ({@code <instant>|<uuid>}). */
record QueueCursor(Instant createdAt, UUID id) {

    static final QueueCursor START = new QueueCursor(Instant.EPOCH, new UUID(0, 0));

    static String key(Instant createdAt, UUID id) {
        return createdAt + "|" + id;
    }

    static QueueCursor decode(String cursor) {
        String key = Cursor.decode(cursor);
        if (key.isEmpty()) {
            return START;
        }
        int bar = key.indexOf('|');
        try {
            return new QueueCursor(Instant.parse(key.substring(0, bar)), UUID.fromString(key.substring(bar + 1)));
        } catch (RuntimeException e) {
            throw new DomainException(ErrorCode.BAD_CURSOR, "cursor '" + cursor + "' was not issued by this API");
        }
    }
}
