package io.cachet.core.verify;

import io.cachet.core.CachetException;
import io.cachet.core.keys.Kid;
import io.cachet.core.keys.OfficeCertificates;
import io.cachet.core.keys.Revocation;
import io.cachet.core.keys.TrustStore;
import io.cachet.core.registry.CertificateId;
import io.cachet.core.registry.CertificateRecord;
import io.cachet.core.report.CertificateSummary;
import io.cachet.core.report.Check;
import io.cachet.core.report.CheckName;
import io.cachet.core.report.ReasonCode;
import io.cachet.core.twodoc.DataIdentifiers;
import io.cachet.core.twodoc.TwoDoc;
import io.cachet.core.twodoc.TwoDocDates;
import io.cachet.core.twodoc.TwoDocDecoder;
import io.cachet.core.twodoc.TwoDocDocumentTypes;
import io.cachet.core.twodoc.TwoDocField;
import io.cachet.core.twodoc.TwoDocFormatException;
import io.cachet.core.twodoc.TwoDocHeader;
import io.cachet.core.twodoc.TwoDocSignature;
import io.cachet.core.twodoc.TwoDocVerification;
import io.cachet.core.types.TwoDocMapping;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Verifies a 2D-Doc (docs/2d-doc.md) against the trust: it reads by the specification ({@code twodoc.format}), its
 * header names an authority and a certificate this trust holds ({@code twodoc.certificate}), the signature verifies
 * with that certificate's key ({@code twodoc.signature}), the key is not revoked ({@code twodoc.key-revocation}), the
 * signature date is not in the future and within the certificate's validity ({@code twodoc.signed-at}), and the
 * document has not expired by its own date ({@code twodoc.expiry}). The status then comes from the issuer's registry
 * by the Cachet number the 2D-Doc carries ({@link StatusChecks#checkTwoDoc}).
 */
final class TwoDocChecks {
    /** The 2D-Doc's dates are days; Cachet's issuing offices date them in Paris. */
    static final ZoneId PARIS = CertificateSummary.FRANCE;

    /** The identifiers a Cachet 2D-Doc writes the certificate number, holder and expiry in (docs/2d-doc.md). */
    static final String NUMBER = "01";

    static final String EXPIRY = "08";
    static final String FAMILY_NAME = "62";
    static final String GIVEN_NAMES = "60";
    static final String BIRTH_DATE = "69";

    private TwoDocChecks() {}

    /** A 2D-Doc whose signature verified with a trusted key. */
    record Authentic(TwoDoc doc, X509Certificate signer) {}

    /** True when {@code text} is to be read as a 2D-Doc rather than a Cachet seal: it begins with {@code DC}. */
    static boolean looksLikeTwoDoc(String text) {
        return withoutSpacesAround(text).startsWith(TwoDocHeader.MARKER);
    }

    /**
     * The code as the decoder takes it: spaces and line ends around it removed (not {@link String#strip()}, which would
     * also remove a final {@code <RS>} or {@code <GS>}: Java counts them as white space), and the separators written
     * out as {@code <GS>}, {@code <RS>}, {@code <US>} (as people type them, and as readers print them) made the
     * characters they name.
     */
    static String asRead(String text) {
        return withoutSpacesAround(text)
                .replace("<GS>", "\u001d")
                .replace("<RS>", "\u001e")
                .replace("<US>", "\u001f");
    }

    /**
     * {@code text} without the spaces, tabs and line ends around it. Every code a verifier is given passes here (to
     * tell a 2D-Doc from a seal), so it is a scan from both ends rather than a regular expression over the whole text.
     */
    static String withoutSpacesAround(String text) {
        int start = 0;
        int end = text.length();
        while (start < end && isSpaceOrLineEnd(text.charAt(start))) {
            start++;
        }
        while (end > start && isSpaceOrLineEnd(text.charAt(end - 1))) {
            end--;
        }
        return text.substring(start, end);
    }

    private static boolean isSpaceOrLineEnd(char c) {
        return c == ' ' || c == '\t' || c == '\r' || c == '\n';
    }

    /**
     * Reads and verifies {@code text}, adding its checks; the authentic 2D-Doc when its signature verified with a
     * trusted key (its dates and the key's revocation are then checked too, and may have failed).
     */
    static Optional<Authentic> verify(TrustStore trust, String text, Instant now, List<Check> checks) {
        TwoDoc doc;
        try {
            doc = TwoDocDecoder.decode(asRead(text));
        } catch (TwoDocFormatException e) {
            checks.add(Check.failed(
                    CheckName.TWODOC_FORMAT, ReasonCode.TWODOC_MALFORMED, e.reason() + ": " + e.getMessage()));
            return Optional.empty();
        }
        TwoDocHeader header = doc.header();
        checks.add(Check.passed(
                CheckName.TWODOC_FORMAT,
                "2D-Doc version 04 in canonical form: authority " + header.caId() + ", certificate "
                        + header.certificateId() + ", " + documentType(header) + ", "
                        + doc.content().fields().size() + " signed fields"
                        + (doc.annex().isEmpty()
                                ? ""
                                : "; and an unsigned annex of " + doc.annex().size()
                                        + " fields, neither trusted nor shown")));
        Optional<X509Certificate> signer = signer(trust, doc, checks);
        if (signer.isEmpty()) {
            return Optional.empty();
        }
        Kid kid = Kid.of(signer.get());
        checks.add(trust.revocation(kid)
                .map(revocation -> revoked(kid, revocation))
                .orElseGet(
                        () -> Check.passed(CheckName.TWODOC_KEY_REVOCATION, "key " + kid.hex() + " is not revoked")));
        checks.add(signedAt(doc, signer.get(), now));
        checks.add(expiry(doc, now));
        return Optional.of(new Authentic(doc, signer.get()));
    }

    /** The certificate the header names, and the signature checked with it; empty when either fails. */
    private static Optional<X509Certificate> signer(TrustStore trust, TwoDoc doc, List<Check> checks) {
        TwoDocHeader header = doc.header();
        if (!trust.knowsTwoDocAuthority(header.caId())) {
            checks.add(Check.failed(
                    CheckName.TWODOC_CERTIFICATE,
                    ReasonCode.TWODOC_AUTHORITY_UNKNOWN,
                    "the certification authority " + header.caId()
                            + " is not one this verifier's trust material lists (a 2D-Doc of another emitter, or a"
                            + " trust folder without twodoc.properties): not authentic here. What it reads: "
                            + fieldsText(doc)));
            return Optional.empty();
        }
        List<X509Certificate> candidates = trust.twoDocSigners(header.caId(), header.certificateId());
        if (candidates.isEmpty()) {
            checks.add(Check.failed(
                    CheckName.TWODOC_CERTIFICATE,
                    ReasonCode.TWODOC_CERTIFICATE_UNKNOWN,
                    "no trusted signing certificate of authority " + header.caId() + " has the certificate id "
                            + header.certificateId()));
            return Optional.empty();
        }
        for (X509Certificate candidate : candidates) {
            if (TwoDocSignature.verify(doc, candidate) instanceof TwoDocVerification.Valid) {
                checks.add(Check.passed(
                        CheckName.TWODOC_CERTIFICATE,
                        "authority " + header.caId() + ", certificate " + header.certificateId() + ": "
                                + describe(candidate)));
                checks.add(Check.passed(
                        CheckName.TWODOC_SIGNATURE,
                        "the ECDSA P-256 signature over the header and the message verifies with key "
                                + Kid.of(candidate).hex()));
                return Optional.of(candidate);
            }
        }
        checks.add(Check.passed(
                CheckName.TWODOC_CERTIFICATE,
                candidates.size() == 1
                        ? "authority " + header.caId() + ", certificate " + header.certificateId() + ": "
                                + describe(candidates.get(0))
                        : candidates.size() + " trusted certificates have the id " + header.certificateId()
                                + "; each was tried"));
        checks.add(Check.failed(
                CheckName.TWODOC_SIGNATURE,
                ReasonCode.SIGNATURE_INVALID,
                "the ECDSA P-256 signature does not verify over the header and the message with the key of "
                        + (candidates.size() == 1 ? "that certificate" : "any of them")
                        + ": the 2D-Doc was changed after signing, or not signed by this office"));
        return Optional.empty();
    }

    private static String describe(X509Certificate certificate) {
        return "the trusted signing certificate of office "
                + OfficeCertificates.officeOf(certificate).orElse("?") + " (key "
                + Kid.of(certificate).hex() + ")";
    }

    /**
     * A 2D-Doc's signature date is the signer's own statement, which whoever holds a stolen key can write: nothing in
     * the 2D-Doc proves that it was signed before the revocation (the PDF's timestamp, or the registry's record of the
     * QR seal, can).
     */
    private static Check revoked(Kid kid, Revocation revocation) {
        return Check.failed(
                CheckName.TWODOC_KEY_REVOCATION,
                ReasonCode.KEY_REVOKED,
                "key " + kid.hex() + " was revoked on " + revocation.since()
                        + "; a 2D-Doc's signature date is the signer's own statement, so nothing in it proves it was"
                        + " signed before: verify the certificate's QR seal or PDF, whose timestamp or registry record"
                        + " can");
    }

    /** The signature date (else the issue date): not after today in Paris, and within the certificate's validity. */
    private static Check signedAt(TwoDoc doc, X509Certificate signer, Instant now) {
        Optional<LocalDate> date =
                doc.header().signatureDate().or(() -> doc.header().issueDate());
        if (date.isEmpty()) {
            return Check.failed(
                    CheckName.TWODOC_SIGNED_AT,
                    ReasonCode.SIGNER_NOT_VALID_AT_ISSUE,
                    "the 2D-Doc gives neither a signature date nor an issue date (FFFF): the certificate's validity"
                            + " at signing cannot be checked");
        }
        // Five minutes of clock skew, as for the seal; a day is judged in Paris, where Cachet's offices date it.
        LocalDate today = now.plusSeconds(300).atZone(PARIS).toLocalDate();
        if (date.get().isAfter(today)) {
            return Check.failed(
                    CheckName.TWODOC_SIGNED_AT,
                    ReasonCode.ISSUED_IN_FUTURE,
                    "signed on " + date.get() + ", after today (" + today + ")");
        }
        Instant dayStart = date.get().atStartOfDay(PARIS).toInstant();
        Instant dayEnd = date.get().plusDays(1).atStartOfDay(PARIS).toInstant();
        boolean valid = signer.getNotBefore().toInstant().isBefore(dayEnd)
                && signer.getNotAfter().toInstant().isAfter(dayStart);
        return valid
                ? Check.passed(
                        CheckName.TWODOC_SIGNED_AT,
                        "signed on " + date.get() + ", within the signing certificate's validity")
                : Check.failed(
                        CheckName.TWODOC_SIGNED_AT,
                        ReasonCode.SIGNER_NOT_VALID_AT_ISSUE,
                        "signed on " + date.get() + ", outside the signing certificate's validity ("
                                + signer.getNotBefore().toInstant() + " to "
                                + signer.getNotAfter().toInstant() + ")");
    }

    /** The document's expiry date ({@code 08}), when it carries one: not before today in Paris. */
    private static Check expiry(TwoDoc doc, Instant now) {
        Optional<LocalDate> expires = expiryDate(doc);
        if (expires.isEmpty()) {
            return Check.skipped(CheckName.TWODOC_EXPIRY, "the 2D-Doc carries no expiry date (08)");
        }
        LocalDate today = now.atZone(PARIS).toLocalDate();
        return today.isAfter(expires.get())
                ? Check.failed(
                        CheckName.TWODOC_EXPIRY, ReasonCode.EXPIRED, "valid until " + expires.get() + ", expired")
                : Check.passed(CheckName.TWODOC_EXPIRY, "valid until " + expires.get());
    }

    static Optional<LocalDate> expiryDate(TwoDoc doc) {
        try {
            Optional<String> value = doc.value(EXPIRY);
            return value.isPresent() ? TwoDocDates.parseHex(value.get(), "expiry date (08)") : Optional.empty();
        } catch (TwoDocFormatException e) {
            return Optional.empty(); // the decoder already refused a malformed 08
        }
    }

    /** The Cachet certificate number a 2D-Doc carries in {@code 01}, as the registry writes it. */
    static Optional<String> certificateNumber(TwoDoc doc) {
        return doc.value(NUMBER).flatMap(value -> {
            try {
                return Optional.of(CertificateId.parse(value).value());
            } catch (CachetException | IllegalArgumentException e) {
                return Optional.empty();
            }
        });
    }

    /**
     * How the registry's record differs from an authentic 2D-Doc: signing key, holder (as the 2D-Doc writes it) and
     * issue day; empty when they agree.
     */
    static Optional<String> disagreement(Authentic twoDoc, CertificateRecord record) {
        TwoDoc doc = twoDoc.doc();
        if (!Kid.of(twoDoc.signer()).hex().equals(record.signerKid())) {
            return Optional.of(
                    "signed by key " + Kid.of(twoDoc.signer()).hex() + ", recorded as signed by " + record.signerKid());
        }
        Optional<String> holder = holderDiffers(
                doc,
                record.holder().familyName(),
                record.holder().givenNames(),
                record.holder().birthDate());
        if (holder.isPresent()) {
            return holder;
        }
        LocalDate issued = record.issuedAt().atZone(PARIS).toLocalDate();
        if (!doc.header().issueDate().equals(Optional.of(issued))) {
            return Optional.of("issue date "
                    + doc.header().issueDate().map(LocalDate::toString).orElse("absent") + ", recorded " + issued);
        }
        return Optional.empty();
    }

    /** How the 2D-Doc's holder (family name, given names, birth date) differs from these, as a 2D-Doc writes them. */
    static Optional<String> holderDiffers(TwoDoc doc, String familyName, String givenNames, String birthDate) {
        Map<String, String> holder = new LinkedHashMap<>();
        holder.put(FAMILY_NAME, familyName);
        holder.put(GIVEN_NAMES, givenNames);
        holder.put(BIRTH_DATE, birthDate);
        for (Map.Entry<String, String> value : holder.entrySet()) {
            Optional<String> differs = differs(doc, value.getKey(), value.getValue());
            if (differs.isPresent()) {
                return differs;
            }
        }
        return Optional.empty();
    }

    /** How the 2D-Doc's value of {@code code} differs from {@code expected} written as a 2D-Doc writes it. */
    static Optional<String> differs(TwoDoc doc, String code, String expected) {
        Optional<TwoDocField> actual = doc.content().field(code);
        String label =
                code + " " + DataIdentifiers.find(code).map(di -> di.label()).orElse("");
        if (expected.isBlank()) {
            return actual.isPresent() ? Optional.of(label + " is present, not expected") : Optional.empty();
        }
        TwoDocField wanted;
        try {
            wanted = TwoDocMapping.written(code, expected);
        } catch (CachetException e) {
            return Optional.of(label + " cannot hold the expected value");
        }
        return actual.filter(wanted::equals).isPresent() ? Optional.empty() : Optional.of(label + " differs");
    }

    /** What a verifier shows of an authentic 2D-Doc: its header, holder and every signed field by identifier. */
    static CertificateSummary summary(TrustStore trust, Authentic twoDoc) {
        TwoDoc doc = twoDoc.doc();
        TwoDocHeader header = doc.header();
        String office = OfficeCertificates.officeOf(twoDoc.signer()).orElse(header.caId());
        Map<String, String> fields = new LinkedHashMap<>();
        for (TwoDocField field : doc.content().fields()) {
            if (!List.of(FAMILY_NAME, GIVEN_NAMES, BIRTH_DATE).contains(field.identifier())) {
                fields.put(field.identifier(), shown(field));
            }
        }
        Instant issuedAt = header.issueDate()
                .or(header::signatureDate)
                .map(day -> day.atStartOfDay(PARIS).toInstant())
                .orElse(Instant.EPOCH);
        return new CertificateSummary(
                certificateNumber(doc).or(() -> doc.value(NUMBER)).orElse(""),
                TWODOC_TYPE_PREFIX + header.documentType(),
                office,
                issuedAt,
                expiryDate(doc)
                        .map(day ->
                                day.plusDays(1).atStartOfDay(PARIS).toInstant().minusSeconds(1)),
                doc.content().field(FAMILY_NAME).map(TwoDocChecks::shown).orElse(""),
                doc.content().field(GIVEN_NAMES).map(TwoDocChecks::shown).orElse(""),
                doc.value(BIRTH_DATE).map(TwoDocChecks::isoBirthDate).orElse(""),
                Optional.empty(),
                trust.officeName(office),
                fields,
                true);
    }

    /** The type of a certificate read from a 2D-Doc: this prefix and the document type ({@code 2d-doc:Z6}). */
    static final String TWODOC_TYPE_PREFIX = "2d-doc:";

    /** A value as shown: a truncated one ends with an ellipsis. */
    private static String shown(TwoDocField field) {
        return field.value() + (field.truncated() ? "…" : "");
    }

    /** {@code JJMMAAAA} as an ISO date, {@code 00} day or month left out ({@code 1990-03}, {@code 1990}). */
    static String isoBirthDate(String ddmmyyyy) {
        String day = ddmmyyyy.substring(0, 2);
        String month = ddmmyyyy.substring(2, 4);
        String year = ddmmyyyy.substring(4);
        if (month.equals("00")) {
            return year;
        }
        return day.equals("00") ? year + "-" + month : year + "-" + month + "-" + day;
    }

    private static String documentType(TwoDocHeader header) {
        return "document type " + header.documentType()
                + TwoDocDocumentTypes.registered(header.perimeter(), header.documentType())
                        .map(name -> " (" + name + ")")
                        .orElse(" (not registered: awaiting registration, or another perimeter)");
    }

    /** The signed fields, for a person reading the report of a 2D-Doc that is not authentic here. */
    private static String fieldsText(TwoDoc doc) {
        return doc.content().fields().stream()
                .map(field -> field.identifier() + " "
                        + DataIdentifiers.find(field.identifier())
                                .map(di -> di.label())
                                .orElse("") + " = "
                        + TwoDocDates.printable(shown(field)))
                .collect(Collectors.joining("; "));
    }
}
