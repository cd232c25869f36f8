package io.cachet.core.twodoc;

import static java.util.Objects.requireNonNull;

/**
 * One value of a 2D-Doc's message zone or annex, after its data identifier.
 *
 * @param identifier the two-character data identifier (§7)
 * @param value the value as written (upper case, the identifier's characters; dates as the identifier writes them)
 * @param truncated whether the emitter cut the value short to fit ({@code <RS>} follows it, §3.4.1)
 */
public record TwoDocField(String identifier, String value, boolean truncated) {
    public TwoDocField {
        requireNonNull(identifier, "identifier is null");
        requireNonNull(value, "value is null");
    }

    /** A whole (not truncated) value. */
    public static TwoDocField of(String identifier, String value) {
        return new TwoDocField(identifier, value, false);
    }
}
