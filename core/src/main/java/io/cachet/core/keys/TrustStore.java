package io.cachet.core.keys;

import io.cachet.core.CachetException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * What a verifier trusts: the pinned root certificates (anchors), the document-signing certificates, found by
 * {@link Kid}, and the timestamp trust anchors (the CAs of the RFC 3161 authorities the issuers use, or those
 * authorities' own certificates). A signer certificate is admitted only when its signature checks against an anchor;
 * a certificate that a file or a code brings along is never trusted on its own.
 */
public final class TrustStore {
    /** The folder of timestamp trust anchors inside a trust folder. */
    public static final String TIMESTAMP_ANCHORS_FOLDER = "tsa";

    /** The folder of the verifiers' report-signing certificates inside a trust folder. */
    public static final String VERIFIERS_FOLDER = "verifiers";

    private final List<X509Certificate> anchors;
    private final Map<Kid, X509Certificate> signers;
    private final Map<Kid, Revocation> revocations;
    private final List<X509Certificate> timestampAnchors;
    private final List<X509Certificate> verifiers;
    private final Map<String, String> officeNames;

    private TrustStore(List<X509Certificate> anchors, Map<Kid, X509Certificate> signers) {
        this(anchors, signers, Map.of(), List.of(), List.of());
    }

    private TrustStore(
            List<X509Certificate> anchors,
            Map<Kid, X509Certificate> signers,
            Map<Kid, Revocation> revocations,
            List<X509Certificate> timestampAnchors,
            List<X509Certificate> verifiers) {
        this.verifiers = List.copyOf(verifiers);
        this.revocations = Map.copyOf(revocations);
        this.anchors = List.copyOf(anchors);
        this.signers = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(signers));
        this.timestampAnchors = List.copyOf(timestampAnchors);
        this.officeNames = officeNames(this.signers.values());
    }

    /** Office code → name, from the trusted signers' certificates (the latest certificate of an office wins). */
    private static Map<String, String> officeNames(java.util.Collection<X509Certificate> signers) {
        Map<String, X509Certificate> latest = new java.util.HashMap<>();
        for (X509Certificate signer : signers) {
            OfficeCertificates.officeOf(signer)
                    .ifPresent(office -> latest.merge(
                            office, signer, (a, b) -> a.getNotBefore().after(b.getNotBefore()) ? a : b));
        }
        Map<String, String> names = new java.util.HashMap<>();
        latest.forEach((office, certificate) ->
                OfficeCertificates.nameOf(certificate).ifPresent(name -> names.put(office, name)));
        return Map.copyOf(names);
    }

    /** The name of the office with this code, from its trusted signing certificate, when that names it. */
    public Optional<String> officeName(String officeCode) {
        return Optional.ofNullable(officeNames.get(officeCode));
    }

    /**
     * Signers are admitted only when issued by one of the anchors, and never a verifier's report-signing certificate
     * ({@link ReportSigners}): a key that signs reports cannot sign a seal or a certificate.
     */
    public static TrustStore of(List<X509Certificate> anchors, List<X509Certificate> candidates) {
        Map<Kid, X509Certificate> signers = new LinkedHashMap<>();
        for (X509Certificate candidate : candidates) {
            if (issuedByAnyOf(candidate, anchors) && !ReportSigners.isReportSigner(candidate)) {
                signers.put(Kid.of(candidate), candidate);
            }
        }
        return new TrustStore(anchors, signers);
    }

    /** Trusts exactly the given signer certificates, with no anchor (e.g. {@code seal decode --trust CERT}). */
    public static TrustStore ofSignersDirectly(List<X509Certificate> signerCertificates) {
        Map<Kid, X509Certificate> signers = new LinkedHashMap<>();
        signerCertificates.forEach(certificate -> signers.put(Kid.of(certificate), certificate));
        return new TrustStore(List.of(), signers);
    }

    /** Loads {@code root.pem} and every {@code *.pem} under the signers folder. */
    public static TrustStore load(Path rootPem, Path signersDirectory) {
        return of(Pem.readCertificates(rootPem), certificatesIn(signersDirectory));
    }

    /**
     * Loads a trust folder as {@code cachet init} writes it and verifiers copy it: {@code root.pem},
     * {@code signers/*.pem} and the timestamp trust anchors {@code tsa/*.pem}. Key revocations are added by the caller
     * ({@code KeyManagement.revocations}).
     */
    public static TrustStore loadFolder(Path trustDirectory) {
        return load(trustDirectory.resolve("root.pem"), trustDirectory.resolve("signers"))
                .withTimestampAnchors(certificatesIn(trustDirectory.resolve(TIMESTAMP_ANCHORS_FOLDER)))
                .withVerifiers(certificatesIn(trustDirectory.resolve(VERIFIERS_FOLDER)));
    }

    /** Every certificate of the {@code *.pem} files of a folder, in file name order; none when it does not exist. */
    public static List<X509Certificate> certificatesIn(Path directory) {
        List<X509Certificate> certificates = new ArrayList<>();
        if (Files.isDirectory(directory)) {
            try (Stream<Path> files = Files.list(directory)) {
                for (Path file : files.filter(f -> f.toString().endsWith(".pem"))
                        .sorted()
                        .toList()) {
                    certificates.addAll(Pem.readCertificates(file));
                }
            } catch (IOException e) {
                throw CachetException.configuration("cannot list " + directory + ": " + e.getMessage(), e);
            }
        }
        return certificates;
    }

    /** The same trust with these key revocations known. */
    public TrustStore withRevocations(List<Revocation> known) {
        Map<Kid, Revocation> byKid = new LinkedHashMap<>();
        known.forEach(revocation -> byKid.put(revocation.kid(), revocation));
        return new TrustStore(anchors, signers, byKid, timestampAnchors, verifiers);
    }

    /** The same trust with these timestamp trust anchors (replacing any it had). */
    public TrustStore withTimestampAnchors(List<X509Certificate> timestampAnchors) {
        return new TrustStore(anchors, signers, revocations, timestampAnchors, verifiers);
    }

    /**
     * The same trust with these verifiers' report-signing certificates (replacing any it had): admitted only when
     * issued by one of the anchors and made for signing reports ({@link ReportSigners#isReportSigner}).
     */
    public TrustStore withVerifiers(List<X509Certificate> candidates) {
        List<X509Certificate> admitted = candidates.stream()
                .filter(candidate -> ReportSigners.isReportSigner(candidate) && issuedByAnyOf(candidate, anchors))
                .toList();
        return new TrustStore(anchors, signers, revocations, timestampAnchors, admitted);
    }

    /** The verifiers whose signed verification reports this trust accepts. */
    public List<X509Certificate> verifiers() {
        return verifiers;
    }

    /**
     * The trust that judges a verification report: its only signers are the verifiers, with the same anchors and
     * timestamp anchors; no office key is trusted there.
     */
    public TrustStore forReports() {
        Map<Kid, X509Certificate> reportSigners = new LinkedHashMap<>();
        verifiers.forEach(verifier -> reportSigners.put(Kid.of(verifier), verifier));
        return new TrustStore(anchors, reportSigners, Map.of(), timestampAnchors, List.of());
    }

    /**
     * The certificates a timestamp authority must chain to (or be): never the root's document-signing trust, which
     * is given separately.
     */
    public List<X509Certificate> timestampAnchors() {
        return timestampAnchors;
    }

    /** The revocation of this signing key, if it was revoked. */
    public Optional<Revocation> revocation(Kid kid) {
        return Optional.ofNullable(revocations.get(kid));
    }

    public Optional<X509Certificate> signer(Kid kid) {
        return Optional.ofNullable(signers.get(kid));
    }

    /** True when this exact certificate is a trusted signer. */
    public boolean trustsSigner(X509Certificate certificate) {
        return signer(Kid.of(certificate)).filter(certificate::equals).isPresent();
    }

    public List<X509Certificate> anchors() {
        return anchors;
    }

    public Map<Kid, X509Certificate> signers() {
        return signers;
    }

    private static boolean issuedByAnyOf(X509Certificate certificate, List<X509Certificate> anchors) {
        for (X509Certificate anchor : anchors) {
            if (!anchor.getSubjectX500Principal().equals(certificate.getIssuerX500Principal())) {
                continue;
            }
            try {
                certificate.verify(anchor.getPublicKey());
                return true;
            } catch (GeneralSecurityException e) {
                // Not this anchor: try the next one.
            }
        }
        return false;
    }
}
