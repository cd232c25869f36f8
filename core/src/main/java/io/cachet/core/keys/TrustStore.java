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

    /** The file of a trust folder naming the 2D-Doc certification authority of its signers ({@code ca-id = FR00}). */
    public static final String TWODOC_FILE = "twodoc.properties";

    private final List<X509Certificate> anchors;
    private final Map<Kid, X509Certificate> signers;
    private final Map<Kid, Revocation> revocations;
    private final List<X509Certificate> timestampAnchors;
    private final List<X509Certificate> verifiers;
    private final Map<String, String> officeNames;
    /** The 2D-Doc certification authority id each signer's certificate is known under (docs/2d-doc.md). */
    private final Map<Kid, String> twoDocCaIds;

    private TrustStore(List<X509Certificate> anchors, Map<Kid, X509Certificate> signers) {
        this(anchors, signers, Map.of(), List.of(), List.of(), Map.of());
    }

    private TrustStore(
            List<X509Certificate> anchors,
            Map<Kid, X509Certificate> signers,
            Map<Kid, Revocation> revocations,
            List<X509Certificate> timestampAnchors,
            List<X509Certificate> verifiers,
            Map<Kid, String> twoDocCaIds) {
        this.twoDocCaIds = Map.copyOf(twoDocCaIds);
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
        TrustStore trust = load(trustDirectory.resolve("root.pem"), trustDirectory.resolve("signers"))
                .withTimestampAnchors(certificatesIn(trustDirectory.resolve(TIMESTAMP_ANCHORS_FOLDER)))
                .withVerifiers(certificatesIn(trustDirectory.resolve(VERIFIERS_FOLDER)));
        Optional<String> caId = twoDocCaIdIn(trustDirectory);
        return caId.isPresent() ? trust.withTwoDocAuthority(caId.get()) : trust;
    }

    /**
     * The 2D-Doc certification authority id a trust folder's {@value #TWODOC_FILE} names ({@code ca-id = FR00}), under
     * which its signers' certificates sign 2D-Docs; empty when the file is absent.
     *
     * @throws CachetException of kind CONFIGURATION when the file cannot be read or its id is malformed
     */
    public static Optional<String> twoDocCaIdIn(Path trustDirectory) {
        Path file = trustDirectory.resolve(TWODOC_FILE);
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        java.util.Properties properties = new java.util.Properties();
        try (var reader = Files.newBufferedReader(file, java.nio.charset.StandardCharsets.UTF_8)) {
            properties.load(reader);
        } catch (IOException | IllegalArgumentException e) {
            throw CachetException.configuration("cannot read " + file + ": " + e.getMessage(), e);
        }
        String caId = properties.getProperty("ca-id", "").strip();
        if (!caId.matches("[A-Z]{2}[A-Z0-9]{2}")) {
            throw CachetException.configuration(file + ": ca-id '" + caId
                    + "' must be a 2D-Doc certification authority id: an ISO 3166 alpha-2 country and two characters"
                    + " [A-Z0-9] (FR00)");
        }
        return Optional.of(caId);
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
        return new TrustStore(anchors, signers, byKid, timestampAnchors, verifiers, twoDocCaIds);
    }

    /** The same trust with these timestamp trust anchors (replacing any it had). */
    public TrustStore withTimestampAnchors(List<X509Certificate> timestampAnchors) {
        return new TrustStore(anchors, signers, revocations, timestampAnchors, verifiers, twoDocCaIds);
    }

    /**
     * The same trust with these verifiers' report-signing certificates (replacing any it had): admitted only when
     * issued by one of the anchors and made for signing reports ({@link ReportSigners#isReportSigner}).
     */
    public TrustStore withVerifiers(List<X509Certificate> candidates) {
        List<X509Certificate> admitted = candidates.stream()
                .filter(candidate -> ReportSigners.isReportSigner(candidate) && issuedByAnyOf(candidate, anchors))
                .toList();
        return new TrustStore(anchors, signers, revocations, timestampAnchors, admitted, twoDocCaIds);
    }

    /**
     * The same trust, knowing every signer's certificate under the 2D-Doc certification authority {@code caId} (a
     * trust folder's {@value #TWODOC_FILE}, or the issuing home's {@code twodoc.ca-id}); signers the trust list
     * already placed keep their authority.
     */
    public TrustStore withTwoDocAuthority(String caId) {
        Map<Kid, String> ids = new LinkedHashMap<>();
        signers.keySet().forEach(kid -> ids.put(kid, caId));
        ids.putAll(twoDocCaIds);
        return new TrustStore(anchors, signers, revocations, timestampAnchors, verifiers, ids);
    }

    /** The same trust, knowing these signers' certificates under these 2D-Doc authorities (from a trust list). */
    public TrustStore withTwoDocCaIds(Map<Kid, String> caIds) {
        Map<Kid, String> ids = new LinkedHashMap<>(twoDocCaIds);
        caIds.forEach((kid, caId) -> {
            if (signers.containsKey(kid)) {
                ids.put(kid, caId);
            }
        });
        return new TrustStore(anchors, signers, revocations, timestampAnchors, verifiers, ids);
    }

    /** Whether any trusted signer is known under the 2D-Doc certification authority {@code caId}. */
    public boolean knowsTwoDocAuthority(String caId) {
        return twoDocCaIds.containsValue(caId);
    }

    /** The 2D-Doc certification authority id of a trusted signer, when it is known under one. */
    public Optional<String> twoDocCaId(Kid kid) {
        return Optional.ofNullable(twoDocCaIds.get(kid));
    }

    /**
     * The trusted signers a 2D-Doc header naming {@code caId} and {@code certificateId} may come from: those known under
     * that authority whose derived certificate id ({@code TwoDocCertificate.officeCertificateId}: the first four hex
     * digits of the kid) is {@code certificateId}. Several offices may share an id: the caller tries each.
     */
    public List<X509Certificate> twoDocSigners(String caId, String certificateId) {
        List<X509Certificate> found = new ArrayList<>();
        signers.forEach((kid, certificate) -> {
            if (caId.equals(twoDocCaIds.get(kid))
                    && kid.hex()
                            .substring(0, 4)
                            .toUpperCase(java.util.Locale.ROOT)
                            .equals(certificateId)) {
                found.add(certificate);
            }
        });
        return found;
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
        return new TrustStore(anchors, reportSigners, Map.of(), timestampAnchors, List.of(), Map.of());
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
