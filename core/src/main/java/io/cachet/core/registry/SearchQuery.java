package io.cachet.core.registry;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.Optional;

/**
 * What to search the registry by; every given criterion must match.
 *
 * @param name part of the family name followed by the given names, matched by its Latin letters and digits only:
 *     case, accents, spaces, punctuation and invisible characters are ignored ("ndiaye", "N DIAYE" and "n'diaye" all
 *     find N'DIAYE); {@code %} and {@code _} are punctuation like any other, never wildcards. A name without any
 *     letter or digit is refused (USAGE)
 * @param birthDate exact birth date as recorded ({@code YYYY-MM-DD}, or {@code YYYY-MM}, {@code YYYY})
 * @param issuedFrom issued at or after
 * @param issuedBefore issued before
 * @param limit at most this many results, newest first
 */
public record SearchQuery(
        Optional<String> name,
        Optional<String> birthDate,
        Optional<String> type,
        Optional<String> office,
        Optional<Instant> issuedFrom,
        Optional<Instant> issuedBefore,
        int limit) {
    public SearchQuery {
        requireNonNull(name, "name is null");
        requireNonNull(birthDate, "birthDate is null");
        requireNonNull(type, "type is null");
        requireNonNull(office, "office is null");
        requireNonNull(issuedFrom, "issuedFrom is null");
        requireNonNull(issuedBefore, "issuedBefore is null");
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be positive");
        }
    }
}
