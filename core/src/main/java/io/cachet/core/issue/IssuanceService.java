package io.cachet.core.issue;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import io.cachet.core.CachetException;
import io.cachet.core.home.SecureFiles;
import io.cachet.core.keys.SignerKey;
import io.cachet.core.pdf.PadesSigner;
import io.cachet.core.pdf.TimestampAuthority;
import io.cachet.core.render.CertificateRenderer;
import io.cachet.core.render.RenderRequest;
import io.cachet.core.seal.SealClaims;
import io.cachet.core.seal.SealSigner;
import io.cachet.core.types.CertificateType;
import io.cachet.core.types.DataValidator;
import io.cachet.core.types.TypeCatalog;
import io.cachet.core.types.ValidatedData;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;

/**
 * Issues certificates: input → validate → assign id → seal → render → sign → file. One instance per office key;
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
    private final PadesSigner pdfSigner;
    private final Office office;
    private final Clock clock;

    /**
     * @param timestamps the RFC 3161 authority every PDF signature is timestamped by (PAdES B-T); when it fails,
     *     issuance fails
     */
    public IssuanceService(
            TypeCatalog catalog,
            CertificateRenderer renderer,
            SignerKey key,
            TimestampAuthority timestamps,
            Office office,
            Clock clock) {
        this.catalog = requireNonNull(catalog, "catalog is null");
        this.renderer = requireNonNull(renderer, "renderer is null");
        this.sealSigner = new SealSigner(key);
        this.pdfSigner = new PadesSigner(key, timestamps);
        this.office = requireNonNull(office, "office is null");
        this.clock = requireNonNull(clock, "clock is null");
    }

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
        CertificateType type = catalog.get(typeId);
        ValidatedData validated = DataValidator.validate(type, data);
        CertificateId id = CertificateId.random();
        Path out = fileForId.apply(id);
        Instant issuedAt = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        Optional<Instant> expiresAt = type.validity()
                .map(period -> issuedAt.atZone(PARIS).plus(period).toInstant());
        SealClaims claims = new SealClaims(
                office.code(), id.value(), type.id(), issuedAt, expiresAt, validated.holder(), validated.sealFields());
        String seal = sealSigner.sign(claims);
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
                false));
        byte[] signed = pdfSigner.sign(pdf, office.name(), "Certificat " + type.id() + " " + id.value());
        try {
            SecureFiles.writeNew(out, signed);
        } catch (java.nio.file.FileAlreadyExistsException e) {
            throw CachetException.conflict(
                    "the output file " + out + " already exists: choose another --out (nothing was overwritten)");
        } catch (IOException e) {
            throw CachetException.internal("cannot write " + out + ": " + e.getMessage(), e);
        }
        return new IssuedCertificate(id, type.id(), out, seal, issuedAt, expiresAt, sha256(signed));
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
