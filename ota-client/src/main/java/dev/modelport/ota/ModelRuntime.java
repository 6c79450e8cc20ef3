package dev.modelport.ota;

import dev.modelport.gguf.format.GgufReader;
import dev.modelport.gguf.memory.MemoryEstimator;
import java.io.IOException;
import java.nio.file.Path;

/**
 * Runs models. The client loads each build it wants to serve through this interface and decides,
 * from {@link #memoryEstimate}, whether the old and the new build fit in RAM together during a
 * swap. The reference implementation, {@code dev.modelport.ota.runtime.llama.LlamaRuntime}, runs
 * each model in its own llama.cpp worker process; an Android app supplies an in-process one.
 */
public interface ModelRuntime {
  /**
   * Loads {@code gguf} and returns once it can serve. Blocks; may take seconds.
   *
   * @throws ModelLoadException if the runtime cannot load the file or dies while loading
   */
  LoadedModel load(Path gguf, String buildDigest) throws ModelLoadException;

  /** Context length the runtime loads models with; the KV cache in the memory estimate depends on it. */
  int contextLength();

  /**
   * RAM a loaded model of this file needs: weights plus the f16 KV cache at {@link
   * #contextLength()} (gguf's {@link MemoryEstimator}), plus {@link #overheadBytes()}.
   */
  default long memoryEstimate(Path gguf) throws IOException {
    return MemoryEstimator.estimate(GgufReader.readHeader(gguf), contextLength()).totalBytes() + overheadBytes();
  }

  /** Fixed cost of one loaded model besides weights and KV cache (e.g. a worker process). */
  default long overheadBytes() {
    return 0;
  }

  /** Thrown when a build cannot be loaded. */
  final class ModelLoadException extends Exception {
    private static final long serialVersionUID = 1L;

    public ModelLoadException(String message) {
      super(message);
    }

    public ModelLoadException(String message, Throwable cause) {
      super(message, cause);
    }
  }
}
