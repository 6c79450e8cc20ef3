package dev.modelport.registry.common.paging;

import java.util.List;
import java.util.function.Function;

/** One page of a list, with the opaque cursor of the next page ({@code null} on the last page). */
public record Page<T>(List<T> items, String nextCursor) {

    public <R> Page<R> map(Function<T, R> mapper) {
        return new Page<>(items.stream().map(mapper).toList(), nextCursor);
    }

    /**
     * Cuts a result fetched with {@code limit + 1} rows down to {@code limit}, and makes the cursor from the last
     * row kept, so no count query is ever needed.
     */
    public static <T> Page<T> of(List<T> rowsPlusOne, int limit, Function<T, String> sortKey) {
        if (rowsPlusOne.size() <= limit) {
            return new Page<>(List.copyOf(rowsPlusOne), null);
        }
        List<T> items = List.copyOf(rowsPlusOne.subList(0, limit));
        return new Page<>(items, Cursor.encode(sortKey.apply(items.get(limit - 1))));
    }
}
