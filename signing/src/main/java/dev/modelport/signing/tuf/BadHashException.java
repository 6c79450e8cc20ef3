package dev.modelport.signing.tuf;

/** A file's digest differs from the one trusted metadata lists for it: arbitrary software or mix-and-match. */
public final class BadHashException extends TufException {
  private static final long serialVersionUID = 1L;
  private final String algorithm;
  private final String expected;
  private final String actual;

  public BadHashException(String name, String algorithm, String expected, String actual) {
    super(name, algorithm + " is " + actual + ", expected " + expected);
    this.algorithm = algorithm;
    this.expected = expected;
    this.actual = actual;
  }

  public String algorithm() {
    return algorithm;
  }

  public String expected() {
    return expected;
  }

  public String actual() {
    return actual;
  }
}
