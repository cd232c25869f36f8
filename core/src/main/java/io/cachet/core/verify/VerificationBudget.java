package io.cachet.core.verify;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How much a verifier spends on the files it is given (photos, scans, PDFs): each verification of a file has
 * {@code timeBudget} from the moment it is asked for, waiting included, and is answered UNREADABLE with
 * {@code BUDGET_EXCEEDED} when it runs out; at most {@code workers} files are checked at once and at most
 * {@code queueLength} more wait for a worker; beyond that a request is refused as busy. Codes given as text are
 * small and bounded by their own limits; they are checked on the caller's thread.
 *
 * <p>Each verification runs on one worker thread, so the wall-clock budget also bounds its CPU time.
 *
 * @param timeBudget wall-clock time allowed for one verification, positive
 * @param workers verifications of files that run at the same time, at least 1
 * @param queueLength verifications that may wait for a worker, 0 or more
 */
public record VerificationBudget(Duration timeBudget, int workers, int queueLength) {
    /** Default time for one verification: a genuine phone photo is read in well under a second. */
    public static final Duration DEFAULT_TIME_BUDGET = Duration.ofSeconds(10);

    /** Default number of verifications waiting for a worker. */
    public static final int DEFAULT_QUEUE_LENGTH = 8;

    /** The largest budget accepted: a day, for forensic batch work; more is a typing mistake. */
    public static final Duration MAX_TIME_BUDGET = Duration.ofDays(1);

    private static final Pattern SHORT_DURATION = Pattern.compile("(\\d{1,9})\\s*(ms|s|m|min|h)");

    public VerificationBudget {
        requireNonNull(timeBudget, "timeBudget is null");
        if (timeBudget.isNegative() || timeBudget.isZero() || timeBudget.compareTo(MAX_TIME_BUDGET) > 0) {
            throw new IllegalArgumentException(
                    "the time budget must be more than 0 and at most 24 h, was " + describe(timeBudget));
        }
        if (workers < 1) {
            throw new IllegalArgumentException("the number of verification workers must be at least 1, was " + workers);
        }
        if (queueLength < 0) {
            throw new IllegalArgumentException("the verification queue length must be 0 or more, was " + queueLength);
        }
    }

    /**
     * The defaults: {@link #DEFAULT_TIME_BUDGET}, one worker per processor the JVM may use, and
     * {@link #DEFAULT_QUEUE_LENGTH} waiting.
     */
    public static VerificationBudget defaults() {
        return new VerificationBudget(
                DEFAULT_TIME_BUDGET, Math.max(1, Runtime.getRuntime().availableProcessors()), DEFAULT_QUEUE_LENGTH);
    }

    public VerificationBudget withTimeBudget(Duration newTimeBudget) {
        return new VerificationBudget(newTimeBudget, workers, queueLength);
    }

    /**
     * Reads a duration as people write it in settings and on command lines: {@code 500ms}, {@code 10s},
     * {@code 2m} (or {@code 2min}), {@code 1h}, or ISO-8601 ({@code PT10S}).
     *
     * @throws IllegalArgumentException when the text is none of these, naming the forms accepted
     */
    public static Duration parseDuration(String text) {
        requireNonNull(text, "text is null");
        String trimmed = text.strip().toLowerCase(Locale.ROOT);
        Matcher matcher = SHORT_DURATION.matcher(trimmed);
        if (matcher.matches()) {
            long amount = Long.parseLong(matcher.group(1));
            return switch (matcher.group(2)) {
                case "ms" -> Duration.ofMillis(amount);
                case "s" -> Duration.ofSeconds(amount);
                case "m", "min" -> Duration.ofMinutes(amount);
                case "h" -> Duration.ofHours(amount);
                default -> throw new IllegalStateException("unit matched by the pattern: " + matcher.group(2));
            };
        }
        try {
            return Duration.parse(trimmed.toUpperCase(Locale.ROOT));
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(
                    "not a duration: '" + text + "' (write e.g. 500ms, 10s, 2m, 1h or PT10S)");
        }
    }

    /** A duration as {@link #parseDuration(String)} reads it back: {@code 10 s}, {@code 1500 ms}. */
    public static String describe(Duration duration) {
        long millis = duration.toMillis();
        return millis % 1000 == 0 ? millis / 1000 + " s" : millis + " ms";
    }
}
