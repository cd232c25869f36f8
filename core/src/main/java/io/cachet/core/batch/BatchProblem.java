package io.cachet.core.batch;

import static java.util.Objects.requireNonNull;

/** A problem with one row of a batch input: where, which field (or {@code -}), and what is wrong. */
public record BatchProblem(int line, String field, String problem) {
    public BatchProblem {
        requireNonNull(field, "field is null");
        requireNonNull(problem, "problem is null");
    }

    @Override
    public String toString() {
        return "line " + line + ": " + field + ": " + problem;
    }
}
