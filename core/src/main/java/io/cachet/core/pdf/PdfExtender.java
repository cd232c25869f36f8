package io.cachet.core.pdf;

import static java.util.Objects.requireNonNull;

import io.cachet.core.CachetException;
import io.cachet.core.crypto.Sha256;
import io.cachet.core.report.Check;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.security.GeneralSecurityException;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.cos.COSArray;
import org.apache.pdfbox.cos.COSDictionary;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.cos.COSStream;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.interactive.digitalsignature.ExternalSigningSupport;
import org.apache.pdfbox.pdmodel.interactive.digitalsignature.PDSignature;
import org.apache.pdfbox.pdmodel.interactive.digitalsignature.SignatureOptions;

/**
 * Extends a verified Cachet PDF for the long term (ETSI EN 319 142-1 §5.4, §6.4): B-LT adds, as an incremental
 * update, a document security store ({@code /DSS}) with the certificates of the signer, its timestamp authorities
 * and their root, and a CRL of the root issued after the signature; B-LTA then adds a document timestamp
 * ({@code /SubFilter /ETSI.RFC3161}) over the whole file. The signed revision is never rewritten: every byte of
 * the input stays a prefix of the output. Extending an LTA file again adds a new document timestamp, renewing the
 * proof before the previous authority's certificate expires.
 *
 * <p>Only a file that verifies is extended, and the result is verified again before it is returned.
 */
public final class PdfExtender {
    /** The PAdES baseline level to reach. */
    public enum Level {
        LT,
        LTA
    }

    /** A CRL of an issuer's, issued at or after a moment. */
    @FunctionalInterface
    public interface CrlSource {
        /**
         * @throws CachetException when no such CRL can be had (e.g. the root is offline and the published CRL is
         *     older)
         */
        X509CRL issuedAtOrAfter(X509Certificate issuer, Instant notBefore);
    }

    /**
     * What an extension did.
     *
     * @param pdf the extended file
     * @param level the level the file reaches now (B-LT or B-LTA)
     * @param certificatesAdded certificates added to the document security store
     * @param crlsAdded CRLs added to it
     * @param documentTimestamp the time of the document timestamp added, for LTA
     */
    public record Extension(
            byte[] pdf, String level, int certificatesAdded, int crlsAdded, Optional<Instant> documentTimestamp) {
        /** True when the file already held everything the level needs: {@link #pdf} is the input as it was. */
        public boolean unchanged() {
            return certificatesAdded == 0 && crlsAdded == 0 && documentTimestamp.isEmpty();
        }
    }

    /** Room reserved for a document timestamp token in /Contents (a real TSA's token with its chain fits). */
    static final int TIMESTAMP_SIZE = 8 * 1024;

    private static final COSName SUBFILTER_RFC3161 = COSName.getPDFName("ETSI.RFC3161");

    private final PdfSignatureVerifier verifier;
    private final List<X509Certificate> anchors;
    private final TimestampAuthority timestamps;
    private final CrlSource crls;
    private final Clock clock;

    public PdfExtender(
            PdfSignatureVerifier verifier,
            List<X509Certificate> anchors,
            TimestampAuthority timestamps,
            CrlSource crls,
            Clock clock) {
        this.verifier = requireNonNull(verifier, "verifier is null");
        this.anchors = List.copyOf(anchors);
        this.timestamps = requireNonNull(timestamps, "timestamps is null");
        this.crls = requireNonNull(crls, "crls is null");
        this.clock = requireNonNull(clock, "clock is null");
    }

    public Extension extend(byte[] pdf, Level level) {
        requireNonNull(level, "level is null");
        Instant now = clock.instant();
        PdfVerification.SignedFacts facts = verified(pdf, now);
        try {
            ValidationData present;
            try (PDDocument document = Loader.loadPDF(pdf)) {
                present = ValidationData.read(document);
            }
            Map<String, byte[]> newCertificates = new LinkedHashMap<>();
            for (X509Certificate certificate : certificatesToStore(facts)) {
                if (!contains(present.certificates(), certificate)) {
                    newCertificates.putIfAbsent(hex(certificate.getEncoded()), certificate.getEncoded());
                }
            }
            List<byte[]> newCrls = new ArrayList<>();
            X509Certificate signer = facts.signer();
            if (!now.isAfter(signer.getNotAfter().toInstant())) {
                X509CRL crl = crls.issuedAtOrAfter(issuerOf(signer), facts.signedAt());
                if (!LongTermValidation.provesNotRevoked(crl, signer, facts.signedAt(), anchors)) {
                    throw CachetException.conflict("the CRL available, issued on "
                            + crl.getThisUpdate().toInstant() + " by "
                            + crl.getIssuerX500Principal().getName()
                            + ", does not prove the signer's status after the signature (" + facts.signedAt() + ")");
                }
                if (present.crls().stream().noneMatch(crl::equals)) {
                    newCrls.add(crl.getEncoded());
                }
            }
            byte[] extended = pdf;
            if (!newCertificates.isEmpty() || !newCrls.isEmpty()) {
                List<X509Certificate> needed = certificatesToStore(facts);
                extended = withValidationData(
                        extended,
                        newCertificates.values(),
                        newCrls,
                        needed::contains,
                        crl -> LongTermValidation.provesNotRevoked(crl, signer, facts.signedAt(), anchors));
            }
            Optional<Instant> documentTimestamp = Optional.empty();
            if (level == Level.LTA) {
                extended = withDocumentTimestamp(extended);
            }
            PdfVerification.SignedFacts after = verified(extended, now);
            if (level == Level.LTA) {
                List<PdfTimestamp> all = after.timestamps();
                documentTimestamp = Optional.of(all.get(all.size() - 1).at());
            }
            String expected = level == Level.LTA ? "B-LTA" : "B-LT";
            if (level == Level.LT && after.level().equals("B-LTA")) {
                expected = "B-LTA";
            }
            if (!after.level().equals(expected)) {
                throw CachetException.internal(
                        "the extended file reaches " + after.level() + " instead of " + expected, null);
            }
            return new Extension(extended, after.level(), newCertificates.size(), newCrls.size(), documentTimestamp);
        } catch (IOException | GeneralSecurityException e) {
            throw CachetException.internal("cannot extend the PDF: " + e.getMessage(), e);
        }
    }

    /** The facts of a file that verifies now; any failed check refuses the file with that check's reason. */
    private PdfVerification.SignedFacts verified(byte[] pdf, Instant now) {
        PdfVerification verification = verifier.verify(pdf, now);
        Optional<Check> failure = verification.checks().stream()
                .filter(check -> check.outcome() == Check.Outcome.FAILED)
                .findFirst();
        if (failure.isPresent() || verification.signature().isEmpty()) {
            String why = failure.map(
                            check -> check.reason().map(Enum::name).orElse(check.name()) + ": " + check.detail())
                    .orElse("no verified signature");
            throw CachetException.invalidInput(
                    "the file does not verify (" + why + "); only a valid Cachet" + " certificate is extended");
        }
        return verification.signature().get();
    }

    /** The signer and the anchor that issued it, and each timestamp authority's path up to its anchor. */
    private List<X509Certificate> certificatesToStore(PdfVerification.SignedFacts facts) {
        List<X509Certificate> certificates = new ArrayList<>();
        certificates.add(facts.signer());
        certificates.add(issuerOf(facts.signer()));
        for (PdfTimestamp timestamp : facts.timestamps()) {
            certificates.addAll(timestamp.path());
        }
        return certificates;
    }

    private X509Certificate issuerOf(X509Certificate certificate) {
        for (X509Certificate anchor : anchors) {
            if (anchor.getSubjectX500Principal().equals(certificate.getIssuerX500Principal())) {
                try {
                    certificate.verify(anchor.getPublicKey());
                    return anchor;
                } catch (GeneralSecurityException e) {
                    // Not this anchor.
                }
            }
        }
        throw CachetException.internal(
                "no trust anchor issued "
                        + certificate.getSubjectX500Principal().getName(),
                null);
    }

    /**
     * An incremental update whose catalog points to a new /DSS: the entries of the present one that are still of use
     * (by reference, so no object of an earlier revision changes; duplicates and entries that are not certificates
     * of this signature's chain or CRLs proving its status are left out, so the store never outgrows
     * {@link ValidationData#MAX_ENTRIES}), and the new ones, each a Flate-compressed stream of one DER structure.
     */
    private static byte[] withValidationData(
            byte[] pdf,
            Iterable<byte[]> certificates,
            List<byte[]> crls,
            java.util.function.Predicate<X509Certificate> keepCertificate,
            java.util.function.Predicate<X509CRL> keepCrl)
            throws IOException {
        try (PDDocument document = Loader.loadPDF(pdf)) {
            COSDictionary catalog = document.getDocumentCatalog().getCOSObject();
            COSDictionary previous = catalog.getCOSDictionary(RevisionChanges.DSS);
            COSDictionary dss = new COSDictionary();
            COSArray certs = usefulEntriesOf(previous, ValidationData.CERTS, der -> {
                X509Certificate certificate = (X509Certificate)
                        certificateFactory().generateCertificate(new java.io.ByteArrayInputStream(der));
                return keepCertificate.test(certificate);
            });
            for (byte[] der : certificates) {
                certs.add(stream(document, der));
            }
            COSArray crlArray = usefulEntriesOf(previous, ValidationData.CRLS, der -> {
                X509CRL crl = (X509CRL) certificateFactory().generateCRL(new java.io.ByteArrayInputStream(der));
                return keepCrl.test(crl);
            });
            for (byte[] der : crls) {
                crlArray.add(stream(document, der));
            }
            if (certs.size() > 0) {
                dss.setItem(ValidationData.CERTS, certs);
            }
            if (crlArray.size() > 0) {
                dss.setItem(ValidationData.CRLS, crlArray);
            }
            catalog.setItem(RevisionChanges.DSS, dss);
            catalog.setNeedToBeUpdated(true);
            keepOnlyTrailerKeys(document);
            ByteArrayOutputStream out = new ByteArrayOutputStream(pdf.length + 8192);
            document.saveIncremental(out);
            return out.toByteArray();
        }
    }

    /** Tells whether one DER entry of the store is worth keeping; an entry that cannot be read is not. */
    @FunctionalInterface
    private interface EntryFilter {
        boolean keep(byte[] der) throws GeneralSecurityException;
    }

    /**
     * A new array with the entries of {@code name} in the previous store that {@code filter} keeps, each once,
     * references kept as references.
     */
    private static COSArray usefulEntriesOf(COSDictionary previous, COSName name, EntryFilter filter)
            throws IOException {
        COSArray entries = new COSArray();
        if (previous == null || !(previous.getDictionaryObject(name) instanceof COSArray existing)) {
            return entries;
        }
        java.util.Set<String> seen = new java.util.HashSet<>();
        for (int i = 0; i < existing.size(); i++) {
            if (!(existing.getObject(i) instanceof COSStream stream)) {
                continue;
            }
            byte[] der;
            try (InputStream in = stream.createInputStream()) {
                der = in.readNBytes(ValidationData.MAX_ENTRY_BYTES + 1);
            }
            try {
                if (der.length <= ValidationData.MAX_ENTRY_BYTES && seen.add(hex(der)) && filter.keep(der)) {
                    entries.add(existing.get(i));
                }
            } catch (GeneralSecurityException | RuntimeException e) {
                // Not a certificate or CRL of use: left out of the new store.
            }
        }
        return entries;
    }

    private static java.security.cert.CertificateFactory certificateFactory() throws GeneralSecurityException {
        return java.security.cert.CertificateFactory.getInstance("X.509");
    }

    /**
     * PDFBox writes an incremental classic table with a trailer merged from every earlier section, so a file whose
     * earlier updates used cross-reference streams would get their /Type, /W, /Index, /Length… in its new trailer,
     * which the verifier rightly refuses. A classic trailer keeps only what it is for.
     */
    private static void keepOnlyTrailerKeys(PDDocument document) {
        if (document.getDocument().isXRefStream()) {
            return;
        }
        COSDictionary trailer = document.getDocument().getTrailer();
        java.util.Set<COSName> keep = java.util.Set.of(COSName.SIZE, COSName.ROOT, COSName.INFO, COSName.ID);
        for (COSName key : new ArrayList<>(trailer.keySet())) {
            if (!keep.contains(key)) {
                trailer.removeItem(key);
            }
        }
    }

    private static COSStream stream(PDDocument document, byte[] der) throws IOException {
        COSStream stream = document.getDocument().createCOSStream();
        try (OutputStream out = stream.createOutputStream(COSName.FLATE_DECODE)) {
            out.write(der);
        }
        return stream;
    }

    /** An incremental update adding a document timestamp over everything before its /Contents. */
    private byte[] withDocumentTimestamp(byte[] pdf) throws IOException, GeneralSecurityException {
        try (PDDocument document = Loader.loadPDF(pdf)) {
            PDSignature timestamp = new PDSignature();
            timestamp.setType(COSName.DOC_TIME_STAMP);
            timestamp.setFilter(PDSignature.FILTER_ADOBE_PPKLITE);
            timestamp.setSubFilter(SUBFILTER_RFC3161);
            SignatureOptions options = new SignatureOptions();
            options.setPreferredSignatureSize(TIMESTAMP_SIZE);
            document.addSignature(timestamp, options);
            keepOnlyTrailerKeys(document);
            ByteArrayOutputStream out = new ByteArrayOutputStream(pdf.length + 2 * TIMESTAMP_SIZE + 4096);
            ExternalSigningSupport external = document.saveIncrementalForExternalSigning(out);
            byte[] digest;
            try (InputStream content = external.getContent()) {
                digest = Sha256.digest(content.readAllBytes());
            }
            external.setSignature(timestamps.timestamp(digest));
            options.close();
            return out.toByteArray();
        }
    }

    private static boolean contains(List<X509Certificate> certificates, X509Certificate certificate) {
        return certificates.stream().anyMatch(certificate::equals);
    }

    private static String hex(byte[] bytes) {
        return java.util.HexFormat.of().formatHex(Arrays.copyOf(bytes, bytes.length));
    }
}
