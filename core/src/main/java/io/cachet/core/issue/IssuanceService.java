package io.cachet.core.issue;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import io.cachet.core.CachetException;
import io.cachet.core.crypto.Sha256;
import io.cachet.core.files.SecureFiles;
import io.cachet.core.keys.SignerKey;
import io.cachet.core.keys.TrustStore;
import io.cachet.core.pdf.PadesSigner;
import io.cachet.core.pdf.TimestampAuthority;
import io.cachet.core.registry.CertificateId;
import io.cachet.core.registry.PendingCertificate;
import io.cachet.core.registry.Registry;
import io.cachet.core.render.CertificateRenderer;
import io.cachet.core.render.RenderRequest;
import io.cachet.core.seal.SealClaims;
import io.cachet.core.seal.SealSigner;
import io.cachet.core.twodoc.TwoDocEncoder;
import io.cachet.core.twodoc.TwoDocSigner;
import io.cachet.core.types.CertificateType;
import io.cachet.core.types.DataValidator;
import io.cachet.core.types.TypeCatalog;
import io.cachet.core.types.ValidatedData;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;

/**
 * Issues certificates: input → validate → assign id → seal (QR and 2D-Doc) → render → sign → verify → file. One instance per office key;
 * thread-safe, so a batch may call it from several threads.
 */
public final class IssuanceService {
    /** The office as printed on certificates and written into seals. */
    public record Office(String code, String name, String verifierUrl) {
        public Office {
            requireNonNull(code, "code is null");
            requireNonNull(name, "name is null");
            requireNonNull(verifierUrl, "verifierUrl is null");
        }
    }

    private static final ZoneId PARIS = ZoneId.of("Europe/Paris");

    private final TypeCatalog catalog;
    private final CertificateRenderer renderer;
    private final SealSigner sealSigner;
    private final TwoDocSigner twoDocSigner;
    private final PadesSigner pdfSigner;
    private final DeliveryCheck deliveryCheck;
    private final Office office;
    private final Clock clock;
    private final String signerKid;
    private final Optional<Registry> registry;
    private final Optional<String> sealStatusUri;
    private final IssuingReadiness readiness;

    /**
     * Issues and, when {@code registry} is given, records every certificate there: PENDING before its PDF is
     * written, delivered once the PDF is complete. Each certificate gets a random index in the office's status
     * list; when {@code sealStatusUri} is given, the seal carries that reference (claim 65535), and the seal must
     * still fit QR version {@value #MAX_QR_VERSION}, which leaves room for a URI of about 19 bytes.
     *
     * @param timestamps the RFC 3161 authority every PDF signature is timestamped by (PAdES B-T); when it fails,
     *     issuance fails
     * @param trust the trust material the home publishes: every certificate is verified with it before delivery
     *     ({@link DeliveryCheck}), so nothing is delivered that its verifiers would refuse
     * @param twoDocCaId the 2D-Doc certification authority id ({@code twodoc.ca-id}): every certificate also carries a
     *     2D-Doc signed by {@code key} under this id and the certificate id derived from the key (docs/2d-doc.md)
     */
    public IssuanceService(
            TypeCatalog catalog,
            CertificateRenderer renderer,
            SignerKey key,
            TimestampAuthority timestamps,
            TrustStore trust,
            Office office,
            Clock clock,
            Optional<Registry> registry,
            Optional<String> sealStatusUri,
            String twoDocCaId) {
        this.catalog = requireNonNull(catalog, "catalog is null");
        this.renderer = requireNonNull(renderer, "renderer is null");
        this.sealSigner = new SealSigner(key);
        try {
            this.twoDocSigner = TwoDocSigner.ofOffice(key, twoDocCaId);
        } catch (IllegalArgumentException e) {
            throw CachetException.configuration(e.getMessage());
        }
        this.pdfSigner = new PadesSigner(key, timestamps);
        this.deliveryCheck = new DeliveryCheck(trust);
        this.office = requireNonNull(office, "office is null");
        this.clock = requireNonNull(clock, "clock is null");
        this.signerKid = key.kid().hex();
        this.registry = requireNonNull(registry, "registry is null");
        this.sealStatusUri = requireNonNull(sealStatusUri, "sealStatusUri is null");
        this.readiness = new IssuingReadiness(key, timestamps, clock);
    }

    /** Whether the signing key and the timestamp authority work now (checked at most once a minute). */
    public IssuingReadiness.Result readiness() {
        return readiness.check();
    }

    /** The largest QR version a seal may need (docs/seal-format.md §7). */
    public static final int MAX_QR_VERSION = 15;

    /**
     * Issues one certificate of {@code typeId} from {@code data} and writes its signed PDF to {@code out}. Refuses to
     * overwrite an existing file. The file appears complete or not at all (temporary file, fsync, atomic rename).
     *
     * @throws CachetException {@code INVALID_INPUT} listing every problem in the data; nothing is written then
     */
    public IssuedCertificate issue(String typeId, JsonNode data, Path out, Locale locale) {
        if (Files.exists(out)) {
            throw CachetException.conflict(
                    "the output file " + out + " already exists: choose another --out (nothing was overwritten)");
        }
        return issue(typeId, data, id -> out, locale);
    }

    /** As {@link #issue(String, JsonNode, Path, Locale)}, with the file named after the id it is given. */
    public IssuedCertificate issue(
            String typeId, JsonNode data, Function<CertificateId, Path> fileForId, Locale locale) {
        return issue(typeId, data, fileForId, locale, IssueOptions.byCurrentUser());
    }

    /**
     * As {@link #issue(String, JsonNode, Function, Locale)}, recorded with {@code options}. With a registry: the
     * record is committed as PENDING before the PDF is written and marked delivered after, so a crash at any moment
     * leaves either nothing or a PENDING record that {@link Registry#repair} completes or discards.
     *
     * @throws CachetException {@code CONFLICT} when the idempotency key was already used or the certificate to
     *     supersede cannot be superseded
     */
    public IssuedCertificate issue(
            String typeId,
            JsonNode data,
            Function<CertificateId, Path> fileForId,
            Locale locale,
            IssueOptions options) {
        requireNonNull(options, "options is null");
        CertificateType type = catalog.get(typeId);
        ValidatedData validated = DataValidator.validate(type, data);
        if (registry.isEmpty()
                && (options.idempotencyKey().isPresent() || options.supersedes().isPresent())) {
            throw CachetException.configuration("recording a key or a correction needs a registry");
        }
        CertificateId id = CertificateId.random();
        Path out = fileForId.apply(id);
        Instant issuedAt = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        Optional<Instant> expiresAt = type.validity()
                .map(period -> issuedAt.atZone(PARIS).plus(period).toInstant());
        for (int attempt = 0; ; attempt++) {
            Optional<Long> statusIndex = registry.map(Registry::allocateStatusIndex);
            SealClaims claims = new SealClaims(
                    office.code(),
                    id.value(),
                    type.id(),
                    issuedAt,
                    expiresAt,
                    validated.holder(),
                    validated.sealFields(),
                    statusIndex.flatMap(index -> sealStatusUri.map(uri -> new SealClaims.StatusReference(index, uri))));
            String seal;
            Optional<String> twoDoc;
            byte[] signed;
            String pdfSha256;
            try {
                seal = sealSigner.sign(claims);
                if (claims.status().isPresent() && io.cachet.core.seal.QrCodes.version(seal) > MAX_QR_VERSION) {
                    throw CachetException.configuration("with the status list URI '" + sealStatusUri.get()
                            + "' this seal needs QR version " + io.cachet.core.seal.QrCodes.version(seal) + " (at most "
                            + MAX_QR_VERSION + "): set a shorter status-list.uri in cachet.properties");
                }
                twoDoc = twoDoc(validated, type, id, issuedAt, expiresAt);
                signed = render(validated, type, id, issuedAt, expiresAt, seal, twoDoc, locale);
                deliveryCheck.verify(signed, seal, clock.instant());
                pdfSha256 = Sha256.hex(signed);
            } catch (RuntimeException e) {
                statusIndex.ifPresent(index -> registry.get().releaseStatusIndex(index));
                throw e;
            }
            if (registry.isPresent()) {
                PendingCertificate pending = new PendingCertificate(
                        id,
                        type.id(),
                        office.code(),
                        validated.holder(),
                        Optional.ofNullable(validated.values().get("foreignerNumber")),
                        issuedAt,
                        expiresAt,
                        signerKid,
                        Sha256.hex(seal.getBytes(java.nio.charset.StandardCharsets.UTF_8)),
                        pdfSha256,
                        out.toAbsolutePath(),
                        statusIndex,
                        options.idempotencyKey(),
                        options.supersedes(),
                        options.requestSha256());
                if (registry.get().reserve(pending) == Registry.Reservation.STATUS_INDEX_TAKEN) {
                    if (attempt < 5) {
                        continue;
                    }
                    throw CachetException.internal("no free status list index after " + attempt + " attempts", null);
                }
            }
            try {
                write(out, signed);
            } catch (RuntimeException e) {
                registry.ifPresent(r -> r.discardPending(id));
                throw e;
            }
            registry.ifPresent(r -> r.markDelivered(id, options.actor(), clock.instant()));
            return new IssuedCertificate(id, type.id(), out, seal, issuedAt, expiresAt, pdfSha256, twoDoc);
        }
    }

    /**
     * The certificate's 2D-Doc: its type's mapping, issued (and signed) on the issuing day in Paris, signed with the
     * office key. A type without a mapping (none of the bundled ones) is issued with its QR seal only.
     */
    private Optional<String> twoDoc(
            ValidatedData validated,
            CertificateType type,
            CertificateId id,
            Instant issuedAt,
            Optional<Instant> expiresAt) {
        return type.twoDoc()
                .map(mapping -> TwoDocEncoder.encode(
                        mapping.content(
                                validated,
                                id.value(),
                                issuedAt.atZone(PARIS).toLocalDate(),
                                expiresAt.map(at -> at.atZone(PARIS).toLocalDate()),
                                twoDocSigner),
                        twoDocSigner));
    }

    private byte[] render(
            ValidatedData validated,
            CertificateType type,
            CertificateId id,
            Instant issuedAt,
            Optional<Instant> expiresAt,
            String seal,
            Optional<String> twoDoc,
            Locale locale) {
        byte[] pdf = renderer.render(new RenderRequest(
                validated,
                id.value(),
                issuedAt,
                expiresAt,
                office.code(),
                office.name(),
                Optional.of(seal),
                office.verifierUrl(),
                locale,
                false,
                twoDoc));
        return pdfSigner.sign(pdf, office.name(), "Certificat " + type.id() + " " + id.value());
    }

    private static void write(Path out, byte[] signed) {
        try {
            SecureFiles.writeNew(out, signed);
        } catch (java.nio.file.FileAlreadyExistsException e) {
            throw CachetException.conflict(
                    "the output file " + out + " already exists: choose another --out (nothing was overwritten)");
        } catch (IOException e) {
            throw CachetException.internal("cannot write " + out + ": " + e.getMessage(), e);
        }
    }
}
