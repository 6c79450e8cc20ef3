package dev.modelport.signing.key;

/**
 * Capability token required to read secret key bytes out of {@link SecretBytes}.
 *
 * <p>It protects nothing at run time; its purpose is that every line of code that handles raw
 * private key material contains {@code InsecureSecretAccess.get()} and can be found with grep and
 * reviewed (the Tink idiom).
 */
public final class InsecureSecretAccess {
  private static final InsecureSecretAccess INSTANCE = new InsecureSecretAccess();

  private InsecureSecretAccess() {}

  public static InsecureSecretAccess get() {
    return INSTANCE;
  }
}
