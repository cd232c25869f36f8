package io.cachet.core.pdf;

import io.cachet.core.keys.DevelopmentPki;
import io.cachet.core.keys.SignerKey;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.Date;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.cos.COSDictionary;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.cos.COSStream;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.interactive.digitalsignature.ExternalSigningSupport;
import org.apache.pdfbox.pdmodel.interactive.digitalsignature.PDSignature;
import org.apache.pdfbox.pdmodel.interactive.digitalsignature.SignatureOptions;
import org.apache.pdfbox.pdmodel.interactive.form.PDSignatureField;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/** What a forger does to a signed PDF: byte edits in place, incremental updates, re-signing. For attack tests. */
final class Forgery {
    private Forgery() {}

    /** A change made to a loaded document; returns the dictionaries the incremental update must write. */
    interface Change {
        Set<COSDictionary> apply(PDDocument document) throws IOException;
    }

    static String text(byte[] pdf) {
        return new String(pdf, StandardCharsets.ISO_8859_1);
    }

    /** Overwrites bytes at {@code at} with {@code replacement}: the file keeps its length and its offsets. */
    static byte[] overwrite(byte[] pdf, int at, String replacement) {
        byte[] copy = pdf.clone();
        byte[] bytes = replacement.getBytes(StandardCharsets.ISO_8859_1);
        System.arraycopy(bytes, 0, copy, at, bytes.length);
        return copy;
    }

    /** Replaces the first occurrence of {@code from} (after {@code after}) with a text of the same length. */
    static byte[] replaceSameLength(byte[] pdf, String from, String to) {
        if (from.length() != to.length()) {
            throw new IllegalArgumentException("lengths differ: " + from + " / " + to);
        }
        int at = lastSignatureDictionary(pdf);
        int found = text(pdf).indexOf(from, at);
        if (found < 0) {
            throw new IllegalArgumentException(from + " not found in the signature dictionary");
        }
        return overwrite(pdf, found, to);
    }

    /** Where the last signature dictionary starts (its /Type /Sig or /Filter entry, roughly). */
    static int lastSignatureDictionary(byte[] pdf) {
        String text = text(pdf);
        int byteRange = text.lastIndexOf("/ByteRange");
        int contents = text.lastIndexOf("/Contents <");
        return Math.max(0, Math.min(byteRange, contents) - 400);
    }

    /** Offsets of the {@code [ ... ]} of the last /ByteRange: {start, end exclusive}. */
    static int[] byteRangeArray(byte[] pdf) {
        String text = text(pdf);
        int key = text.lastIndexOf("/ByteRange");
        int open = text.indexOf('[', key);
        int close = text.indexOf(']', open);
        return new int[] {open, close + 1};
    }

    static long[] byteRange(byte[] pdf) {
        int[] span = byteRangeArray(pdf);
        String inner = text(pdf).substring(span[0] + 1, span[1] - 1).strip();
        return Arrays.stream(inner.split("\\s+")).mapToLong(Long::parseLong).toArray();
    }

    /** Writes a new /ByteRange array over the old one, padded with spaces to the same length. */
    static byte[] withByteRange(byte[] pdf, String array) {
        int[] span = byteRangeArray(pdf);
        int width = span[1] - span[0];
        if (array.length() > width) {
            throw new IllegalArgumentException("no room for " + array);
        }
        return overwrite(pdf, span[0], array + " ".repeat(width - array.length()));
    }

    /** The CMS in the last /Contents, without the padding zeros. */
    static byte[] cms(byte[] pdf) {
        long[] range = byteRange(pdf);
        String hex = text(pdf).substring((int) range[1] + 1, (int) range[2] - 1);
        return ByteRange.withoutPadding(HexFormat.of().parseHex(hex)).orElseThrow();
    }

    /** Puts another CMS into /Contents, zero-padded to the reserved size. */
    static byte[] withCms(byte[] pdf, byte[] cms) {
        long[] range = byteRange(pdf);
        int room = (int) (range[2] - range[1] - 2);
        String hex = HexFormat.of().formatHex(cms);
        if (hex.length() > room) {
            throw new IllegalArgumentException("the CMS does not fit");
        }
        return overwrite(pdf, (int) range[1] + 1, hex + "0".repeat(room - hex.length()));
    }

    /** Appends an incremental update (a new revision) written by PDFBox, as a forger's tool would. */
    static byte[] incrementalUpdate(byte[] pdf, Change change) {
        try (PDDocument document = Loader.loadPDF(pdf)) {
            Set<COSDictionary> objects = change.apply(document);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            document.saveIncremental(out, objects);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The file as it was before its first incremental update: the rendered, unsigned PDF. */
    static byte[] firstRevision(byte[] pdf) {
        String text = text(pdf);
        int end = text.indexOf("%%EOF") + "%%EOF".length();
        while (end < pdf.length && (pdf[end] == '\n' || pdf[end] == '\r')) {
            end++;
        }
        return Arrays.copyOf(pdf, end);
    }

    static byte[] append(byte[] pdf, String suffix) {
        byte[] bytes = suffix.getBytes(StandardCharsets.ISO_8859_1);
        byte[] result = Arrays.copyOf(pdf, pdf.length + bytes.length);
        System.arraycopy(bytes, 0, result, pdf.length, bytes.length);
        return result;
    }

    /** A self-signed certificate whose subject and issuer copy {@code genuine}'s subject: a look-alike. */
    static SignerKey selfSignedLookAlike(X509Certificate genuine) {
        KeyPair keys = DevelopmentPki.newP256KeyPair();
        X500Name subject =
                X500Name.getInstance(genuine.getSubjectX500Principal().getEncoded());
        try {
            Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
            X509Certificate certificate = new JcaX509CertificateConverter()
                    .getCertificate(new JcaX509v3CertificateBuilder(
                                    subject,
                                    BigInteger.valueOf(7),
                                    Date.from(now.minus(3650, ChronoUnit.DAYS)),
                                    Date.from(now.plus(3650, ChronoUnit.DAYS)),
                                    subject,
                                    keys.getPublic())
                            .build(new JcaContentSignerBuilder("SHA256withECDSA").build(keys.getPrivate())));
            return new SignerKey("PAR", keys.getPrivate(), List.of(certificate));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** A chain from a root named exactly like the genuine root to an office named exactly like the genuine one. */
    static SignerKey lookAlikeChain(String officeName, Instant notBefore) {
        KeyPair rootKeys = DevelopmentPki.newP256KeyPair();
        X509Certificate root = DevelopmentPki.rootCertificate(rootKeys, true, notBefore);
        KeyPair officeKeys = DevelopmentPki.newP256KeyPair();
        X509Certificate office = DevelopmentPki.officeCertificate(
                officeKeys,
                "PAR",
                officeName,
                root,
                rootKeys.getPrivate(),
                true,
                notBefore,
                "http://localhost:8080/crl/root.crl");
        return new SignerKey("PAR", officeKeys.getPrivate(), List.of(office, root));
    }

    /** Changes a document timestamp's field before it is written. */
    interface FieldTweak {
        void apply(PDDocument document, PDSignatureField field) throws IOException;
    }

    /** A document timestamp made as a forger with PDFBox would, tweaked before it is written. */
    static byte[] documentTimestamp(byte[] pdf, TimestampAuthority authority, FieldTweak tweak) throws Exception {
        try (PDDocument document = Loader.loadPDF(pdf)) {
            PDSignature timestamp = new PDSignature();
            timestamp.setType(COSName.DOC_TIME_STAMP);
            timestamp.setFilter(PDSignature.FILTER_ADOBE_PPKLITE);
            timestamp.setSubFilter(COSName.getPDFName("ETSI.RFC3161"));
            SignatureOptions options = new SignatureOptions();
            options.setPreferredSignatureSize(8192);
            document.addSignature(timestamp, options);
            PDSignatureField field = document.getSignatureFields().stream()
                    .filter(candidate ->
                            candidate.getCOSObject().getDictionaryObject(COSName.V) == timestamp.getCOSObject())
                    .findFirst()
                    .orElseThrow();
            tweak.apply(document, field);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ExternalSigningSupport external = document.saveIncrementalForExternalSigning(out);
            byte[] digest = java.security.MessageDigest.getInstance("SHA-256")
                    .digest(external.getContent().readAllBytes());
            external.setSignature(authority.timestamp(digest));
            options.close();
            return out.toByteArray();
        }
    }

    /** A new stream of {@code document} holding {@code der}, Flate-encoded: a certificate or CRL for a /DSS. */
    static COSStream derStream(PDDocument document, byte[] der) throws IOException {
        COSStream stream = document.getDocument().createCOSStream();
        try (OutputStream out = stream.createOutputStream(COSName.FLATE_DECODE)) {
            out.write(der);
        }
        return stream;
    }
}
