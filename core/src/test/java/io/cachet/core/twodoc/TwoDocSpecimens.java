package io.cachet.core.twodoc;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.LinkedHashMap;
import java.util.Map;

/** The published specimens of the specification (annex 16.2.1) and their test certificate (annex 16.1). */
public final class TwoDocSpecimens {
    private TwoDocSpecimens() {}

    /** Specimen codes by document type (a second specimen of one type gets a {@code b}). */
    static Map<String, String> codes() {
        Map<String, String> codes = new LinkedHashMap<>();
        for (String line : resource("specimens-v4.txt").split("\n")) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            int bar = line.indexOf('|');
            codes.put(line.substring(0, bar), controls(line.substring(bar + 1)));
        }
        return codes;
    }

    public static String code(String type) {
        String code = codes().get(type);
        if (code == null) {
            throw new IllegalArgumentException("no specimen " + type);
        }
        return code;
    }

    /** {@code <GS>}, {@code <RS>}, {@code <US>} as the control characters they stand for. */
    static String controls(String text) {
        return text.replace("<GS>", "\u001d").replace("<RS>", "\u001e").replace("<US>", "\u001f");
    }

    static X509Certificate certificate() {
        try (InputStream in =
                TwoDocSpecimens.class.getResourceAsStream("/twodoc/ants-test-certificate-FR00-0001.pem")) {
            return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (CertificateException e) {
            throw new IllegalStateException(e);
        }
    }

    static TwoDocCertificate antsTestCertificate() {
        return new TwoDocCertificate("FR00", "0001", certificate());
    }

    private static String resource(String name) {
        try (InputStream in = TwoDocSpecimens.class.getResourceAsStream("/twodoc/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
