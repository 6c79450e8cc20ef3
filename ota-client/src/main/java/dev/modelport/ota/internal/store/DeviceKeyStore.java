package dev.modelport.ota.internal.store;

import dev.modelport.ota.FileSystem;
import dev.modelport.signing.key.Ed25519PrivateKey;
import dev.modelport.signing.key.InsecureSecretAccess;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * The device's Ed25519 key, generated on first use and kept in the state directory as PKCS#8
 * PEM, readable by the owner only where the file system has POSIX permissions.
 */
public final class DeviceKeyStore {
  private DeviceKeyStore() {}

  public static Ed25519PrivateKey loadOrCreate(StateDir dir) throws IOException {
    FileSystem fs = dir.fs();
    Path file = dir.deviceKey();
    if (fs.exists(file)) {
      return Ed25519PrivateKey.fromPkcs8Pem(new String(fs.readAll(file), StandardCharsets.US_ASCII),
          InsecureSecretAccess.get());
    }
    Ed25519PrivateKey key = Ed25519PrivateKey.generate();
    AtomicFiles.write(fs, file, key.toPkcs8Pem(InsecureSecretAccess.get()).getBytes(StandardCharsets.US_ASCII));
    try {
      Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
    } catch (UnsupportedOperationException | IOException notPosix) {
      // Android app-private storage and Windows profiles are private already.
    }
    return key;
  }
}
