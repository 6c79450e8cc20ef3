package dev.modelport.registry.report;

import dev.modelport.registry.common.problem.DomainException;
import dev.modelport.registry.common.problem.ErrorCode;
import dev.modelport.registry.distribution.DistributionConfig;
import dev.modelport.registry.rollout.RuleEvaluator;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import org.jboss.logging.Logger;

/**
 * Group commit for device reports: requests queue their events; one writer thread takes whatever is waiting (up to
 * {@code modelport.distribution.report-batch} events) and stores it in one transaction. A request's events are
 * acknowledged only after that transaction committed, so an acknowledged event is never lost; if the batch fails,
 * each request is retried alone, and a request that still fails is answered 503 (the device sends it again).
 */
@ApplicationScoped
class ReportWriter {

    private static final Logger LOG = Logger.getLogger(ReportWriter.class);

    private record Pending(ReportStore.Batch batch, CompletableFuture<List<String>> done) {
    }

    private final BlockingQueue<Pending> queue = new LinkedBlockingQueue<>(10_000);

    @Inject
    ReportStore store;

    @Inject
    RuleEvaluator rules;

    @Inject
    DistributionConfig config;

    private volatile Thread thread;

    void start(@Observes StartupEvent event) {
        thread = new Thread(this::run, "device-report-writer");
        thread.setDaemon(true);
        thread.start();
    }

    void stop(@Observes ShutdownEvent event) {
        if (thread != null) {
            thread.interrupt();
        }
    }

    /** Completes with the acknowledged event ids once they are committed. */
    CompletionStage<List<String>> submit(String deviceId, UUID ownerId, List<ReportEvent> events) {
        Pending p = new Pending(new ReportStore.Batch(deviceId, ownerId, List.copyOf(events)),
                new CompletableFuture<>());
        if (!queue.offer(p)) {
            p.done().completeExceptionally(notStored("the report queue is full"));
        }
        return p.done();
    }

    private void run() {
        while (!Thread.currentThread().isInterrupted()) {
            try {
                List<Pending> batch = new ArrayList<>();
                batch.add(queue.take());
                int events = batch.get(0).batch().events().size();
                Pending next;
                while (events < config.reportBatch() && (next = queue.poll()) != null) {
                    batch.add(next);
                    events += next.batch().events().size();
                }
                write(batch);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (RuntimeException e) {
                LOG.error("device report writer", e);
            }
        }
    }

    private void write(List<Pending> batch) {
        try {
            ReportStore.Written written = store.write(batch.stream().map(Pending::batch).toList());
            batch.forEach(p -> p.done().complete(p.batch().events().stream().map(ReportEvent::eventId).distinct()
                    .toList()));
            rules.evaluate(written.rollouts());
        } catch (RuntimeException e) {
            if (batch.size() > 1) {
                LOG.warnf(e, "a batch of %d report requests failed; storing them one by one", batch.size());
                batch.forEach(p -> write(List.of(p)));
            } else {
                LOG.warnf(e, "reports of device %s could not be stored", batch.get(0).batch().deviceId());
                batch.get(0).done().completeExceptionally(notStored(e.getClass().getSimpleName()));
            }
        }
    }

    private static DomainException notStored(String why) {
        return new DomainException(ErrorCode.REPORTS_NOT_STORED, "the reports were not stored (" + why
                + "); send them again");
    }
}
