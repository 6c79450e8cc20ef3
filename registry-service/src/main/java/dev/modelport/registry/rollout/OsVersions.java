package dev.modelport.registry.rollout;

/** Compares dotted OS versions ("14", "14.1.2") number by number; a missing version is below every bound. */
final class OsVersions {

    private OsVersions() {
    }

    static int compare(String a, String b) {
        if (a == null || a.isBlank()) {
            return -1;
        }
        String[] x = a.split("[.]");
        String[] y = b.split("[.]");
        for (int i = 0; i < Math.max(x.length, y.length); i++) {
            long p = i < x.length ? number(x[i]) : 0;
            long q = i < y.length ? number(y[i]) : 0;
            if (p != q) {
                return Long.compare(p, q);
            }
        }
        return 0;
    }

    private static long number(String part) {
        String digits = part.replaceAll("[^0-9].*$", "");
        return digits.isEmpty() ? 0 : Long.parseLong(digits.length() > 18 ? digits.substring(0, 18) : digits);
    }
}
