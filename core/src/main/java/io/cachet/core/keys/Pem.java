package io.cachet.core.keys;

import io.cachet.core.CachetException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.cert.CertificateEncodingException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.List;

/** Reads and writes X.509 certificates as PEM text (RFC 7468). */
public final class Pem {
    private Pem() {}

    public static String encode(X509Certificate certificate) {
        try {
            String body = Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(certificate.getEncoded());
            return "-----BEGIN CERTIFICATE-----\n" + body + "\n-----END CERTIFICATE-----\n";
        } catch (CertificateEncodingException e) {
            throw new IllegalStateException("cannot encode certificate", e);
        }
    }

    /** Every certificate in the file (PEM or DER). */
    public static List<X509Certificate> readCertificates(Path file) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw CachetException.usage("certificate file not found: " + file);
        } catch (IOException e) {
            throw CachetException.usage("cannot read certificate file " + file + ": " + e.getMessage());
        }
        try {
            return parseCertificates(bytes);
        } catch (CertificateException e) {
            throw CachetException.invalidInput(
                    "not a PEM or DER X.509 certificate: " + file + " (" + e.getMessage() + ")");
        }
    }

    public static List<X509Certificate> parseCertificates(byte[] bytes) throws CertificateException {
        String text = new String(bytes, StandardCharsets.US_ASCII).strip();
        if (!text.contains("-----BEGIN") && !text.isEmpty() && text.matches("[A-Za-z0-9+/=\\s]+")) {
            // A bare Base64 body, as in the EU DCC test data.
            bytes = Base64.getMimeDecoder().decode(text);
        }
        Collection<? extends java.security.cert.Certificate> parsed =
                CertificateFactory.getInstance("X.509").generateCertificates(new ByteArrayInputStream(bytes));
        List<X509Certificate> certificates = new ArrayList<>();
        for (var certificate : parsed) {
            certificates.add((X509Certificate) certificate);
        }
        if (certificates.isEmpty()) {
            throw new CertificateException("no certificate found");
        }
        return certificates;
    }
}
