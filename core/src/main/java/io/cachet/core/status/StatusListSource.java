package io.cachet.core.status;

import java.util.Optional;

/** Where the web gets the office's current signed status list (a Token Status List CWT), if one is published. */
@FunctionalInterface
public interface StatusListSource {
    /** The current token's bytes; empty when no list is published. */
    Optional<byte[]> current();

    /** A source that publishes nothing. */
    static StatusListSource none() {
        return Optional::empty;
    }
}
