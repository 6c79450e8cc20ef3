package dev.modelport.registry.catalog;

import java.util.regex.Matcher;

/** How the API names a version in a body: {@code owner/model@MAJOR.MINOR.PATCH}. */
public record VersionName(String owner, String model, String version) {

    public static final String PATTERN = "^([a-z0-9][a-z0-9-]{1,63})/([a-z0-9][a-z0-9._-]{0,63})@"
            + "((?:0|[1-9][0-9]{0,8})\\.(?:0|[1-9][0-9]{0,8})\\.(?:0|[1-9][0-9]{0,8}))$";
    private static final java.util.regex.Pattern FORMAT = java.util.regex.Pattern.compile(PATTERN);

    /** Parses a name that Bean Validation has checked against {@link #PATTERN}. */
    public static VersionName parse(String text) {
        Matcher m = FORMAT.matcher(text);
        if (!m.matches()) {
            throw new IllegalArgumentException("'" + text + "' does not name a version as owner/model@1.0.0");
        }
        return new VersionName(m.group(1), m.group(2), m.group(3));
    }
}
