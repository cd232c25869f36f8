package io.cachet.core.budget;

import static java.util.Objects.requireNonNull;

import java.time.Duration;

/**
 * The moment by which a piece of work must stop, read from the monotonic clock ({@link System#nanoTime()}), never
 * from the wall clock that an administrator may move. Long computations call {@link #expired()} between their steps
 * and give up when it answers true: the deadline has passed, or the thread doing the work was interrupted because
 * its result is no longer wanted (the client went away, the budget ran out while the worker was busy).
 *
 * <p>Immutable and thread-safe; the interruption it reports is the calling thread's.
 */
public final class Deadline {
    private static final Deadline NONE = new Deadline(Duration.ZERO, 0, false);

    private final Duration budget;
    private final long expiresAtNanos;
    private final boolean bounded;

    private Deadline(Duration budget, long expiresAtNanos, boolean bounded) {
        this.budget = budget;
        this.expiresAtNanos = expiresAtNanos;
        this.bounded = bounded;
    }

    /**
     * The deadline {@code budget} from now.
     *
     * @throws IllegalArgumentException when the budget is zero or negative
     */
    public static Deadline after(Duration budget) {
        requireNonNull(budget, "budget is null");
        if (budget.isNegative() || budget.isZero()) {
            throw new IllegalArgumentException("a budget must be positive, was " + budget);
        }
        return new Deadline(budget, System.nanoTime() + budget.toNanos(), true);
    }

    /** No time limit: {@link #expired()} answers true only when the working thread is interrupted. */
    public static Deadline none() {
        return NONE;
    }

    /** True once the deadline has passed or the current thread has been interrupted; never clears the interrupt. */
    public boolean expired() {
        return Thread.currentThread().isInterrupted() || (bounded && System.nanoTime() - expiresAtNanos >= 0);
    }

    /** The time left, zero once passed; {@link Duration#ZERO} also for {@link #none()}, which has no end. */
    public Duration remaining() {
        return bounded ? Duration.ofNanos(Math.max(0, expiresAtNanos - System.nanoTime())) : Duration.ZERO;
    }

    /** Whether this deadline has an end at all ({@link #none()} has not). */
    public boolean isBounded() {
        return bounded;
    }

    /** The budget this deadline was made from; {@link Duration#ZERO} for {@link #none()}. */
    public Duration budget() {
        return budget;
    }

    @Override
    public String toString() {
        return bounded ? "deadline of " + budget + " (" + remaining() + " left)" : "no deadline";
    }
}
