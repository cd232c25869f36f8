package io.cachet.core;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * The one family of domain errors. Each carries a {@link Kind} that the edges map once (exit codes in the CLI, HTTP
 * statuses in the web) and a message that says what is wrong and how to fix it.
 */
public final class CachetException extends RuntimeException {
    /** What kind of failure this is; decides the exit code or HTTP status at the edge. */
    public enum Kind {
        /** Bad arguments or a missing file named on the command line (exit 64, HTTP 400). */
        USAGE,
        /** Input data that fails validation (exit 1, HTTP 422). */
        INVALID_INPUT,
        /** Something asked for does not exist (exit 1, HTTP 404). */
        NOT_FOUND,
        /** The request conflicts with existing state, e.g. a home that already exists (exit 1, HTTP 409). */
        CONFLICT,
        /** The home or configuration is missing or wrong (exit 1, HTTP 503). */
        CONFIGURATION,
        /** An unexpected failure inside Cachet (exit 1, HTTP 500). */
        INTERNAL,
        /** No capacity left for this work now: every worker busy, the queue full; retry later (exit 1, HTTP 503). */
        BUSY
    }

    private final Kind kind;
    private final List<String> problems;
    private final List<FieldProblem> fieldProblems;

    private CachetException(Kind kind, String message, List<String> problems, Throwable cause) {
        this(kind, message, problems, List.of(), cause);
    }

    private CachetException(
            Kind kind, String message, List<String> problems, List<FieldProblem> fieldProblems, Throwable cause) {
        super(requireNonNull(message, "message is null"), cause);
        this.kind = requireNonNull(kind, "kind is null");
        this.problems = List.copyOf(problems);
        this.fieldProblems = List.copyOf(fieldProblems);
    }

    public static CachetException usage(String message) {
        return new CachetException(Kind.USAGE, message, List.of(), null);
    }

    public static CachetException invalidInput(String message) {
        return new CachetException(Kind.INVALID_INPUT, message, List.of(), null);
    }

    /** Input that fails validation, with every problem found (field path and rule), so all can be fixed at once. */
    public static CachetException invalidInput(String message, List<String> problems) {
        return new CachetException(Kind.INVALID_INPUT, message, problems, null);
    }

    /**
     * A certificate's data that fail validation: every problem at its field, said in English by {@link #problems()}
     * and in an agent's language by {@link #fieldProblems()}.
     */
    public static CachetException invalidData(String message, List<FieldProblem> problems) {
        return new CachetException(Kind.INVALID_INPUT, message, FieldProblem.english(problems), problems, null);
    }

    public static CachetException notFound(String message) {
        return new CachetException(Kind.NOT_FOUND, message, List.of(), null);
    }

    public static CachetException conflict(String message) {
        return new CachetException(Kind.CONFLICT, message, List.of(), null);
    }

    public static CachetException configuration(String message) {
        return new CachetException(Kind.CONFIGURATION, message, List.of(), null);
    }

    public static CachetException configuration(String message, Throwable cause) {
        return new CachetException(Kind.CONFIGURATION, message, List.of(), cause);
    }

    /** Work refused because every worker is busy and the queue in front of them is full: the caller may retry. */
    public static CachetException busy(String message) {
        return new CachetException(Kind.BUSY, message, List.of(), null);
    }

    public static CachetException internal(String message, Throwable cause) {
        return new CachetException(Kind.INTERNAL, message, List.of(), cause);
    }

    public Kind kind() {
        return kind;
    }

    /** The individual problems behind an {@link Kind#INVALID_INPUT} error; empty for other kinds. */
    public List<String> problems() {
        return problems;
    }

    /** The problems of {@link #invalidData} data, each at its field and sayable in a language; else empty. */
    public List<FieldProblem> fieldProblems() {
        return fieldProblems;
    }
}
