/**
 * Budgets for work on hostile input: a {@link io.cachet.core.budget.Deadline} that long computations check between
 * their steps, a {@link io.cachet.core.budget.Cancellation} that a caller fires when nobody waits for the answer any
 * more, and {@link io.cachet.core.budget.BoundedWorkers}, a fixed pool with a bounded queue that runs each piece of
 * work within its deadline.
 */
package io.cachet.core.budget;
