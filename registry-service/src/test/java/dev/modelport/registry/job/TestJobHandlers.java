package dev.modelport.registry.job;

import dev.modelport.registry.common.problem.DomainException;
import dev.modelport.registry.common.problem.ErrorCode;
import jakarta.enterprise.context.ApplicationScoped;

/** Job kinds that exist only in tests, to exercise the job machinery itself without a real workload. */
final class TestJobHandlers {

    private TestJobHandlers() {
    }

    /** Counts to {@code params} bytes in ten steps, reporting progress on the way. */
    @ApplicationScoped
    static class Counting implements JobHandler {
        @Override
        public String kind() {
            return "test.counting";
        }

        @Override
        public String run(String params, JobProgress progress) throws InterruptedException {
            long total = Long.parseLong(params);
            for (int step = 1; step <= 10; step++) {
                Thread.sleep(100);
                progress.bytes(total * step / 10, total);
            }
            return "{\"counted\":" + total + "}";
        }
    }

    @ApplicationScoped
    static class Refusing implements JobHandler {
        @Override
        public String kind() {
            return "test.refusing";
        }

        @Override
        public String run(String params, JobProgress progress) {
            throw new DomainException(ErrorCode.VALIDATION_FAILED, "refused: " + params);
        }
    }
}
