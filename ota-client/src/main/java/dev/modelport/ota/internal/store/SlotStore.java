package dev.modelport.ota.internal.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.modelport.ota.FileSystem;
import dev.modelport.ota.internal.Digests;
import dev.modelport.ota.internal.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The A/B slots and the pointer to the active one.
 *
 * <p>A slot holds at most one build: {@code <hex>.gguf} and its record {@code <hex>.json}. A slot
 * counts as holding the build only if both files exist and the model has the recorded length;
 * the model file only ever appears there by an atomic rename of a fully verified, fsynced staging
 * file, after its record was written, so a crash leaves either a complete build or an incomplete
 * slot that {@link #find} ignores.
 *
 * <p>{@code active.json} names the active slot and digest and the previous (last healthy) one. It
 * is replaced atomically ({@link AtomicFiles}), so after a crash at any point the next start finds
 * the old or the new pointer, and both name complete builds: a slot is never overwritten while a
 * pointer names it as active.
 */
public final class SlotStore {
  public static final List<String> SLOTS = List.of("a", "b");

  private final StateDir dir;
  private final FileSystem fs;

  /** A build in a slot. */
  public record Installed(String slot, Path file, BuildRecord record) {
    public String digest() {
      return record.digest();
    }
  }

  /** Contents of {@code active.json}. */
  public record Pointer(String slot, String digest, String previousSlot, String previousDigest) {}

  public SlotStore(StateDir dir) {
    this.dir = dir;
    this.fs = dir.fs();
  }

  public synchronized Optional<Pointer> pointer() throws IOException {
    Path p = dir.activePointer();
    if (!fs.exists(p)) {
      return Optional.empty();
    }
    JsonNode o = Json.parse(fs.readAll(p));
    String slot = Json.text(o, "slot");
    if (slot == null) {
      return Optional.empty(); // removed
    }
    return Optional.of(new Pointer(slot, Json.text(o, "digest"), Json.text(o, "previousSlot"),
        Json.text(o, "previousDigest")));
  }

  /** The active build, if the pointer names a complete one. */
  public synchronized Optional<Installed> active() throws IOException {
    Optional<Pointer> p = pointer();
    if (p.isEmpty()) {
      return Optional.empty();
    }
    return inSlot(p.get().slot(), p.get().digest());
  }

  /** The previous (last healthy) build, if its slot still holds it. */
  public synchronized Optional<Installed> previous() throws IOException {
    Optional<Pointer> p = pointer();
    if (p.isEmpty() || p.get().previousSlot() == null) {
      return Optional.empty();
    }
    return inSlot(p.get().previousSlot(), p.get().previousDigest());
  }

  /** A slot holding a complete copy of {@code digest}. */
  public synchronized Optional<Installed> find(String digest) throws IOException {
    for (String s : SLOTS) {
      Optional<Installed> i = inSlot(s, digest);
      if (i.isPresent()) {
        return i;
      }
    }
    return Optional.empty();
  }

  /** The slot a new build goes to: the one the pointer does not name as active. */
  public synchronized String inactiveSlot() throws IOException {
    Optional<Pointer> p = pointer();
    return p.isPresent() && p.get().slot().equals("a") ? "b" : "a";
  }

  private Optional<Installed> inSlot(String slot, String digest) throws IOException {
    if (slot == null || !SLOTS.contains(slot) || !Digests.isDigest(digest)) {
      return Optional.empty();
    }
    String hex = Digests.hex(digest);
    Path model = dir.slot(slot).resolve(hex + ".gguf");
    Path record = dir.slot(slot).resolve(hex + ".json");
    if (!fs.exists(model) || !fs.exists(record)) {
      return Optional.empty();
    }
    BuildRecord r;
    try {
      r = BuildRecord.fromJson(Json.parse(fs.readAll(record)));
    } catch (IOException e) {
      return Optional.empty();
    }
    if (!digest.equals(r.digest()) || fs.size(model) != r.length()) {
      return Optional.empty();
    }
    return Optional.of(new Installed(slot, model, r));
  }

  /**
   * Moves a verified, fsynced staging file into {@code slot}, replacing what the slot held.
   *
   * @throws IllegalStateException if the pointer names {@code slot} as active
   */
  public synchronized Installed install(String slot, Path verifiedFile, BuildRecord record) throws IOException {
    Optional<Pointer> p = pointer();
    if (p.isPresent() && p.get().slot().equals(slot)) {
      throw new IllegalStateException("slot " + slot + " is active");
    }
    clear(slot);
    String hex = Digests.hex(record.digest());
    Path slotDir = dir.slot(slot);
    AtomicFiles.write(fs, slotDir.resolve(hex + ".json"), Json.bytes(record.toJson()));
    Path model = slotDir.resolve(hex + ".gguf");
    fs.atomicMove(verifiedFile, model);
    fs.syncDirectory(slotDir);
    fs.syncDirectory(verifiedFile.getParent());
    return new Installed(slot, model, record);
  }

  /** Empties {@code slot} (the model file first, so a half-cleared slot is incomplete). */
  public synchronized void clear(String slot) throws IOException {
    Path slotDir = dir.slot(slot);
    List<Path> files = fs.list(slotDir);
    boolean any = false;
    for (Path f : files) {
      if (f.getFileName().toString().endsWith(".gguf")) {
        any |= fs.delete(f);
      }
    }
    for (Path f : files) {
      if (!f.getFileName().toString().endsWith(".gguf")) {
        any |= fs.delete(f);
      }
    }
    if (any) {
      fs.syncDirectory(slotDir);
    }
  }

  /** Makes {@code next} active; the build active until now becomes the previous one. */
  public synchronized void activate(Installed next) throws IOException {
    Optional<Pointer> current = pointer();
    String prevSlot = null;
    String prevDigest = null;
    if (current.isPresent() && !current.get().slot().equals(next.slot())) {
      prevSlot = current.get().slot();
      prevDigest = current.get().digest();
    } else if (current.isPresent()) {
      prevSlot = current.get().previousSlot();
      prevDigest = current.get().previousDigest();
    }
    writePointer(next.slot(), next.digest(), prevSlot, prevDigest);
  }

  /** Makes the previous build active again and forgets the failed one as a rollback target. */
  public synchronized void rollBackTo(Installed previous) throws IOException {
    writePointer(previous.slot(), previous.digest(), null, null);
  }

  /** No build active (the REMOVE action). */
  public synchronized void deactivate() throws IOException {
    AtomicFiles.write(fs, dir.activePointer(), "{\"slot\":null}".getBytes(StandardCharsets.UTF_8));
  }

  private void writePointer(String slot, String digest, String prevSlot, String prevDigest) throws IOException {
    ObjectNode o = Json.object().put("slot", slot).put("digest", digest);
    Json.putNullable(o, "previousSlot", prevSlot);
    Json.putNullable(o, "previousDigest", prevDigest);
    AtomicFiles.write(fs, dir.activePointer(), Json.bytes(o));
  }
}
