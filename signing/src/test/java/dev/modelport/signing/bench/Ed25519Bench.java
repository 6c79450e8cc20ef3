package dev.modelport.signing.bench;

import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.Signature;
import org.bouncycastle.math.ec.rfc8032.Ed25519;

/**
 * Measures Ed25519 sign and verify rates of the JDK provider (SunEC) against BouncyCastle's
 * lightweight {@code rfc8032.Ed25519}. Not a test: run it by hand with
 * {@code java -cp target/classes:target/test-classes:<bcprov.jar> dev.modelport.signing.bench.Ed25519Bench}.
 * The result decided which implementation {@code dev.modelport.signing.key} uses.
 */
public final class Ed25519Bench {
  private static final long RUN_NANOS = 3_000_000_000L;

  private Ed25519Bench() {}

  public static void main(String[] args) throws Exception {
    byte[] message = "a 200-byte TUF timestamp is about this long ....................................."
        .repeat(2).getBytes(StandardCharsets.UTF_8);
    KeyPair jdkPair = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
    Signature jdkSigner = Signature.getInstance("Ed25519");
    Signature jdkVerifier = Signature.getInstance("Ed25519");
    jdkSigner.initSign(jdkPair.getPrivate());
    jdkSigner.update(message);
    byte[] jdkSig = jdkSigner.sign();

    byte[] seed = new byte[Ed25519.SECRET_KEY_SIZE];
    new SecureRandom().nextBytes(seed);
    byte[] pub = new byte[Ed25519.PUBLIC_KEY_SIZE];
    Ed25519.generatePublicKey(seed, 0, pub, 0);
    byte[] bcSig = new byte[Ed25519.SIGNATURE_SIZE];
    Ed25519.sign(seed, 0, message, 0, message.length, bcSig, 0);

    for (int round = 0; round < 2; round++) { // round 0 warms up the JIT
      double jdkSign = rate(() -> {
        jdkSigner.initSign(jdkPair.getPrivate());
        jdkSigner.update(message);
        jdkSigner.sign();
      });
      double jdkVerify = rate(() -> {
        jdkVerifier.initVerify(jdkPair.getPublic());
        jdkVerifier.update(message);
        if (!jdkVerifier.verify(jdkSig)) throw new AssertionError();
      });
      double bcSign = rate(() -> Ed25519.sign(seed, 0, message, 0, message.length, bcSig, 0));
      double bcVerify = rate(() -> {
        if (!Ed25519.verify(bcSig, 0, pub, 0, message, 0, message.length)) throw new AssertionError();
      });
      if (round == 1) {
        System.out.printf("JDK %s  sign %8.0f/s  verify %8.0f/s%n",
            System.getProperty("java.version"), jdkSign, jdkVerify);
        System.out.printf("BC  rfc8032   sign %8.0f/s  verify %8.0f/s%n", bcSign, bcVerify);
        System.out.printf("BC/JDK        sign %8.1fx  verify %8.1fx%n", bcSign / jdkSign, bcVerify / jdkVerify);
      }
    }
  }

  private interface Op {
    void run() throws Exception;
  }

  private static double rate(Op op) throws Exception {
    long start = System.nanoTime();
    long n = 0;
    while (System.nanoTime() - start < RUN_NANOS) {
      op.run();
      n++;
    }
    return n * 1e9 / (System.nanoTime() - start);
  }
}
