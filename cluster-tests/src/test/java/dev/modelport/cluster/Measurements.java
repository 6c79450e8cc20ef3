package dev.modelport.cluster;

/**
 * What the tests measure (propagation, recovery times), printed as one line each so that a run's output and the
 * failsafe reports carry the numbers that docs/scale.md quotes.
 */
final class Measurements {

    private Measurements() {
    }

    static void record(String kind, String what, String value) {
        System.out.printf("[measured] %-12s %-60s %s%n", kind, what, value);
    }
}
