package dev.modelport.gguf.format;

import java.lang.management.ManagementFactory;

/** Bytes allocated on the heap by the current thread, from HotSpot's per-thread counter. */
final class AllocationMeter {
    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    private AllocationMeter() {
    }

    static long allocatedBytes() {
        return THREADS.getThreadAllocatedBytes(Thread.currentThread().getId());
    }

    interface Action {
        void run() throws Exception;
    }

    /** Runs the action and returns how many bytes it allocated. */
    static long measure(Action action) throws Exception {
        long before = allocatedBytes();
        action.run();
        return allocatedBytes() - before;
    }
}
