package dev.modelport.registry.deviceclass;

/** llama.cpp runtime versions are its build numbers, {@code b<digits>}, compared numerically. */
public final class RuntimeVersion {

    public static final String PATTERN = "^b[0-9]{1,9}$";

    private RuntimeVersion() {
    }

    public static long number(String version) {
        if (version == null || !version.matches(PATTERN)) {
            throw new IllegalArgumentException("not a runtime version: " + version);
        }
        return Long.parseLong(version.substring(1));
    }

    /** Whether {@code version} lies in {@code [min, max]}; a null max is open-ended. */
    public static boolean within(String version, String min, String max) {
        long v = number(version);
        return v >= number(min) && (max == null || v <= number(max));
    }
}
