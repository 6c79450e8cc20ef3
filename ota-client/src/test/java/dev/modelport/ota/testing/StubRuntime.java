package dev.modelport.ota.testing;

import dev.modelport.ota.CompletionRequest;
import dev.modelport.ota.CompletionResult;
import dev.modelport.ota.InferenceException;
import dev.modelport.ota.LoadedModel;
import dev.modelport.ota.ModelRuntime;
import dev.modelport.ota.TokenListener;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * An in-process stand-in for llama.cpp, for tests about bytes on disk rather than inference
 * (delta sizes, crash points in storage): it "loads" a file if it exists and answers every
 * request with its digest's first characters. Tests about serving use the real {@code
 * LlamaRuntime}.
 */
public final class StubRuntime implements ModelRuntime {
  public final List<String> loads = new CopyOnWriteArrayList<>();

  @Override
  public LoadedModel load(Path gguf, String buildDigest) throws ModelLoadException {
    if (!Files.isRegularFile(gguf)) {
      throw new ModelLoadException("no such file " + gguf);
    }
    loads.add(buildDigest);
    return new LoadedModel() {
      private volatile boolean alive = true;
      private final List<Runnable> exits = new ArrayList<>();

      @Override
      public String buildDigest() {
        return buildDigest;
      }

      @Override
      public CompletionResult complete(CompletionRequest request, TokenListener listener) throws InferenceException {
        if (!alive) {
          throw new InferenceException("stopped", true, false);
        }
        String text = buildDigest.substring(7, 15);
        listener.onToken(text);
        return new CompletionResult(text, 1, 1, "stop", buildDigest);
      }

      @Override
      public boolean isAlive() {
        return alive;
      }

      @Override
      public synchronized void onExit(Runnable callback) {
        if (alive) {
          exits.add(callback);
        } else {
          callback.run();
        }
      }

      @Override
      public void close() {
        List<Runnable> run;
        synchronized (this) {
          alive = false;
          run = new ArrayList<>(exits);
          exits.clear();
        }
        run.forEach(Runnable::run);
      }
    };
  }

  @Override
  public int contextLength() {
    return 128;
  }
}
