package io.cachet.core.report;

import static java.util.Objects.requireNonNull;

import java.util.Optional;

/**
 * One check a verification performed.
 *
 * @param name stable lower-case name, e.g. {@code seal.signature}
 * @param outcome what happened
 * @param reason why it failed, when it failed
 * @param detail a human explanation (never holder data)
 */
public record Check(String name, Outcome outcome, Optional<ReasonCode> reason, String detail) {
    public enum Outcome {
        PASSED,
        FAILED,
        SKIPPED
    }

    public Check {
        requireNonNull(name, "name is null");
        requireNonNull(outcome, "outcome is null");
        requireNonNull(reason, "reason is null");
        requireNonNull(detail, "detail is null");
        if ((outcome == Outcome.FAILED) != reason.isPresent()) {
            throw new IllegalArgumentException("a check has a reason exactly when it failed: " + name);
        }
    }

    public static Check passed(String name, String detail) {
        return new Check(name, Outcome.PASSED, Optional.empty(), detail);
    }

    public static Check failed(String name, ReasonCode reason, String detail) {
        return new Check(name, Outcome.FAILED, Optional.of(reason), detail);
    }

    public static Check skipped(String name, String detail) {
        return new Check(name, Outcome.SKIPPED, Optional.empty(), detail);
    }
}
