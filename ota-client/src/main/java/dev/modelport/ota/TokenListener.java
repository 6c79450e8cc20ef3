package dev.modelport.ota;

/** Receives generated text piece by piece, on the inference thread; must be fast. */
@FunctionalInterface
public interface TokenListener {
  TokenListener NONE = piece -> {};

  void onToken(String piece);
}
