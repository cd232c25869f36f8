package io.cachet.issuer;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cachet.core.CachetException;
import io.cachet.core.batch.BatchProblem;
import io.cachet.core.batch.BatchService;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs batches in the background, one at a time per service instance, through core's {@link BatchService}: every row
 * validated first, then issued under the caller's identity with one idempotency key per row. A batch a stopped
 * service left VALIDATING or RUNNING is run again when the service starts: the keys make the registry hand back what
 * was already issued, so nothing is issued twice.
 */
final class BatchRunner implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(BatchRunner.class);
    /** Issuing threads of one batch: the machine's signing and rendering, not the caller, set the pace. */
    static final int JOBS = 2;

    private static final ObjectMapper JSON = new ObjectMapper();

    private final BatchService batches;
    private final BatchStore store;
    private final ExecutorService executor = Executors.newSingleThreadExecutor(task -> {
        Thread thread = new Thread(task, "cachet-batch");
        thread.setDaemon(true);
        return thread;
    });

    private final ScheduledExecutorService sweeper = Executors.newSingleThreadScheduledExecutor(task -> {
        Thread thread = new Thread(task, "cachet-batch-expiry");
        thread.setDaemon(true);
        return thread;
    });

    BatchRunner(BatchService batches, BatchStore store) {
        this.batches = requireNonNull(batches, "batches is null");
        this.store = requireNonNull(store, "store is null");
    }

    void submit(BatchRecord batch) {
        executor.execute(() -> run(batch));
    }

    /** Queues again every batch a stopped service left unfinished. */
    void resumeUnfinished() {
        for (BatchRecord batch : store.unfinished()) {
            LOG.info("resuming batch {} left {}", batch.id(), batch.state());
            submit(batch);
        }
    }

    /**
     * From now on, every {@code every}, forgets the CHECKED batches (and their uploads) older than {@code lifetime}:
     * uploads whose agent went away without starting or cancelling them.
     */
    void expireChecked(Duration lifetime, Duration every) {
        sweeper.scheduleWithFixedDelay(
                () -> {
                    try {
                        int discarded = store.discardCheckedBefore(Instant.now().minus(lifetime));
                        if (discarded > 0) {
                            LOG.info("discarded {} checked batch(es) not started within {}", discarded, lifetime);
                        }
                    } catch (RuntimeException e) {
                        // Logged and tried again at the next round: a failing sweep must not stop the next ones.
                        LOG.error(
                                "cannot discard the batches not started: {}",
                                e.getClass().getName());
                    }
                },
                0,
                every.toMillis(),
                TimeUnit.MILLISECONDS);
    }

    private void run(BatchRecord accepted) {
        BatchRecord batch = accepted;
        Path input = store.input(batch);
        try {
            if (!Files.exists(input)) {
                batch = batch.done(batch.issued(), List.of(), certificates(batch))
                        .in(
                                BatchRecord.State.INTERRUPTED,
                                "the service stopped during the batch and its input is gone; the certificates issued"
                                        + " are listed, send the other rows again (a row already issued is not"
                                        + " issued twice)");
                return;
            }
            BatchService.Validated validated = batches.validate(batch.type(), input, Optional.empty(), true);
            int invalid = (int) validated.problems().stream()
                    .map(BatchProblem::line)
                    .distinct()
                    .count();
            batch = batch.validated(validated.total(), invalid, validated.problems());
            if (invalid > 0 && !batch.skipInvalid()) {
                batch = batch.in(
                        BatchRecord.State.FAILED,
                        invalid + " row(s) have problems; nothing was issued (fix them, or send skipInvalid=true to"
                                + " issue the valid rows)");
                return;
            }
            batch = batch.in(BatchRecord.State.RUNNING, "");
            store.save(batch);
            BatchRecord running = batch;
            BatchService.Summary summary = batches.run(
                    new BatchService.Request(
                            batch.type(),
                            input,
                            Optional.empty(),
                            store.folder(batch.id()),
                            JOBS,
                            true,
                            batch.actor(),
                            Locale.forLanguageTag(batch.lang())),
                    (done, failed, toIssue) -> store.save(running.progress(done - failed, failed)));
            if (Thread.currentThread().isInterrupted()) {
                // The service is stopping: the rows not issued are not failures; the batch stays RUNNING and is
                // resumed at the next start, its idempotency keys keeping what was issued from being issued again.
                LOG.info("batch {} stopped with the service; it is resumed at the next start", batch.id());
                return;
            }
            batch = batch.done(summary.alreadyIssued() + summary.issued(), summary.failures(), certificates(batch));
        } catch (CachetException e) {
            batch = batch.in(BatchRecord.State.FAILED, e.getMessage());
        } catch (RuntimeException e) {
            // The type only: a message could quote input (holder data), which must not reach the logs.
            LOG.error(
                    "batch {} stopped by an unexpected {}",
                    batch.id(),
                    e.getClass().getName());
            batch = batch.in(BatchRecord.State.FAILED, "an unexpected error stopped the batch; it has been logged");
        } finally {
            if (batch.state().finished()) {
                store.save(batch);
                store.deleteInput(batch);
            }
        }
    }

    /** The certificates of the batch's rows, as core's manifest lists them. */
    private List<BatchRecord.Certificate> certificates(BatchRecord batch) {
        Path manifest = store.folder(batch.id()).resolve(BatchService.MANIFEST);
        List<BatchRecord.Certificate> found = new ArrayList<>();
        if (!Files.exists(manifest)) {
            return found;
        }
        try {
            for (String line : Files.readAllLines(manifest)) {
                if (line.isBlank()) {
                    continue;
                }
                JsonNode row = JSON.readTree(line);
                if (row.hasNonNull("id")) {
                    found.add(new BatchRecord.Certificate(
                            row.get("line").asInt(), row.get("id").asText()));
                }
            }
        } catch (IOException e) {
            throw CachetException.internal("cannot read " + manifest + ": " + e.getMessage(), e);
        }
        return found;
    }

    /** Stops taking batches; the one running finishes its started rows, the rest is resumed at the next start. */
    @Override
    public void close() {
        sweeper.shutdownNow();
        executor.shutdownNow();
        try {
            executor.awaitTermination(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
