package io.cachet.core.report;

import static java.util.Objects.requireNonNull;

import java.util.Optional;

/**
 * One check a verification performed.
 *
 * @param check which check ({@link #name()} is its stable name on the wire, e.g. {@code seal.signature})
 * @param outcome what happened
 * @param reason why it failed, when it failed
 * @param detail a human explanation (never holder data)
 */
public record Check(CheckName check, Outcome outcome, Optional<ReasonCode> reason, String detail) {
    public enum Outcome {
        PASSED,
        FAILED,
        SKIPPED
    }

    public Check {
        requireNonNull(check, "check is null");
        requireNonNull(outcome, "outcome is null");
        requireNonNull(reason, "reason is null");
        requireNonNull(detail, "detail is null");
        if ((outcome == Outcome.FAILED) != reason.isPresent()) {
            throw new IllegalArgumentException("a check has a reason exactly when it failed: " + check);
        }
    }

    /** The check's stable name in reports, e.g. {@code seal.signature}. */
    public String name() {
        return check.wireName();
    }

    /** The group a person reads the check under. */
    public CheckName.Group group() {
        return check.group();
    }

    /** True when this is the check {@code name}. */
    public boolean is(CheckName name) {
        return check == name;
    }

    public static Check passed(CheckName check, String detail) {
        return new Check(check, Outcome.PASSED, Optional.empty(), detail);
    }

    public static Check failed(CheckName check, ReasonCode reason, String detail) {
        return new Check(check, Outcome.FAILED, Optional.of(reason), detail);
    }

    public static Check skipped(CheckName check, String detail) {
        return new Check(check, Outcome.SKIPPED, Optional.empty(), detail);
    }
}
