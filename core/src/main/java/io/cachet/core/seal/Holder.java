package io.cachet.core.seal;

import static java.util.Objects.requireNonNull;

/**
 * The person a certificate is about, as printed on their identity document.
 *
 * @param familyName the family name; empty for a holder known by given names only
 * @param givenNames the given names; empty for a holder with a single name (ICAO 9303: the primary identifier)
 * @param birthDate ISO 8601 date {@code YYYY-MM-DD}; {@code YYYY-MM} or {@code YYYY} when the day or month is unknown
 */
public record Holder(String familyName, String givenNames, String birthDate) {
    public Holder {
        requireNonNull(familyName, "familyName is null");
        requireNonNull(givenNames, "givenNames is null");
        requireNonNull(birthDate, "birthDate is null");
    }

    /** {@code FAMILY, Given} for lists and reports; a single name alone, without a stray comma. */
    public String fullName() {
        return fullName(familyName, givenNames);
    }

    /** As {@link #fullName()}, for names held apart from a {@code Holder}. */
    public static String fullName(String familyName, String givenNames) {
        if (familyName.isEmpty() || givenNames.isEmpty()) {
            return familyName + givenNames;
        }
        return familyName + ", " + givenNames;
    }
}
