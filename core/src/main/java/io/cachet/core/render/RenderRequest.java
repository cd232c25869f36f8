package io.cachet.core.render;

import static java.util.Objects.requireNonNull;

import io.cachet.core.types.ValidatedData;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;

/**
 * Everything a certificate page shows.
 *
 * @param sealText the text of the QR code; empty for a specimen (preview), which has no seal
 * @param specimen draw the "SPÉCIMEN — NON VALABLE" watermark
 * @param twoDocText the text of the 2D-Doc DataMatrix printed beside the QR code (docs/2d-doc.md); empty for a
 *     specimen
 */
public record RenderRequest(
        ValidatedData data,
        String certificateId,
        Instant issuedAt,
        Optional<Instant> expiresAt,
        String officeCode,
        String officeName,
        Optional<String> sealText,
        String verifierUrl,
        Locale locale,
        boolean specimen,
        Optional<String> twoDocText) {
    public RenderRequest {
        requireNonNull(data, "data is null");
        requireNonNull(certificateId, "certificateId is null");
        requireNonNull(issuedAt, "issuedAt is null");
        requireNonNull(expiresAt, "expiresAt is null");
        requireNonNull(officeCode, "officeCode is null");
        requireNonNull(officeName, "officeName is null");
        requireNonNull(sealText, "sealText is null");
        requireNonNull(verifierUrl, "verifierUrl is null");
        requireNonNull(locale, "locale is null");
        requireNonNull(twoDocText, "twoDocText is null");
    }

    /** A request without a 2D-Doc. */
    public RenderRequest(
            ValidatedData data,
            String certificateId,
            Instant issuedAt,
            Optional<Instant> expiresAt,
            String officeCode,
            String officeName,
            Optional<String> sealText,
            String verifierUrl,
            Locale locale,
            boolean specimen) {
        this(
                data,
                certificateId,
                issuedAt,
                expiresAt,
                officeCode,
                officeName,
                sealText,
                verifierUrl,
                locale,
                specimen,
                Optional.empty());
    }
}
