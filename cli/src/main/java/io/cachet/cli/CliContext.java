package io.cachet.cli;

import static java.util.Objects.requireNonNull;

import java.time.Clock;
import java.util.Map;

/** What the commands take from the outside world: the environment and the clock (replaced in tests). */
public record CliContext(Map<String, String> environment, Clock clock) {
    public CliContext {
        environment = Map.copyOf(environment);
        requireNonNull(clock, "clock is null");
    }

    public static CliContext system() {
        return new CliContext(System.getenv(), Clock.systemUTC());
    }
}
