package io.cachet.core.pdf;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateFactory;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.pdfbox.cos.COSArray;
import org.apache.pdfbox.cos.COSBase;
import org.apache.pdfbox.cos.COSDictionary;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.cos.COSObject;
import org.apache.pdfbox.cos.COSStream;
import org.apache.pdfbox.cos.COSString;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.interactive.digitalsignature.PDSignature;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.cert.ocsp.OCSPResp;
import org.bouncycastle.cms.CMSSignedData;
import org.bouncycastle.tsp.TimeStampToken;

/**
 * The content of a document security store, checked entry by entry (ETSI EN 319 142-1 §5.4.2, ISO 32000-2
 * §12.8.4.3): every object an update adds under {@code /DSS} must be of the kind its place says, and hold nothing
 * else, so that no string, name or number can carry bytes that a reader may take for something else.
 *
 * <ul>
 *   <li>{@code /DSS}: only {@code /Type /DSS}, {@code /Certs}, {@code /CRLs}, {@code /OCSPs}, {@code /VRI};
 *   <li>{@code /Certs}, {@code /CRLs}, {@code /OCSPs}: arrays of at most {@value ValidationData#MAX_ENTRIES}
 *       indirect streams, each exactly one DER certificate, CRL or OCSP response (nothing after it), the stream
 *       dictionary holding only {@code /Length} and {@code /Filter /FlateDecode};
 *   <li>{@code /VRI}: keys the upper-case hex SHA-1 of the {@code /Contents} of a signature or document timestamp
 *       of the file; values dictionaries of only {@code /Type /VRI}, {@code /Cert}, {@code /CRL}, {@code /OCSP}
 *       (arrays of streams of the store's own matching array), {@code /TU} (a date string) and {@code /TS} (a
 *       stream holding one RFC 3161 timestamp token).
 * </ul>
 */
final class DssContent {
    static final COSName OCSPS = COSName.getPDFName("OCSPs");
    static final COSName VRI = COSName.getPDFName("VRI");
    private static final COSName DSS_TYPE = COSName.getPDFName("DSS");
    private static final COSName VRI_TYPE = COSName.getPDFName("VRI");
    private static final Set<COSName> STORE_KEYS =
            Set.of(COSName.TYPE, ValidationData.CERTS, ValidationData.CRLS, OCSPS, VRI);
    private static final Set<COSName> STREAM_KEYS = Set.of(COSName.LENGTH, COSName.FILTER);
    private static final Map<COSName, COSName> VRI_ARRAYS = Map.of(
            COSName.getPDFName("Cert"), ValidationData.CERTS,
            COSName.getPDFName("CRL"), ValidationData.CRLS,
            COSName.getPDFName("OCSP"), OCSPS);
    private static final COSName TU = COSName.getPDFName("TU");
    private static final COSName TS = COSName.getPDFName("TS");
    private static final int MAX_VRI_ENTRIES = 64;

    private enum Kind {
        CERTIFICATE,
        CRL,
        OCSP_RESPONSE,
        TIMESTAMP_TOKEN
    }

    private DssContent() {}

    /** Empty when {@code document} has no store or a store as above; otherwise what is wrong. */
    static Optional<String> problem(PDDocument document) {
        COSBase value = document.getDocumentCatalog().getCOSObject().getDictionaryObject(RevisionChanges.DSS);
        if (value == null) {
            return Optional.empty();
        }
        if (!(value instanceof COSDictionary dss)) {
            return Optional.of("/DSS is not a dictionary");
        }
        try {
            return Optional.ofNullable(storeProblem(dss, document));
        } catch (IOException | RuntimeException e) {
            return Optional.of("the document security store cannot be read: " + e.getMessage());
        }
    }

    private static String storeProblem(COSDictionary dss, PDDocument document) throws IOException {
        for (COSName key : dss.keySet()) {
            if (!STORE_KEYS.contains(key)) {
                return "the document security store holds /" + key.getName();
            }
        }
        if (dss.containsKey(COSName.TYPE) && !DSS_TYPE.equals(dss.getItem(COSName.TYPE))) {
            return "the document security store's /Type is not /DSS";
        }
        Map<COSName, Set<Long>> streams = new HashMap<>();
        Map<COSName, Kind> kinds = Map.of(
                ValidationData.CERTS, Kind.CERTIFICATE, ValidationData.CRLS, Kind.CRL, OCSPS, Kind.OCSP_RESPONSE);
        for (Map.Entry<COSName, Kind> array : kinds.entrySet()) {
            Set<Long> numbers = new HashSet<>();
            String problem =
                    arrayProblem(dss.getItem(array.getKey()), array.getKey().getName(), array.getValue(), numbers);
            if (problem != null) {
                return problem;
            }
            streams.put(array.getKey(), numbers);
        }
        COSBase vri = dss.getDictionaryObject(VRI);
        if (vri == null) {
            return null;
        }
        if (!(vri instanceof COSDictionary entries) || entries.size() > MAX_VRI_ENTRIES) {
            return "the store's /VRI is not a dictionary of at most " + MAX_VRI_ENTRIES + " entries";
        }
        Set<String> signatures = signatureHashes(document);
        for (COSName key : entries.keySet()) {
            if (!signatures.contains(key.getName())) {
                return "the store's /VRI names " + shorten(key.getName())
                        + ", which is not the SHA-1 of a signature of the file";
            }
            if (!(entries.getDictionaryObject(key) instanceof COSDictionary entry)) {
                return "a /VRI entry is not a dictionary";
            }
            String problem = vriEntryProblem(entry, streams);
            if (problem != null) {
                return problem;
            }
        }
        return null;
    }

    private static String vriEntryProblem(COSDictionary entry, Map<COSName, Set<Long>> streams) throws IOException {
        for (COSName key : entry.keySet()) {
            COSBase item = entry.getItem(key);
            if (key.equals(COSName.TYPE)) {
                if (!VRI_TYPE.equals(item)) {
                    return "a /VRI entry's /Type is not /VRI";
                }
            } else if (VRI_ARRAYS.containsKey(key)) {
                Set<Long> own = streams.get(VRI_ARRAYS.get(key));
                COSBase array = item instanceof COSObject object ? object.getObject() : item;
                if (!(array instanceof COSArray list) || list.size() > ValidationData.MAX_ENTRIES) {
                    return "a /VRI entry's /" + key.getName() + " is not an array of streams";
                }
                for (int i = 0; i < list.size(); i++) {
                    if (!(list.get(i) instanceof COSObject reference)
                            || reference.getKey() == null
                            || !own.contains(reference.getKey().getNumber())) {
                        return "a /VRI entry's /" + key.getName() + " refers to something other than a stream of the"
                                + " store's /" + VRI_ARRAYS.get(key).getName();
                    }
                }
            } else if (key.equals(TU)) {
                if (!(item instanceof COSString date)
                        || !date.getString().matches("D:\\d{4,14}(Z|[+-]\\d{2}'\\d{2}'?)?")) {
                    return "a /VRI entry's /TU is not a date";
                }
            } else if (key.equals(TS)) {
                String problem = streamProblem(item, "a /VRI entry's /TS", Kind.TIMESTAMP_TOKEN);
                if (problem != null) {
                    return problem;
                }
            } else {
                return "a /VRI entry holds /" + key.getName();
            }
        }
        return null;
    }

    private static String arrayProblem(COSBase value, String name, Kind kind, Set<Long> numbers) throws IOException {
        if (value == null) {
            return null;
        }
        COSBase array = value instanceof COSObject object ? object.getObject() : value;
        if (!(array instanceof COSArray list) || list.size() > ValidationData.MAX_ENTRIES) {
            return "the store's /" + name + " is not an array of at most " + ValidationData.MAX_ENTRIES + " streams";
        }
        for (int i = 0; i < list.size(); i++) {
            COSBase item = list.get(i);
            if (!(item instanceof COSObject reference) || reference.getKey() == null) {
                return "the store's /" + name + " holds a direct value, not a stream";
            }
            String problem = streamProblem(item, "an entry of the store's /" + name, kind);
            if (problem != null) {
                return problem;
            }
            numbers.add(reference.getKey().getNumber());
        }
        return null;
    }

    /** {@code item} is an indirect stream of only /Length and /Filter /FlateDecode, holding one DER {@code kind}. */
    private static String streamProblem(COSBase item, String what, Kind kind) throws IOException {
        if (!(item instanceof COSObject reference) || !(reference.getObject() instanceof COSStream stream)) {
            return what + " is not an indirect stream";
        }
        for (COSName key : stream.keySet()) {
            if (!STREAM_KEYS.contains(key)) {
                return what + " is a stream whose dictionary holds /" + key.getName();
            }
        }
        COSBase filter = stream.getItem(COSName.FILTER);
        if (filter != null && !COSName.FLATE_DECODE.equals(filter)) {
            return what + " is a stream with another filter than /FlateDecode";
        }
        byte[] der;
        try (InputStream in = stream.createInputStream()) {
            der = in.readNBytes(ValidationData.MAX_ENTRY_BYTES + 1);
        }
        if (der.length > ValidationData.MAX_ENTRY_BYTES) {
            return what + " exceeds " + ValidationData.MAX_ENTRY_BYTES + " bytes";
        }
        return isExactly(der, kind) ? null : what + " is not one DER-encoded " + describe(kind);
    }

    private static boolean isExactly(byte[] der, Kind kind) {
        try {
            if (!Arrays.equals(ASN1Primitive.fromByteArray(der).getEncoded("DER"), der)) {
                return false;
            }
            switch (kind) {
                case CERTIFICATE ->
                    CertificateFactory.getInstance("X.509").generateCertificate(new ByteArrayInputStream(der));
                case CRL -> CertificateFactory.getInstance("X.509").generateCRL(new ByteArrayInputStream(der));
                case OCSP_RESPONSE -> new OCSPResp(der);
                case TIMESTAMP_TOKEN -> new TimeStampToken(new CMSSignedData(der));
            }
            return true;
        } catch (Exception e) {
            return false;
        }
    }

    private static String describe(Kind kind) {
        return switch (kind) {
            case CERTIFICATE -> "X.509 certificate";
            case CRL -> "X.509 CRL";
            case OCSP_RESPONSE -> "OCSP response";
            case TIMESTAMP_TOKEN -> "RFC 3161 timestamp token";
        };
    }

    /**
     * The /VRI keys the file's signatures allow: the upper-case hex SHA-1 of each signature's or document
     * timestamp's {@code /Contents}, as written (zero padding included) or without the padding (writers differ).
     */
    private static Set<String> signatureHashes(PDDocument document) throws IOException {
        Set<String> hashes = new HashSet<>();
        for (PDSignature signature : document.getSignatureDictionaries()) {
            byte[] contents = signature.getContents();
            hashes.add(sha1(contents));
            ByteRange.withoutPadding(contents).ifPresent(der -> hashes.add(sha1(der)));
        }
        return hashes;
    }

    private static String sha1(byte[] bytes) {
        try {
            return HexFormat.of()
                    .withUpperCase()
                    .formatHex(MessageDigest.getInstance("SHA-1").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String shorten(String name) {
        return name.length() > 48 ? name.substring(0, 48) + "…" : name;
    }
}
