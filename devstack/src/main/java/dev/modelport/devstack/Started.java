package dev.modelport.devstack;

import java.util.ArrayDeque;
import java.util.Deque;

/** What a launcher started, stopped in reverse order (a shutdown hook may stop while startup still adds). */
final class Started {

    private final Deque<AutoCloseable> resources = new ArrayDeque<>();

    synchronized void track(AutoCloseable resource) {
        resources.push(resource);
    }

    void stopAll() {
        while (true) {
            AutoCloseable next;
            synchronized (this) {
                if (resources.isEmpty()) {
                    return;
                }
                next = resources.pop();
            }
            try {
                next.close();
            } catch (Exception e) {
                System.err.println("while stopping: " + e.getMessage());
            }
        }
    }
}
