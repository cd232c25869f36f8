package io.cachet.core.budget;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cachet.core.CachetException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/** Work on hostile input runs on a bounded pool, within its deadline, and stops when nobody waits for it. */
class BoundedWorkersTest {
    private static final Duration BUDGET = Duration.ofMillis(300);

    @Test
    void workThatOutlivesItsBudgetIsInterruptedAndAnsweredOutOfTime() throws Exception {
        BoundedWorkers workers = new BoundedWorkers("test", 1, 0);
        CountDownLatch stopped = new CountDownLatch(1);

        long start = System.nanoTime();
        BoundedWorkers.Outcome<String> outcome = workers.run(
                deadline -> {
                    // Stops only when interrupted (Deadline.expired() also answers true then): the pool must do it.
                    while (!Thread.currentThread().isInterrupted()) {
                        Thread.onSpinWait();
                    }
                    stopped.countDown();
                    return "too late";
                },
                BUDGET,
                Cancellation.never());
        Duration waited = Duration.ofNanos(System.nanoTime() - start);

        assertThat(outcome).isEqualTo(new BoundedWorkers.Outcome.OutOfTime<String>(BUDGET));
        assertThat(waited).isLessThan(BUDGET.multipliedBy(3));
        assertThat(stopped.await(3 * BUDGET.toMillis(), TimeUnit.MILLISECONDS)).isTrue();
    }

    @Test
    void workThatNeverChecksItsDeadlineStillAnswersTheCallerAtTheDeadlineAndHoldsItsWorker() throws Exception {
        BoundedWorkers workers = new BoundedWorkers("test", 1, 0);
        CountDownLatch release = new CountDownLatch(1);

        long start = System.nanoTime();
        BoundedWorkers.Outcome<String> outcome = workers.run(
                deadline -> {
                    awaitUninterruptibly(release); // a library that ignores interrupts
                    return "done";
                },
                BUDGET,
                Cancellation.never());

        assertThat(outcome).isInstanceOf(BoundedWorkers.Outcome.OutOfTime.class);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(BUDGET.multipliedBy(3));
        // The worker stays taken until the work returns: the pool, not the work, bounds what runs at once.
        assertThat(workers.active()).isEqualTo(1);
        assertThatThrownBy(() -> workers.run(deadline -> "next", BUDGET, Cancellation.never()))
                .isInstanceOfSatisfying(
                        CachetException.class, e -> assertThat(e.kind()).isEqualTo(CachetException.Kind.BUSY));
        release.countDown();
    }

    @Test
    void workBeyondTheWorkersAndTheQueueIsRefusedAsBusy() throws Exception {
        BoundedWorkers workers = new BoundedWorkers("test", 1, 1);
        CountDownLatch running = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Duration generous = Duration.ofSeconds(30);
        CompletableFuture<BoundedWorkers.Outcome<String>> first = CompletableFuture.supplyAsync(() -> workers.run(
                deadline -> {
                    running.countDown();
                    awaitUninterruptibly(release);
                    return "first";
                },
                generous,
                Cancellation.never()));
        assertThat(running.await(10, TimeUnit.SECONDS)).isTrue();
        CompletableFuture<BoundedWorkers.Outcome<String>> second =
                CompletableFuture.supplyAsync(() -> workers.run(deadline -> "second", generous, Cancellation.never()));
        awaitQueued(workers, 1);

        assertThatThrownBy(() -> workers.run(deadline -> "third", generous, Cancellation.never()))
                .isInstanceOfSatisfying(CachetException.class, e -> {
                    assertThat(e.kind()).isEqualTo(CachetException.Kind.BUSY);
                    assertThat(e.getMessage()).contains("busy");
                });

        release.countDown();
        assertThat(first.get(10, TimeUnit.SECONDS)).isEqualTo(new BoundedWorkers.Outcome.Done<>("first"));
        assertThat(second.get(10, TimeUnit.SECONDS)).isEqualTo(new BoundedWorkers.Outcome.Done<>("second"));
    }

    @Test
    void workThatWaitedInTheQueuePastItsDeadlineIsNeverStarted() throws Exception {
        BoundedWorkers workers = new BoundedWorkers("test", 1, 1);
        CountDownLatch running = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        CompletableFuture.supplyAsync(() -> workers.run(
                deadline -> {
                    running.countDown();
                    awaitUninterruptibly(release);
                    return "first";
                },
                Duration.ofSeconds(30),
                Cancellation.never()));
        assertThat(running.await(10, TimeUnit.SECONDS)).isTrue();
        AtomicBoolean started = new AtomicBoolean();

        BoundedWorkers.Outcome<String> queued = workers.run(
                deadline -> {
                    started.set(true);
                    return "queued";
                },
                BUDGET,
                Cancellation.never());
        release.countDown();

        assertThat(queued).isInstanceOf(BoundedWorkers.Outcome.OutOfTime.class);
        // Its place in the queue was given back at once, and the worker, once free, never runs it.
        assertThat(workers.queued()).isZero();
        Thread.sleep(BUDGET.toMillis());
        assertThat(started).isFalse();
    }

    @Test
    void cancellingStopsTheWorkAndAnswersCancelled() throws Exception {
        BoundedWorkers workers = new BoundedWorkers("test", 1, 0);
        Cancellation cancellation = new Cancellation();
        CountDownLatch running = new CountDownLatch(1);
        CountDownLatch stopped = new CountDownLatch(1);
        CompletableFuture.runAsync(() -> {
            awaitUninterruptibly(running);
            cancellation.cancel(); // e.g. the client hung up
        });

        BoundedWorkers.Outcome<String> outcome = workers.run(
                deadline -> {
                    running.countDown();
                    while (!deadline.expired()) {
                        Thread.onSpinWait();
                    }
                    stopped.countDown();
                    return "nobody reads this";
                },
                Duration.ofMinutes(5),
                cancellation);

        assertThat(outcome).isInstanceOf(BoundedWorkers.Outcome.Cancelled.class);
        assertThat(stopped.await(10, TimeUnit.SECONDS)).isTrue();
        // The worker is free once its thread has left the work, a moment after the work's last statement.
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (workers.active() > 0) {
            assertThat(System.nanoTime()).as("worker freed").isLessThan(until);
            Thread.sleep(5);
        }
        assertThat(workers.run(deadline -> "next", BUDGET, Cancellation.never()))
                .isEqualTo(new BoundedWorkers.Outcome.Done<>("next"));
    }

    @Test
    void aCallerThatSendsItsNextWorkAsSoonAsItHasTheAnswerIsNeverRefused() {
        // One worker, no queue: the place must be free when the answer arrives, not a moment later when the
        // executor's thread is back waiting (with a SynchronousQueue this refused about one run in a few thousand).
        BoundedWorkers workers = new BoundedWorkers("test", 1, 0);

        for (int i = 0; i < 20_000; i++) {
            int n = i;
            assertThat(workers.run(deadline -> n, BUDGET, Cancellation.never()))
                    .isEqualTo(new BoundedWorkers.Outcome.Done<>(n));
        }
    }

    @Test
    void whatTheWorkThrowsReachesTheCallerUnchanged() {
        BoundedWorkers workers = new BoundedWorkers("test", 1, 0);

        assertThatThrownBy(() -> workers.run(
                        deadline -> {
                            throw CachetException.invalidInput("bad file");
                        },
                        BUDGET,
                        Cancellation.never()))
                .isInstanceOf(CachetException.class)
                .hasMessage("bad file");
    }

    private static void awaitQueued(BoundedWorkers workers, int count) throws InterruptedException {
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (workers.queued() < count) {
            assertThat(System.nanoTime()).as("work queued").isLessThan(until);
            Thread.sleep(5);
        }
    }

    private static void awaitUninterruptibly(CountDownLatch latch) {
        boolean interrupted = false;
        while (true) {
            try {
                latch.await();
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
