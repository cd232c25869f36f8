package io.cachet.core.twodoc;

import static java.util.Objects.requireNonNull;

import java.time.LocalDate;
import java.util.Optional;

/**
 * The 26-character header of a version 04 2D-Doc in C40 (§3.3.3):
 * {@code DC 04 <CA id:4> <certificate id:4> <issue date:4> <signature date:4> <document type:2> <perimeter:2>
 * <country:2>}.
 *
 * @param caId the certification authority that issued the signing certificate: ISO 3166 alpha-2 country and two
 *     characters {@code [A-Z0-9]} (e.g. {@code FR00}, reserved for tests, §3.3)
 * @param certificateId the signing certificate among that authority's, 4 characters {@code [A-Z0-9]}
 * @param issueDate the document's issue date; empty when the document type carries none ({@code FFFF})
 * @param signatureDate the day the code was signed; empty only in codes from emitters that leave it out
 * @param documentType the document type code of the perimeter (§6.1), 2 characters {@code [A-Z0-9]}
 * @param perimeter the perimeter the type is defined in ({@code 01}: ANTS), 2 characters {@code [A-Z0-9]}
 * @param country the issuing country, ISO 3166 alpha-2 ({@code FR})
 */
public record TwoDocHeader(
        String caId,
        String certificateId,
        Optional<LocalDate> issueDate,
        Optional<LocalDate> signatureDate,
        String documentType,
        String perimeter,
        String country) {
    public static final String MARKER = "DC";
    public static final String VERSION = "04";
    /** The header's length in characters (§3.3.3). */
    public static final int LENGTH = 26;

    public TwoDocHeader {
        requireNonNull(issueDate, "issueDate is null");
        requireNonNull(signatureDate, "signatureDate is null");
        check(caId, "[A-Z]{2}[A-Z0-9]{2}", "caId", "an ISO 3166 alpha-2 country and two characters [A-Z0-9]");
        check(certificateId, "[A-Z0-9]{4}", "certificateId", "4 characters [A-Z0-9]");
        check(documentType, "[A-Z0-9]{2}", "documentType", "2 characters [A-Z0-9]");
        check(perimeter, "[A-Z0-9]{2}", "perimeter", "2 characters [A-Z0-9]");
        check(country, "[A-Z]{2}", "country", "an ISO 3166 alpha-2 code");
        // Both dates must fit 4 hexadecimal digits.
        TwoDocDates.hex(issueDate);
        TwoDocDates.hex(signatureDate);
    }

    private static void check(String value, String shape, String name, String rule) {
        requireNonNull(value, name + " is null");
        if (!value.matches(shape)) {
            throw new IllegalArgumentException(
                    "2D-Doc header " + name + " '" + TwoDocDates.printable(value) + "' must be " + rule);
        }
    }

    /** The header as written at the start of the code. */
    public String text() {
        return MARKER
                + VERSION
                + caId
                + certificateId
                + TwoDocDates.hex(issueDate)
                + TwoDocDates.hex(signatureDate)
                + documentType
                + perimeter
                + country;
    }
}
