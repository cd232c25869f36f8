package io.cachet.core.pdf;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.security.cert.CRLException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import org.apache.pdfbox.cos.COSArray;
import org.apache.pdfbox.cos.COSBase;
import org.apache.pdfbox.cos.COSDictionary;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.cos.COSStream;
import org.apache.pdfbox.pdmodel.PDDocument;

/**
 * The long-term validation data of a PDF: the certificates and CRLs of the catalog's document security store
 * ({@code /DSS}, ETSI EN 319 142-1 §5.4.2), each a stream holding one DER structure. OCSP responses and
 * {@code /VRI} entries are accepted in the file but not used: Cachet's CAs publish CRLs.
 *
 * @param certificates the {@code /Certs} entries
 * @param crls the {@code /CRLs} entries
 */
record ValidationData(List<X509Certificate> certificates, List<X509CRL> crls) {
    static final COSName CERTS = COSName.getPDFName("Certs");
    static final COSName CRLS = COSName.getPDFName("CRLs");

    /** The most entries read from one array of the store. */
    static final int MAX_ENTRIES = 64;

    /** The largest certificate or CRL read (a CRL of a few thousand entries). */
    static final int MAX_ENTRY_BYTES = 1024 * 1024;

    ValidationData {
        certificates = List.copyOf(certificates);
        crls = List.copyOf(crls);
    }

    static final ValidationData NONE = new ValidationData(List.of(), List.of());

    /** The store of {@code document}, empty when it has none; an entry that is not what it must be is an error. */
    static ValidationData read(PDDocument document) throws IOException {
        if (!(document.getDocumentCatalog().getCOSObject().getDictionaryObject(RevisionChanges.DSS)
                instanceof COSDictionary dss)) {
            return NONE;
        }
        try {
            CertificateFactory factory = CertificateFactory.getInstance("X.509");
            List<X509Certificate> certificates = new ArrayList<>();
            for (byte[] der : entries(dss, CERTS)) {
                certificates.add((X509Certificate) factory.generateCertificate(new ByteArrayInputStream(der)));
            }
            List<X509CRL> crls = new ArrayList<>();
            for (byte[] der : entries(dss, CRLS)) {
                crls.add((X509CRL) factory.generateCRL(new ByteArrayInputStream(der)));
            }
            return new ValidationData(certificates, crls);
        } catch (CertificateException | CRLException | ClassCastException e) {
            throw new IOException("the document security store holds an entry that cannot be read: " + e.getMessage());
        }
    }

    private static List<byte[]> entries(COSDictionary dss, COSName name) throws IOException {
        COSBase value = dss.getDictionaryObject(name);
        if (value == null) {
            return List.of();
        }
        if (!(value instanceof COSArray array) || array.size() > MAX_ENTRIES) {
            throw new IOException("the document security store's /" + name.getName() + " is not an array of at most "
                    + MAX_ENTRIES + " streams");
        }
        List<byte[]> entries = new ArrayList<>();
        for (int i = 0; i < array.size(); i++) {
            if (!(array.getObject(i) instanceof COSStream stream)) {
                throw new IOException("the document security store's /" + name.getName() + " holds a non-stream");
            }
            try (InputStream in = stream.createInputStream()) {
                byte[] bytes = in.readNBytes(MAX_ENTRY_BYTES + 1);
                if (bytes.length > MAX_ENTRY_BYTES) {
                    throw new IOException(
                            "an entry of the document security store exceeds " + MAX_ENTRY_BYTES + " bytes");
                }
                entries.add(bytes);
            }
        }
        return entries;
    }
}
