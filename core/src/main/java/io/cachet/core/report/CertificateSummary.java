package io.cachet.core.report;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * What an authentic seal certifies, as read from it: the data a verifier shows to compare with the paper and with
 * the person's identity document, no more than that. Labels and formats for a reader come from
 * {@link CertificateFacts}.
 *
 * @param issuer the issuing office's code
 * @param issuerVerifier the address of the issuer's verifier, when the seal names it (through its status list
 *     reference): where a person can check the status online
 * @param issuerName the issuing office's name, from the certificate of the key that signed the seal (its common
 *     name without the code), when that certificate names it
 * @param fields the type's sealed fields by their key in the seal (e.g. {@code vn}), in the seal's order, hidden
 *     characters written out
 * @param datedByDay the code dates the certificate by the day only (a 2D-Doc): {@code issuedAt} is the start of the
 *     day of issue in France and {@code expiresAt} the last second of the last valid day there; readers are shown
 *     those days ({@link #issuedOn()}, {@link #expiresOn()}), never a time the code does not hold
 */
public record CertificateSummary(
        String id,
        String type,
        String issuer,
        Instant issuedAt,
        Optional<Instant> expiresAt,
        String familyName,
        String givenNames,
        String birthDate,
        Optional<String> issuerVerifier,
        Optional<String> issuerName,
        Map<String, String> fields,
        boolean datedByDay) {
    /** France's time zone: the days a 2D-Doc carries are days there. */
    public static final ZoneId FRANCE = ZoneId.of("Europe/Paris");

    /** A summary of a seal that names no verifier, without the office's name or the type's fields. */
    public CertificateSummary(
            String id,
            String type,
            String issuer,
            Instant issuedAt,
            Optional<Instant> expiresAt,
            String familyName,
            String givenNames,
            String birthDate) {
        this(
                id,
                type,
                issuer,
                issuedAt,
                expiresAt,
                familyName,
                givenNames,
                birthDate,
                Optional.empty(),
                Optional.empty(),
                Map.of(),
                false);
    }

    public CertificateSummary {
        requireNonNull(id, "id is null");
        requireNonNull(type, "type is null");
        requireNonNull(issuer, "issuer is null");
        requireNonNull(issuedAt, "issuedAt is null");
        requireNonNull(expiresAt, "expiresAt is null");
        requireNonNull(familyName, "familyName is null");
        requireNonNull(givenNames, "givenNames is null");
        requireNonNull(birthDate, "birthDate is null");
        requireNonNull(issuerVerifier, "issuerVerifier is null");
        requireNonNull(issuerName, "issuerName is null");
        fields = Collections.unmodifiableMap(new LinkedHashMap<>(requireNonNull(fields, "fields is null")));
    }

    /** The day of issue in France, for a certificate {@linkplain #datedByDay() dated by the day}. */
    public Optional<LocalDate> issuedOn() {
        return datedByDay ? Optional.of(issuedAt.atZone(FRANCE).toLocalDate()) : Optional.empty();
    }

    /** The last valid day in France, for a certificate {@linkplain #datedByDay() dated by the day} that expires. */
    public Optional<LocalDate> expiresOn() {
        return datedByDay ? expiresAt.map(at -> at.atZone(FRANCE).toLocalDate()) : Optional.empty();
    }
}
