package io.cachet.core.pdf;

import static org.assertj.core.api.Assertions.assertThat;

import eu.europa.esig.dss.enumerations.DigestAlgorithm;
import eu.europa.esig.dss.enumerations.Indication;
import eu.europa.esig.dss.enumerations.SignatureLevel;
import eu.europa.esig.dss.model.InMemoryDocument;
import eu.europa.esig.dss.model.TimestampBinary;
import eu.europa.esig.dss.model.x509.CertificateToken;
import eu.europa.esig.dss.pades.PAdESSignatureParameters;
import eu.europa.esig.dss.pades.signature.PAdESService;
import eu.europa.esig.dss.simplereport.SimpleReport;
import eu.europa.esig.dss.spi.DSSUtils;
import eu.europa.esig.dss.spi.validation.CommonCertificateVerifier;
import eu.europa.esig.dss.spi.x509.CommonTrustedCertificateSource;
import eu.europa.esig.dss.spi.x509.revocation.crl.ExternalResourcesCRLSource;
import eu.europa.esig.dss.validation.SignedDocumentValidator;
import eu.europa.esig.dss.validation.reports.Reports;
import io.cachet.core.TestHomes;
import io.cachet.core.home.KeystorePassphrase;
import io.cachet.core.keys.Keystores;
import io.cachet.core.keys.Pem;
import io.cachet.core.keys.SignerKey;
import io.cachet.core.report.Check;
import io.cachet.core.report.Verdict;
import io.cachet.core.report.VerificationReport;
import io.cachet.core.services.CachetServices;
import io.cachet.core.verify.VerificationService;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.X509v2CRLBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

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

    /**
     * After {@code cachet pdf extend}, DSS finds the validation data in the file itself: no CRL source is given, and
     * it reports PAdES-BASELINE-LT, then -LTA with the document timestamp, both TOTAL_PASSED.
     */
    @ParameterizedTest
    @EnumSource(PdfExtender.Level.class)
    void dssValidatesAnExtendedPdfAtItsLevelWithTheDataInTheFile(PdfExtender.Level level, @TempDir Path folder)
            throws Exception {
        Instant issuedAt = Instant.now().minus(2, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS);
        CachetServices services = TestHomes.create(folder.resolve("home"), Clock.fixed(issuedAt, ZoneOffset.UTC));
        byte[] pdf = Files.readAllBytes(services.issuance()
                .issue("cir", TestHomes.sample(services, "cir"), folder.resolve("cir.pdf"), Locale.FRENCH)
                .file());
        CachetServices later = new CachetServices(
                services.home(),
                Optional.empty(),
                Map.of(),
                Clock.fixed(issuedAt.plus(1, ChronoUnit.DAYS), ZoneOffset.UTC));
        byte[] extended = later.pdfExtender().extend(pdf, level).pdf();
        X509Certificate root =
                Pem.readCertificates(services.home().rootCertificate()).get(0);

        CommonTrustedCertificateSource anchors = new CommonTrustedCertificateSource();
        anchors.addCertificate(new CertificateToken(root));
        CommonCertificateVerifier verifier = new CommonCertificateVerifier();
        verifier.setTrustedCertSources(anchors);
        verifier.setCrlSource(null);
        verifier.setOcspSource(null);
        verifier.setAIASource(null);
        SignedDocumentValidator validator =
                SignedDocumentValidator.fromDocument(new InMemoryDocument(extended, "cir.pdf"));
        validator.setCertificateVerifier(verifier);

        SimpleReport simple = validator.validateDocument().getSimpleReport();
        String id = simple.getFirstSignatureId();

        assertThat(simple.getSignatureFormat(id))
                .isEqualTo(
                        level == PdfExtender.Level.LT
                                ? SignatureLevel.PAdES_BASELINE_LT
                                : SignatureLevel.PAdES_BASELINE_LTA);
        assertThat(simple.getIndication(id))
                .as("%s %s", simple.getSubIndication(id), simple.getAdESValidationErrors(id))
                .isEqualTo(Indication.TOTAL_PASSED);
    }

    /**
     * What Cachet makes of a Cachet PDF that EU DSS itself extended to PAdES-BASELINE-LTA (its own /DSS,
     * /VRI and document timestamp, from the home's TEST authority). The outcome is printed for
     * docs/pdf-signature.md and pinned here, so that a change in either side is noticed.
     */
    @Test
    void whatCachetMakesOfAFileThatDssExtendedToLta(@TempDir Path folder) throws Exception {
        Instant issuedAt = Instant.now().minus(2, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS);
        CachetServices services = TestHomes.create(folder.resolve("home"), Clock.fixed(issuedAt, ZoneOffset.UTC));
        byte[] pdf = Files.readAllBytes(services.issuance()
                .issue("cir", TestHomes.sample(services, "cir"), folder.resolve("cir.pdf"), Locale.FRENCH)
                .file());
        X509Certificate root =
                Pem.readCertificates(services.home().rootCertificate()).get(0);
        char[] passphrase = KeystorePassphrase.resolve(services.home(), services.config(), Map.of());
        SignerKey rootKey = Keystores.read(services.home().rootKeystore(), "root", passphrase);
        Instant extendedAt = issuedAt.plus(1, ChronoUnit.DAYS);
        TimestampAuthority authority = new LocalTimestampAuthority(
                Keystores.read(services.home().timestampKeystore(), "tsa", passphrase),
                Clock.fixed(extendedAt, ZoneOffset.UTC));

        CommonTrustedCertificateSource anchors = new CommonTrustedCertificateSource();
        anchors.addCertificate(new CertificateToken(root));
        CommonCertificateVerifier verifier = new CommonCertificateVerifier();
        verifier.setTrustedCertSources(anchors);
        verifier.setCrlSource(new ExternalResourcesCRLSource(new InMemoryDocument(emptyCrl(rootKey))));
        verifier.setOcspSource(null);
        verifier.setAIASource(null);
        PAdESService service = new PAdESService(verifier);
        service.setTspSource((algorithm, digest) -> {
            assertThat(algorithm).isEqualTo(DigestAlgorithm.SHA256);
            return new TimestampBinary(authority.timestamp(digest));
        });
        PAdESSignatureParameters parameters = new PAdESSignatureParameters();
        parameters.setSignatureLevel(SignatureLevel.PAdES_BASELINE_LTA);
        // Cachet's timestamp authorities and verifier use SHA-256 imprints; DSS defaults to SHA-512.
        parameters.getArchiveTimestampParameters().setDigestAlgorithm(DigestAlgorithm.SHA256);
        byte[] extended =
                DSSUtils.toByteArray(service.extendDocument(new InMemoryDocument(pdf, "cir.pdf"), parameters));

        VerificationReport report = new VerificationService(
                        services.trustStore(),
                        Clock.fixed(extendedAt.plus(1, ChronoUnit.HOURS), ZoneOffset.UTC),
                        Optional.of(services.registry()))
                .verifyPdf(extended);
        String failed = report.checks().stream()
                .filter(check -> check.outcome() == Check.Outcome.FAILED)
                .map(check ->
                        check.name() + " " + check.reason().map(Enum::name).orElse("") + ": " + check.detail())
                .toList()
                .toString();
        assertThat(report.verdict())
                .as(
                        "DSS LTA extension of a Cachet PDF (%d bytes, %d revisions, /VRI %s): %s",
                        extended.length,
                        PdfStructure.revisionEnds(extended).size(),
                        Forgery.text(extended).contains("/VRI"),
                        failed)
                .isEqualTo(Verdict.VALID);
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
