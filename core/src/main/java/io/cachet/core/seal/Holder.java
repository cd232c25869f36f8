package io.cachet.core.seal;

import static java.util.Objects.requireNonNull;

/**
 * The person a certificate is about, as printed on their identity document.
 *
 * @param birthDate ISO 8601 date {@code YYYY-MM-DD}; {@code YYYY-MM} or {@code YYYY} when the day or month is unknown
 */
public record Holder(String familyName, String givenNames, String birthDate) {
    public Holder {
        requireNonNull(familyName, "familyName is null");
        requireNonNull(givenNames, "givenNames is null");
        requireNonNull(birthDate, "birthDate is null");
    }
}
