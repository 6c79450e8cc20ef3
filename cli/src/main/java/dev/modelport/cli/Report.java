package dev.modelport.cli;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;

/** What held and what did not, in plain words, one line per check. */
final class Report {

    enum Outcome { PASS, FAIL, NOTE }

    record Line(Outcome outcome, String text) {
    }

    private final List<Line> lines = new ArrayList<>();

    void pass(String text) {
        lines.add(new Line(Outcome.PASS, text));
    }

    void fail(String text) {
        lines.add(new Line(Outcome.FAIL, text));
    }

    void note(String text) {
        lines.add(new Line(Outcome.NOTE, text));
    }

    long failures() {
        return lines.stream().filter(l -> l.outcome() == Outcome.FAIL).count();
    }

    List<Line> lines() {
        return List.copyOf(lines);
    }

    /** Prints every line and a verdict; returns the exit code (0 only when nothing failed). */
    int print(PrintStream out) {
        for (Line l : lines) {
            out.printf("%-5s %s%n", l.outcome(), l.text());
        }
        long failed = failures();
        out.println(failed == 0 ? "VERIFIED: every check above holds."
                : "NOT VERIFIED: " + failed + " check(s) failed.");
        return failed == 0 ? 0 : 1;
    }
}
