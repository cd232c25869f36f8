package io.cachet.core.budget;

import java.util.ArrayList;
import java.util.List;

/**
 * A signal that the result of some work is no longer wanted, e.g. because the client that asked for it hung up.
 * Whoever runs the work registers what stopping means ({@link #onCancel(Runnable)}); whoever asked for it calls
 * {@link #cancel()}. Cancelling twice, or before anything is registered, is harmless: an action registered after
 * the cancellation runs at once.
 *
 * <p>Thread-safe.
 */
public final class Cancellation {
    private final List<Runnable> actions = new ArrayList<>();
    private boolean cancelled;

    /** A cancellation nobody will fire; for callers that always wait for the answer. */
    public static Cancellation never() {
        return new Cancellation();
    }

    /** Fires the signal: runs every registered action once, on the calling thread. */
    public void cancel() {
        List<Runnable> toRun;
        synchronized (this) {
            if (cancelled) {
                return;
            }
            cancelled = true;
            toRun = List.copyOf(actions);
            actions.clear();
        }
        toRun.forEach(Runnable::run);
    }

    public synchronized boolean isCancelled() {
        return cancelled;
    }

    /**
     * Runs {@code action} when the signal fires (now, if it already has).
     *
     * @return what forgets the action again, for when the work finished first
     */
    public Runnable onCancel(Runnable action) {
        synchronized (this) {
            if (!cancelled) {
                actions.add(action);
                return () -> {
                    synchronized (this) {
                        actions.remove(action);
                    }
                };
            }
        }
        action.run();
        return () -> {};
    }
}
