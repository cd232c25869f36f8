package io.cachet.core.home;

import io.cachet.core.CachetException;
import io.cachet.core.crypto.Sha256;
import io.cachet.core.files.SecureFiles;
import io.cachet.core.keys.Pem;
import io.cachet.core.keys.TrustStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateEncodingException;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.bouncycastle.asn1.x509.KeyPurposeId;

/**
 * The timestamp trust anchors of a home, {@code trust/tsa/*.pem}: the certificates the RFC 3161 authorities an
 * issuer uses chain to. Each is either a CA (basic constraints cA) or a timestamp authority's own certificate
 * (extended key usage id-kp-timeStamping); anything else, or an expired certificate, is refused. They are part of the
 * trust material: copied with the trust folder, carried in the signed trust list and served by the verifier.
 */
public final class TimestampTrust {
    /** The extended key usage every timestamp authority certificate carries (RFC 3161 §2.3). */
    private static final String ID_KP_TIME_STAMPING = KeyPurposeId.id_kp_timeStamping.getId();

    /** One anchor and whether this call added it (false: it was already trusted). */
    public record Anchor(X509Certificate certificate, Path file, boolean added) {}

    private TimestampTrust() {}

    /** The folder of a home's timestamp trust anchors. */
    public static Path folder(CachetHome home) {
        return home.trustDirectory().resolve(TrustStore.TIMESTAMP_ANCHORS_FOLDER);
    }

    /**
     * Reads the certificates of a PEM file given by a person ({@code --tsa-trust}, {@code keys trust-tsa}) and checks
     * that each can be a timestamp trust anchor at {@code now}; nothing is written.
     */
    public static List<X509Certificate> readAnchors(Path pemFile, Instant now) {
        if (!Files.isRegularFile(pemFile)) {
            throw CachetException.usage("no certificate file at " + pemFile);
        }
        List<X509Certificate> certificates = Pem.readCertificates(pemFile);
        if (certificates.isEmpty()) {
            throw CachetException.invalidInput(pemFile + " holds no PEM certificate (-----BEGIN CERTIFICATE-----)");
        }
        List<String> problems = new ArrayList<>();
        for (X509Certificate certificate : certificates) {
            problemWith(certificate, now)
                    .ifPresent(problem ->
                            problems.add(certificate.getSubjectX500Principal().getName() + ": " + problem));
        }
        if (!problems.isEmpty()) {
            throw CachetException.invalidInput("cannot trust " + pemFile + " for timestamps (nothing was changed): "
                    + String.join("; ", problems));
        }
        return certificates;
    }

    /** Writes each anchor as {@code trust/tsa/SHA256-PREFIX.pem}; one already there is left as it is. */
    public static List<Anchor> add(CachetHome home, List<X509Certificate> anchors) {
        List<Anchor> written = new ArrayList<>();
        try {
            Files.createDirectories(folder(home));
            for (X509Certificate certificate : anchors) {
                Path file = folder(home).resolve(fileName(certificate));
                boolean added = !Files.exists(file);
                if (added) {
                    SecureFiles.writePublic(file, Pem.encode(certificate));
                }
                written.add(new Anchor(certificate, file, added));
            }
        } catch (IOException e) {
            throw CachetException.internal("cannot write to " + folder(home) + ": " + e.getMessage(), e);
        }
        return written;
    }

    /** The anchors the home trusts now. */
    public static List<X509Certificate> anchors(CachetHome home) {
        return TrustStore.certificatesIn(folder(home));
    }

    private static java.util.Optional<String> problemWith(X509Certificate certificate, Instant now) {
        if (certificate.getNotAfter().toInstant().isBefore(now)) {
            return java.util.Optional.of(
                    "it expired on " + certificate.getNotAfter().toInstant());
        }
        boolean ca = certificate.getBasicConstraints() >= 0;
        boolean timestamping;
        try {
            List<String> usages = certificate.getExtendedKeyUsage();
            timestamping = usages != null && usages.contains(ID_KP_TIME_STAMPING);
        } catch (CertificateParsingException e) {
            return java.util.Optional.of("its extended key usage cannot be read: " + e.getMessage());
        }
        if (!ca && !timestamping) {
            return java.util.Optional.of("it is neither a CA certificate (basic constraints cA) nor a timestamp"
                    + " authority certificate (extended key usage timeStamping); give the authority's CA or its own"
                    + " certificate");
        }
        return java.util.Optional.empty();
    }

    private static String fileName(X509Certificate certificate) {
        try {
            byte[] digest = Sha256.digest(certificate.getEncoded());
            return HexFormat.of().formatHex(digest, 0, 10) + ".pem";
        } catch (CertificateEncodingException e) {
            throw new IllegalStateException(e);
        }
    }
}
