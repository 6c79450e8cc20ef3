package dev.modelport.registry.catalog;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A version label MAJOR.MINOR.PATCH, ordered numerically, so that licence offers can cover version ranges. */
public record SemVer(int major, int minor, int patch) implements Comparable<SemVer> {

    public static final String PATTERN = "^(0|[1-9][0-9]{0,8})\\.(0|[1-9][0-9]{0,8})\\.(0|[1-9][0-9]{0,8})$";
    private static final Pattern FORMAT = Pattern.compile(PATTERN);

    public SemVer {
        if (major < 0 || minor < 0 || patch < 0) {
            throw new IllegalArgumentException("version parts are never negative");
        }
    }

    /** Parses {@code 1.2.3}; IllegalArgumentException for anything else. */
    public static SemVer parse(String label) {
        Matcher m = label == null ? null : FORMAT.matcher(label);
        if (m == null || !m.matches()) {
            throw new IllegalArgumentException("'" + label + "' is not a version MAJOR.MINOR.PATCH such as 1.0.0");
        }
        return new SemVer(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3)));
    }

    @Override
    public int compareTo(SemVer o) {
        int c = Integer.compare(major, o.major);
        if (c == 0) {
            c = Integer.compare(minor, o.minor);
        }
        return c != 0 ? c : Integer.compare(patch, o.patch);
    }

    @Override
    public String toString() {
        return major + "." + minor + "." + patch;
    }
}
