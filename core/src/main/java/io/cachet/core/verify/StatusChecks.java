package io.cachet.core.verify;

import static java.util.Objects.requireNonNull;

import io.cachet.core.CachetException;
import io.cachet.core.crypto.Sha256;
import io.cachet.core.keys.SigningTimeProof;
import io.cachet.core.registry.CertificateId;
import io.cachet.core.registry.CertificateRecord;
import io.cachet.core.registry.CertificateStatus;
import io.cachet.core.registry.Registry;
import io.cachet.core.report.Check;
import io.cachet.core.report.CheckName;
import io.cachet.core.report.ReasonCode;
import io.cachet.core.seal.CwtClaims;
import io.cachet.core.seal.SealClaims;
import io.cachet.core.seal.SealClaimsCodec;
import io.cachet.core.seal.SealFormatException;
import io.cachet.core.status.StatusListStatusSource;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * The status of an authentic seal, from the first source that can tell: the issuer's registry (for a seal of its
 * office: checks {@code registry.status} and {@code registry.match}), else the office's status list (for a seal with
 * a status reference: check {@code status-list.status}). When neither can, the status was not checked, and the
 * verdict is never VALID: check {@code status} fails with {@link ReasonCode#STATUS_NOT_CHECKED}, whose detail says
 * why and where to check online.
 */
final class StatusChecks {
    private final Optional<Registry> registry;
    private final Optional<StatusListStatusSource> statusList;

    StatusChecks(Optional<Registry> registry, Optional<StatusListStatusSource> statusList) {
        this.registry = requireNonNull(registry, "registry is null");
        this.statusList = requireNonNull(statusList, "statusList is null");
    }

    /**
     * Adds the status checks of {@code claims}; {@code sealText} is the seal as the registry recorded it (normalised),
     * {@code pdfSha256} the hash of the signed PDF when one is verified.
     */
    void check(SealClaims claims, String sealText, Optional<String> pdfSha256, List<Check> checks) {
        if (registry.isPresent() && holdsOffice(registry.get(), claims)) {
            checkRegistry(claims.id(), sealText, pdfSha256, checks);
            return;
        }
        String noRegistry = registry.isEmpty()
                ? "no registry available"
                : "issued by office " + claims.issuer() + "; this registry holds office "
                        + registry.get().office() + "'s certificates";
        checks.add(Check.skipped(CheckName.REGISTRY_STATUS, noRegistry));
        if (statusList.isEmpty()) {
            statusNotChecked(claims, noRegistry + " and no status list configured", checks);
            return;
        }
        if (claims.status().isEmpty()) {
            statusNotChecked(claims, noRegistry + ", and the seal carries no status list reference", checks);
            return;
        }
        StatusListStatusSource.Answer answer =
                statusList.get().status(claims.status().get(), claims.issuer());
        if (answer instanceof StatusListStatusSource.Answer.Valid valid) {
            checks.add(Check.passed(CheckName.STATUS_LIST_STATUS, "VALID in " + valid.source()));
        } else if (answer instanceof StatusListStatusSource.Answer.Revoked revoked) {
            checks.add(Check.failed(
                    CheckName.STATUS_LIST_STATUS,
                    ReasonCode.CERTIFICATE_REVOKED,
                    "revoked (or replaced) by the issuer, according to " + revoked.source()));
        } else if (answer instanceof StatusListStatusSource.Answer.Suspended suspended) {
            checks.add(Check.failed(
                    CheckName.STATUS_LIST_STATUS,
                    ReasonCode.CERTIFICATE_SUSPENDED,
                    "suspended by the issuer, according to " + suspended.source()));
        } else if (answer instanceof StatusListStatusSource.Answer.NotChecked notChecked) {
            statusNotChecked(claims, notChecked.why(), checks);
        }
    }

    /**
     * The issuer's registry as proof of when a seal existed: a delivered record of this very seal (same SHA-256),
     * recorded at issuance. Asked only for a seal whose key is revoked; a registry that cannot be read proves nothing
     * here, and {@code registry.status} reports it.
     */
    Optional<SigningTimeProof> registryProof(CwtClaims claims, String sealText) {
        if (registry.isEmpty()) {
            return Optional.empty();
        }
        try {
            SealClaims decoded = SealClaimsCodec.decode(claims);
            if (!registry.get().office().equals(decoded.issuer()) || !CertificateId.isWellFormed(decoded.id())) {
                return Optional.empty();
            }
            String sealSha256 = Sha256.hex(sealText.getBytes(StandardCharsets.UTF_8));
            return registry.get()
                    .find(new CertificateId(decoded.id()))
                    .filter(record -> record.status() != CertificateStatus.PENDING)
                    .filter(record -> record.sealSha256().equals(sealSha256))
                    .map(record -> new SigningTimeProof(record.issuedAt(), "the issuer's registry record"));
        } catch (SealFormatException | CachetException e) {
            return Optional.empty();
        }
    }

    /**
     * True when {@code registry} speaks for the seal's office: it is that office's registry, or (a home with several
     * offices shares one registry) it recorded this very certificate under that office. A registry of another office
     * knows nothing of the certificate, and its silence would wrongly read as UNKNOWN_CERTIFICATE.
     */
    private static boolean holdsOffice(Registry registry, SealClaims claims) {
        return registry.office().equals(claims.issuer()) || recordedUnder(registry, claims.id(), claims.issuer());
    }

    private static void statusNotChecked(SealClaims claims, String why, List<Check> checks) {
        checks.add(Check.failed(
                CheckName.STATUS,
                ReasonCode.STATUS_NOT_CHECKED,
                "the seal is authentic but its status was not checked (" + why + "): check it online, at "
                        + AuthenticClaims.issuerVerifier(claims)
                                .orElse("the verification address printed on the certificate")));
    }

    /**
     * Asks the issuer's registry about an authentic seal of its office: it must know the id, hold the same seal (and
     * PDF, when one is verified), and the status decides REVOKED, SUSPENDED or SUPERSEDED. The detail never holds the
     * reason a person gave, which may name the holder.
     */
    private void checkRegistry(String id, String sealText, Optional<String> pdfSha256, List<Check> checks) {
        Optional<CertificateRecord> found = delivered(id, checks);
        if (found.isEmpty()) {
            return;
        }
        CertificateRecord record = found.get();
        boolean sealMatches =
                Sha256.hex(sealText.getBytes(StandardCharsets.UTF_8)).equals(record.sealSha256());
        boolean pdfMatches =
                pdfSha256.map(hash -> hash.equals(record.pdfSha256())).orElse(true);
        if (!sealMatches || !pdfMatches) {
            checks.add(Check.failed(
                    CheckName.REGISTRY_MATCH,
                    ReasonCode.REGISTRY_MISMATCH,
                    (sealMatches ? "the PDF" : "the seal") + " differs from the one recorded for " + id));
        } else {
            checks.add(Check.passed(
                    CheckName.REGISTRY_MATCH,
                    pdfSha256.isPresent()
                            ? "the seal and the PDF are the ones recorded"
                            : "the seal is the one recorded"));
        }
        checks.add(status(record));
    }

    /**
     * The status of an authentic 2D-Doc signed by a key of {@code office}, by the Cachet number it carries: asked of
     * the registry when it speaks for that office; the record must agree with the 2D-Doc ({@code disagreement} says
     * how it does not), and its status decides. Otherwise the status was not checked.
     */
    void checkTwoDoc(
            Optional<String> id,
            String office,
            Function<CertificateRecord, Optional<String>> disagreement,
            List<Check> checks) {
        boolean speaks = registry.isPresent()
                && id.isPresent()
                && (registry.get().office().equals(office) || recordedUnder(registry.get(), id.get(), office));
        if (!speaks) {
            String why = registry.isEmpty()
                    ? "no registry available"
                    : id.isEmpty()
                            ? "the 2D-Doc carries no Cachet certificate number"
                            : "signed by a key of office " + office + "; this registry holds office "
                                    + registry.get().office() + "'s certificates";
            checks.add(Check.skipped(CheckName.REGISTRY_STATUS, why));
            checks.add(Check.failed(
                    CheckName.STATUS,
                    ReasonCode.STATUS_NOT_CHECKED,
                    "the 2D-Doc is authentic but its status was not checked (" + why
                            + "; a 2D-Doc carries no status list reference): check the certificate online, at the"
                            + " verification address printed on it"));
            return;
        }
        Optional<CertificateRecord> found = delivered(id.get(), checks);
        if (found.isEmpty()) {
            return;
        }
        Optional<String> differs = disagreement.apply(found.get());
        checks.add(
                differs.isPresent()
                        ? Check.failed(
                                CheckName.REGISTRY_MATCH,
                                ReasonCode.REGISTRY_MISMATCH,
                                "the 2D-Doc differs from the certificate recorded as " + id.get() + ": "
                                        + differs.get())
                        : Check.passed(
                                CheckName.REGISTRY_MATCH,
                                "the 2D-Doc's holder, issue date and signing key are those recorded for " + id.get()));
        checks.add(status(found.get()));
    }

    private static boolean recordedUnder(Registry registry, String id, String office) {
        try {
            return CertificateId.isWellFormed(id)
                    && registry.find(new CertificateId(id))
                            .filter(record -> record.office().equals(office))
                            .isPresent();
        } catch (CachetException e) {
            return false;
        }
    }

    /** The delivered record of {@code id}; when there is none, or the registry cannot be read, the failed check. */
    private Optional<CertificateRecord> delivered(String id, List<Check> checks) {
        Optional<CertificateRecord> found;
        try {
            found = CertificateId.isWellFormed(id) ? registry.get().find(new CertificateId(id)) : Optional.empty();
        } catch (CachetException e) {
            checks.add(Check.failed(
                    CheckName.REGISTRY_STATUS,
                    ReasonCode.REGISTRY_UNAVAILABLE,
                    "the issuer's registry could not be read"));
            return Optional.empty();
        }
        if (found.isEmpty() || found.get().status() == CertificateStatus.PENDING) {
            checks.add(Check.failed(
                    CheckName.REGISTRY_STATUS,
                    ReasonCode.UNKNOWN_CERTIFICATE,
                    "the issuer's registry holds no delivered certificate " + id));
            return Optional.empty();
        }
        return found;
    }

    private static Check status(CertificateRecord record) {
        return switch (record.status()) {
            case VALID -> Check.passed(CheckName.REGISTRY_STATUS, "VALID in the issuer's registry");
            case SUSPENDED ->
                Check.failed(CheckName.REGISTRY_STATUS, ReasonCode.CERTIFICATE_SUSPENDED, "suspended by the issuer");
            case REVOKED ->
                Check.failed(CheckName.REGISTRY_STATUS, ReasonCode.CERTIFICATE_REVOKED, "revoked by the issuer");
            case SUPERSEDED ->
                Check.failed(
                        CheckName.REGISTRY_STATUS,
                        ReasonCode.CERTIFICATE_SUPERSEDED,
                        "replaced by the corrected certificate "
                                + record.supersededBy()
                                        .map(CertificateId::value)
                                        .orElse("?"));
            case PENDING -> throw new IllegalStateException("a pending record is not delivered");
        };
    }
}
