package io.cachet.core.pdf;

import static org.assertj.core.api.Assertions.assertThat;

import eu.europa.esig.dss.enumerations.Indication;
import eu.europa.esig.dss.enumerations.SignatureLevel;
import eu.europa.esig.dss.model.InMemoryDocument;
import eu.europa.esig.dss.model.x509.CertificateToken;
import eu.europa.esig.dss.simplereport.SimpleReport;
import eu.europa.esig.dss.spi.validation.CommonCertificateVerifier;
import eu.europa.esig.dss.spi.x509.CommonTrustedCertificateSource;
import eu.europa.esig.dss.spi.x509.revocation.crl.ExternalResourcesCRLSource;
import eu.europa.esig.dss.validation.SignedDocumentValidator;
import eu.europa.esig.dss.validation.reports.Reports;
import io.cachet.core.CachetServices;
import io.cachet.core.TestHomes;
import io.cachet.core.home.KeystorePassphrase;
import io.cachet.core.keys.Keystores;
import io.cachet.core.keys.Pem;
import io.cachet.core.keys.SignerKey;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.Locale;
import java.util.Map;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.X509v2CRLBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * EU DSS, the reference validator, sees an issued certificate as PAdES-BASELINE-T and TOTAL_PASSED, given the test
 * root as trust anchor and an empty CRL from that root (the only revocation data; DSS goes online for nothing).
 */
class DssInteropTest {
    @Test
    void dssValidatesAnIssuedPdfAsPadesBaselineTTotalPassed(@TempDir Path folder) throws Exception {
        CachetServices services = TestHomes.create(folder.resolve("home"), Clock.systemUTC());
        byte[] pdf = Files.readAllBytes(services.issuance()
                .issue(
                        "visa-validation",
                        TestHomes.sample(services, "visa-validation"),
                        folder.resolve("visa.pdf"),
                        Locale.FRENCH)
                .file());
        X509Certificate root =
                Pem.readCertificates(services.home().rootCertificate()).get(0);
        char[] passphrase = KeystorePassphrase.resolve(services.home(), services.config(), Map.of());
        SignerKey rootKey = Keystores.read(services.home().rootKeystore(), "root", passphrase);

        CommonTrustedCertificateSource anchors = new CommonTrustedCertificateSource();
        anchors.addCertificate(new CertificateToken(root));
        CommonCertificateVerifier verifier = new CommonCertificateVerifier();
        verifier.setTrustedCertSources(anchors);
        verifier.setCrlSource(new ExternalResourcesCRLSource(new InMemoryDocument(emptyCrl(rootKey))));
        verifier.setOcspSource(null);
        verifier.setAIASource(null);
        SignedDocumentValidator validator = SignedDocumentValidator.fromDocument(new InMemoryDocument(pdf, "visa.pdf"));
        validator.setCertificateVerifier(verifier);

        Reports reports = validator.validateDocument();
        SimpleReport simple = reports.getSimpleReport();
        String id = simple.getFirstSignatureId();

        assertThat(simple.getSignaturesCount()).isEqualTo(1);
        assertThat(simple.getSignatureFormat(id)).isEqualTo(SignatureLevel.PAdES_BASELINE_T);
        assertThat(simple.getIndication(id))
                .as("%s %s", simple.getSubIndication(id), simple.getAdESValidationErrors(id))
                .isEqualTo(Indication.TOTAL_PASSED);
    }

    private static byte[] emptyCrl(SignerKey root) throws Exception {
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        X509v2CRLBuilder builder = new X509v2CRLBuilder(
                X500Name.getInstance(
                        root.certificate().getSubjectX500Principal().getEncoded()),
                Date.from(now));
        builder.setNextUpdate(Date.from(now.plus(7, ChronoUnit.DAYS)));
        return builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(root.privateKey()))
                .getEncoded();
    }
}
