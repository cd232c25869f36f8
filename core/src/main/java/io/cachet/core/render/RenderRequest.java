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
        boolean specimen) {
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
    }
}
