package dev.modelport.signing.tuf;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Non-volatile storage for trusted metadata (TUF §5.3.8, 5.4.5, 5.5.7, 5.6.6), keyed by file
 * name such as {@code root.json}. A phone backs it with files written atomically.
 */
public interface MetadataStore {
  Optional<byte[]> load(String name);

  void store(String name, byte[] bytes);

  void delete(String name);

  /** A store that forgets everything when the process ends, for servers and tests. */
  static MetadataStore inMemory() {
    Map<String, byte[]> map = new ConcurrentHashMap<>();
    return new MetadataStore() {
      @Override
      public Optional<byte[]> load(String name) {
        return Optional.ofNullable(map.get(name)).map(byte[]::clone);
      }

      @Override
      public void store(String name, byte[] bytes) {
        map.put(name, bytes.clone());
      }

      @Override
      public void delete(String name) {
        map.remove(name);
      }
    };
  }
}
