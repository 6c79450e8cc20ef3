package dev.modelport.ota.internal.engine;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;

/** Counts unexpected exits per build; {@code maxCrashes} within {@code window} is a crash loop. */
final class CrashLoopDetector {
  private final int maxCrashes;
  private final Duration window;
  private final Clock clock;
  private final Map<String, Deque<Instant>> crashes = new HashMap<>();

  CrashLoopDetector(int maxCrashes, Duration window, Clock clock) {
    this.maxCrashes = maxCrashes;
    this.window = window;
    this.clock = clock;
  }

  /** Records a crash of {@code digest}; returns the crash count within the window. */
  synchronized int record(String digest) {
    Instant now = clock.instant();
    Deque<Instant> d = crashes.computeIfAbsent(digest, k -> new ArrayDeque<>());
    d.addLast(now);
    while (!d.isEmpty() && d.peekFirst().isBefore(now.minus(window))) {
      d.removeFirst();
    }
    return d.size();
  }

  boolean isLoop(int count) {
    return count >= maxCrashes;
  }

  synchronized void reset(String digest) {
    crashes.remove(digest);
  }
}
