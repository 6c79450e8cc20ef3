package dev.modelport.registry.blob.device;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A {@code Range} header resolved against a representation of {@code length} bytes (RFC 9110 §14.1.2, §14.2).
 * Either the header is ignored (absent, another unit, syntactically invalid, or abusive), or it names no satisfiable
 * range (416), or it names one or more satisfiable ranges in the order asked.
 */
sealed interface RangeRequest {

    /** More ranges than any honest client asks for; the OTA client sends at most 32 (RFC 9110 §14.2 lets us ignore). */
    int MAX_RANGES = 128;

    /** Serve the whole representation. */
    record Whole() implements RangeRequest {
    }

    /** No range overlaps the representation: 416 with {@code Content-Range: bytes *}{@code /length}. */
    record Unsatisfiable() implements RangeRequest {
    }

    /** The satisfiable ranges, each clipped to the representation. */
    record Ranges(List<ByteRange> ranges) implements RangeRequest {
    }

    /** Inclusive byte positions, as in {@code Content-Range: bytes first-last/length}. */
    record ByteRange(long first, long last) {
        long length() {
            return last - first + 1;
        }

        String contentRange(long total) {
            return "bytes " + first + "-" + last + "/" + total;
        }
    }

    static RangeRequest parse(String header, long length) {
        if (header == null) {
            return new Whole();
        }
        int eq = header.indexOf('=');
        // §14.1: the range unit is case-insensitive; units other than bytes are ignored.
        if (eq < 0 || !header.substring(0, eq).trim().toLowerCase(Locale.ROOT).equals("bytes")) {
            return new Whole();
        }
        String[] specs = header.substring(eq + 1).split(",", -1);
        if (specs.length > MAX_RANGES) {
            return new Whole();
        }
        List<ByteRange> satisfiable = new ArrayList<>();
        int named = 0;
        for (String raw : specs) {
            String spec = raw.trim();
            if (spec.isEmpty()) {
                continue; // #rule lists allow empty elements (§5.6.1)
            }
            named++;
            int dash = spec.indexOf('-');
            if (dash < 0) {
                return new Whole();
            }
            String first = spec.substring(0, dash).trim();
            String last = spec.substring(dash + 1).trim();
            if (!digits(first) || !(last.isEmpty() || digits(last)) || (first.isEmpty() && last.isEmpty())) {
                return new Whole(); // §14.1.2: an invalid byte-range-spec makes the whole set invalid
            }
            if (first.isEmpty()) {
                // suffix-range: the last N bytes; "-0" is unsatisfiable.
                long suffix = number(last);
                if (suffix > 0 && length > 0) {
                    satisfiable.add(new ByteRange(Math.max(0, length - suffix), length - 1));
                }
                continue;
            }
            long from = number(first);
            long to = last.isEmpty() ? Long.MAX_VALUE : number(last);
            if (to < from) {
                return new Whole();
            }
            if (from < length) {
                satisfiable.add(new ByteRange(from, Math.min(to, length - 1)));
            }
        }
        if (named == 0) {
            return new Whole();
        }
        return satisfiable.isEmpty() ? new Unsatisfiable() : new Ranges(List.copyOf(satisfiable));
    }

    private static boolean digits(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) < '0' || s.charAt(i) > '9') {
                return false;
            }
        }
        return true;
    }

    /** Positions beyond any file saturate instead of overflowing. */
    private static long number(String digits) {
        return digits.length() > 18 ? Long.MAX_VALUE : Long.parseLong(digits);
    }
}
