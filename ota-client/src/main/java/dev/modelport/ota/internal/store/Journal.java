package dev.modelport.ota.internal.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.modelport.ota.FileSystem;
import dev.modelport.ota.OtaEvent;
import dev.modelport.ota.internal.Json;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The local, append-only report journal: {@code events.jsonl} holds every status event once,
 * {@code acks.jsonl} the ids the server acknowledged. An event is written (and fsynced) before
 * anyone sees it, and stays pending until acknowledged, so reports survive crashes and are
 * retried until the server has them. A torn last line (crash mid-append) is skipped.
 *
 * <p>At open, a journal whose events are all acknowledged and that grew past a limit is rewritten
 * empty; otherwise it is only ever appended to.
 */
public final class Journal {
  private static final long COMPACT_ABOVE_BYTES = 256 * 1024;
  private final FileSystem fs;
  private final Path events;
  private final Path acks;
  private final Map<String, OtaEvent> all = new LinkedHashMap<>();
  private final Set<String> acked = new LinkedHashSet<>();

  public Journal(StateDir dir) throws IOException {
    this(dir, true);
  }

  /** Opens the journal; a read-only one neither compacts nor repairs. */
  public Journal(StateDir dir, boolean writable) throws IOException {
    this.fs = dir.fs();
    this.events = dir.journal().resolve("events.jsonl");
    this.acks = dir.journal().resolve("acks.jsonl");
    if (writable) {
      fs.createDirectories(dir.journal());
    }
    for (String line : lines(events)) {
      OtaEvent e = parse(line);
      if (e != null) {
        all.putIfAbsent(e.eventId(), e);
      }
    }
    for (String line : lines(acks)) {
      String id = line.trim();
      if (!id.isEmpty()) {
        acked.add(id);
      }
    }
    if (writable) {
      compactIfDone();
      terminateTornLine(events);
      terminateTornLine(acks);
    }
  }

  /** Appends {@code e} unless an event with its id is already recorded; returns whether it did. */
  public synchronized boolean append(OtaEvent e) throws IOException {
    if (all.containsKey(e.eventId())) {
      return false;
    }
    appendLine(events, Json.string(toJson(e)));
    all.put(e.eventId(), e);
    return true;
  }

  public synchronized boolean contains(String eventId) {
    return all.containsKey(eventId);
  }

  public synchronized void acknowledge(Collection<String> ids) throws IOException {
    StringBuilder sb = new StringBuilder();
    for (String id : ids) {
      if (all.containsKey(id) && !acked.contains(id) && !id.contains("\n")) {
        sb.append(id).append('\n');
        acked.add(id);
      }
    }
    if (sb.length() > 0) {
      appendRaw(acks, sb.toString());
    }
  }

  /** Events not yet acknowledged, oldest first. */
  public synchronized List<OtaEvent> pending() {
    List<OtaEvent> out = new ArrayList<>();
    all.values().forEach(e -> {
      if (!acked.contains(e.eventId())) {
        out.add(e);
      }
    });
    return out;
  }

  public synchronized List<OtaEvent> all() {
    return new ArrayList<>(all.values());
  }

  private void compactIfDone() throws IOException {
    long size = Math.max(0, fs.size(events));
    if (size > COMPACT_ABOVE_BYTES && pending().isEmpty()) {
      AtomicFiles.write(fs, events, new byte[0]);
      AtomicFiles.write(fs, acks, new byte[0]);
      all.clear();
      acked.clear();
    }
  }

  private void appendLine(Path file, String line) throws IOException {
    appendRaw(file, line + "\n");
  }

  private void appendRaw(Path file, String text) throws IOException {
    try (FileSystem.Sink s = fs.appending(file)) {
      s.write(ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8)));
      s.sync();
    }
  }

  private void terminateTornLine(Path file) throws IOException {
    long size = fs.size(file);
    if (size <= 0) {
      return;
    }
    try (var ch = fs.openRead(file)) {
      ByteBuffer last = ByteBuffer.allocate(1);
      ch.read(last, size - 1);
      if (last.get(0) != '\n') {
        appendRaw(file, "\n");
      }
    }
  }

  private List<String> lines(Path file) throws IOException {
    if (!fs.exists(file)) {
      return List.of();
    }
    return List.of(new String(fs.readAll(file), StandardCharsets.UTF_8).split("\n"));
  }

  static ObjectNode toJson(OtaEvent e) {
    ObjectNode o = Json.object().put("eventId", e.eventId()).put("type", e.type().name());
    Json.putNullable(o, "buildDigest", e.buildDigest());
    Json.putNullable(o, "reason", e.reason());
    o.put("at", e.at().toString());
    return o;
  }

  private static OtaEvent parse(String line) {
    if (line.isBlank()) {
      return null;
    }
    try {
      JsonNode o = Json.parse(line);
      return new OtaEvent(Json.text(o, "eventId"), OtaEvent.Type.valueOf(Json.text(o, "type")),
          Json.text(o, "buildDigest"), Json.text(o, "reason"), Instant.parse(Json.text(o, "at")));
    } catch (IOException | RuntimeException torn) {
      return null; // a line cut short by a crash
    }
  }
}
