package io.cachet.core.budget;

import static java.util.Objects.requireNonNull;

import io.cachet.core.CachetException;
import java.time.Duration;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * A fixed number of worker threads with a bounded queue in front of them, running each piece of work within a time
 * budget. The caller's thread waits for the answer until the deadline and no longer: past it, or when the caller's
 * {@link Cancellation} fires, the worker is interrupted (work that checks its {@link Deadline} stops at its next
 * check) and the caller gets {@link Outcome.OutOfTime} or {@link Outcome.Cancelled} at once.
 *
 * <p>At most {@code workers} pieces of work run at the same time and at most {@code queueLength} wait; more are
 * refused with a {@link CachetException.Kind#BUSY} error rather than queued without end. The deadline counts from
 * submission, so time spent waiting in the queue is part of the budget.
 *
 * <p>Worker threads are daemons and end after a minute without work: an idle pool holds no thread. Thread-safe.
 */
public final class BoundedWorkers {
    private static final long IDLE_SECONDS = 60;

    private final String name;
    private final int workers;
    private final int queueLength;
    private final ThreadPoolExecutor executor;
    /**
     * Places for work, running or waiting: {@code workers + queueLength}. Admission is decided here, not by the
     * executor's queue: a worker gives its place back before its caller sees the answer, so a caller that sends its
     * next piece of work at once never finds the place still taken (the executor's own bookkeeping lags behind).
     */
    private final Semaphore places;

    /** The result of one piece of work. */
    public sealed interface Outcome<T> {
        /** The work finished in time with this value. */
        record Done<T>(T value) implements Outcome<T> {
            public Done {
                requireNonNull(value, "value is null");
            }
        }

        /** The budget ran out first: the work was stopped. */
        record OutOfTime<T>(Duration budget) implements Outcome<T> {
            public OutOfTime {
                requireNonNull(budget, "budget is null");
            }
        }

        /** The caller cancelled: the work was stopped. */
        record Cancelled<T>() implements Outcome<T> {}
    }

    /**
     * @param name names the threads ({@code name-1}, {@code name-2}…) in thread dumps and profiles
     * @param workers how many pieces of work run at once, at least 1
     * @param queueLength how many more may wait for a worker, 0 or more
     */
    public BoundedWorkers(String name, int workers, int queueLength) {
        this.name = requireNonNull(name, "name is null");
        if (workers < 1) {
            throw new IllegalArgumentException("workers must be at least 1, was " + workers);
        }
        if (queueLength < 0) {
            throw new IllegalArgumentException("queueLength must be 0 or more, was " + queueLength);
        }
        this.workers = workers;
        this.queueLength = queueLength;
        this.places = new Semaphore(workers + queueLength);
        // Never full: the places above bound what it holds.
        this.executor = new ThreadPoolExecutor(
                workers,
                workers,
                IDLE_SECONDS,
                TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(),
                daemonThreads(name),
                new ThreadPoolExecutor.AbortPolicy());
        this.executor.allowCoreThreadTimeOut(true);
    }

    /**
     * Runs {@code work} on a worker within {@code budget}, waiting for its answer on the calling thread.
     *
     * @param work the work, returning a value (never null); it receives its deadline and should check
     *     {@link Deadline#expired()} between steps
     * @param budget the time allowed from now, queueing included
     * @param cancellation fired by the caller when the answer is no longer wanted
     * @return what happened: done with a value, out of time, or cancelled
     * @throws CachetException of kind {@link CachetException.Kind#BUSY} when every worker is busy and the queue full
     * @throws RuntimeException or {@link Error} thrown by the work itself, unchanged
     */
    public <T> Outcome<T> run(Function<Deadline, T> work, Duration budget, Cancellation cancellation) {
        requireNonNull(work, "work is null");
        requireNonNull(cancellation, "cancellation is null");
        Deadline deadline = Deadline.after(budget);
        if (!places.tryAcquire()) {
            throw CachetException.busy("all " + workers + " " + name + " workers are busy and " + queueLength
                    + " more requests are waiting: try again in a few seconds");
        }
        Place place = new Place(places);
        // Work that waited in the queue past its deadline is not started: nobody waits for its answer any more.
        // The place is given back before the answer is set (the callable's finally), so before the caller wakes.
        FutureTask<T> task = new FutureTask<>(() -> {
            try {
                return deadline.expired() ? null : work.apply(deadline);
            } finally {
                place.giveBack();
            }
        });
        // A task cancelled before it started never calls its callable: the runnable gives the place back then.
        Runnable queued = () -> {
            try {
                task.run();
            } finally {
                place.giveBack();
            }
        };
        try {
            executor.execute(queued);
        } catch (RejectedExecutionException e) {
            place.giveBack();
            throw CachetException.busy("the " + name + " workers are shutting down: try again in a few seconds");
        }
        Runnable forget = cancellation.onCancel(() -> stop(task, queued, place));
        try {
            T value = task.get(deadline.remaining().toNanos(), TimeUnit.NANOSECONDS);
            if (value == null) {
                return new Outcome.OutOfTime<>(budget);
            }
            return new Outcome.Done<>(value);
        } catch (TimeoutException e) {
            stop(task, queued, place);
            return new Outcome.OutOfTime<>(budget);
        } catch (CancellationException e) {
            return new Outcome.Cancelled<>();
        } catch (InterruptedException e) {
            // The caller's own thread was interrupted (e.g. a server shutting down): stop the work and say so.
            stop(task, queued, place);
            Thread.currentThread().interrupt();
            return new Outcome.Cancelled<>();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw new IllegalStateException("work failed: " + e.getCause(), e.getCause());
        } finally {
            forget.run();
        }
    }

    /** How many pieces of work are running now (a snapshot, for metrics and tests). */
    public int active() {
        return executor.getActiveCount();
    }

    /** How many pieces of work wait for a worker now (a snapshot). */
    public int queued() {
        return executor.getQueue().size();
    }

    public int workers() {
        return workers;
    }

    public int queueLength() {
        return queueLength;
    }

    /** Interrupts the worker running {@code task}, or takes the task out of the queue and gives its place back. */
    private void stop(FutureTask<?> task, Runnable queued, Place place) {
        task.cancel(true);
        if (executor.remove(queued)) {
            place.giveBack();
        }
    }

    /** One piece of work's place, given back exactly once whichever way the work ends. */
    private static final class Place {
        private final Semaphore places;
        private final AtomicBoolean given = new AtomicBoolean();

        Place(Semaphore places) {
            this.places = places;
        }

        void giveBack() {
            if (given.compareAndSet(false, true)) {
                places.release();
            }
        }
    }

    private static ThreadFactory daemonThreads(String name) {
        AtomicInteger count = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, name + "-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
