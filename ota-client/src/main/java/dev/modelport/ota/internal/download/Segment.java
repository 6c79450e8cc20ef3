package dev.modelport.ota.internal.download;

import dev.modelport.gguf.digest.DeltaPlan;
import dev.modelport.gguf.format.ByteRange;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * A run of the target file: fetched from the server, or copied from the installed build. A
 * download is a list of segments that tile {@code [0, length)} in order.
 *
 * @param sourceOffset offset in the installed file (copies only)
 */
record Segment(boolean copy, long offset, long length, long sourceOffset) {
  long end() {
    return offset + length;
  }

  static List<Segment> whole(long length) {
    return length == 0 ? List.of() : List.of(new Segment(false, 0, length, -1));
  }

  /**
   * The segments of a delta plan, or null if the plan does not tile {@code [0, length)} exactly
   * (a manifest that does not describe the target; the caller then downloads everything).
   */
  static List<Segment> of(DeltaPlan plan, long length) {
    List<Segment> s = new ArrayList<>();
    for (ByteRange r : plan.fetch()) {
      if (r.length() > 0) {
        s.add(new Segment(false, r.offset(), r.length(), -1));
      }
    }
    for (DeltaPlan.Copy c : plan.reuse()) {
      if (c.length() > 0) {
        s.add(new Segment(true, c.targetOffset(), c.length(), c.installedOffset()));
      }
    }
    s.sort(Comparator.comparingLong(Segment::offset));
    long cursor = 0;
    for (Segment seg : s) {
      if (seg.offset() != cursor) {
        return null;
      }
      cursor = seg.end();
    }
    return cursor == length ? List.copyOf(s) : null;
  }

  static long fetchBytes(List<Segment> segments) {
    return segments.stream().filter(x -> !x.copy()).mapToLong(Segment::length).sum();
  }
}
