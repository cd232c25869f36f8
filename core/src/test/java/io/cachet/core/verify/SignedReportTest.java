package io.cachet.core.verify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import eu.europa.esig.dss.enumerations.Indication;
import eu.europa.esig.dss.enumerations.SignatureLevel;
import eu.europa.esig.dss.model.InMemoryDocument;
import eu.europa.esig.dss.model.x509.CertificateToken;
import eu.europa.esig.dss.simplereport.SimpleReport;
import eu.europa.esig.dss.spi.validation.CommonCertificateVerifier;
import eu.europa.esig.dss.spi.x509.CommonTrustedCertificateSource;
import eu.europa.esig.dss.spi.x509.revocation.crl.ExternalResourcesCRLSource;
import eu.europa.esig.dss.validation.SignedDocumentValidator;
import io.cachet.core.CachetException;
import io.cachet.core.TestHomes;
import io.cachet.core.home.KeystorePassphrase;
import io.cachet.core.home.VerifierKeys;
import io.cachet.core.issue.IssuedCertificate;
import io.cachet.core.keys.Keystores;
import io.cachet.core.keys.ReportSigners;
import io.cachet.core.keys.TrustList;
import io.cachet.core.keys.TrustStore;
import io.cachet.core.report.ReasonCode;
import io.cachet.core.report.Verdict;
import io.cachet.core.report.VerificationReport;
import io.cachet.core.services.CachetServices;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A signed verification report is recognised as such and checked against the verifiers of the trust material; a
 * verifier's key signs reports only, an office key never signs one; pdfsig and the EU DSS validate its signature.
 */
class SignedReportTest {
    @TempDir
    static Path folder;

    static CachetServices services;
    static byte[] signedReport;

    @BeforeAll
    static void issueAndReport() throws Exception {
        services = TestHomes.create(folder.resolve("home"), Clock.systemUTC());
        IssuedCertificate issued = services.issuance()
                .issue(
                        "visa-validation",
                        TestHomes.sample(services, "visa-validation"),
                        folder.resolve("visa.pdf"),
                        Locale.FRENCH);
        byte[] pdf = Files.readAllBytes(issued.file());
        VerificationReport report = services.verification().verifyPdf(pdf);
        signedReport = services.reportPdf().write(report, pdf, "visa.pdf", Locale.ENGLISH);
    }

    @Test
    void aReportIsRecognisedAndVerifiedAgainstTheTrustedVerifiers() {
        VerificationReport verdict = services.verification().verifyFile(signedReport);

        assertThat(verdict.verdict()).as("%s", verdict.checks()).isEqualTo(Verdict.VALID);
        assertThat(verdict.isVerificationReport()).isTrue();
        assertThat(verdict.certificate()).isEmpty();
        assertThat(verdict.checks())
                .filteredOn(check -> check.name().equals("report.signer"))
                .singleElement()
                .satisfies(check -> assertThat(check.detail()).contains("Direction territoriale de Paris"));
    }

    @Test
    void aReportVerifiesWithTheTrustListAloneOnAnotherMachine() {
        String list = services.keys().exportTrustList(Duration.ofDays(30));
        TrustList.Accepted accepted =
                TrustList.read(list, services.trustStore().anchors().get(0), java.time.Instant.now());

        VerificationReport verdict =
                new VerificationService(accepted.trust(), Clock.systemUTC()).verifyFile(signedReport);

        assertThat(accepted.trust().verifiers())
                .containsAll(services.trustStore().verifiers());
        assertThat(verdict.verdict()).as("%s", verdict.checks()).isEqualTo(Verdict.VALID);
        assertThat(verdict.isVerificationReport()).isTrue();
    }

    @Test
    void aVerifierThatDoesNotTrustTheReportsSignerCallsItUntrusted() {
        TrustStore noVerifiers = services.trustStore().withVerifiers(List.of());

        VerificationReport verdict = new VerificationService(noVerifiers, Clock.systemUTC()).verifyFile(signedReport);

        assertThat(verdict.verdict()).isEqualTo(Verdict.INVALID);
        assertThat(verdict.reasons()).contains(ReasonCode.PDF_SIGNER_UNTRUSTED);
        assertThat(verdict.isVerificationReport()).isFalse();
    }

    @Test
    void anAlteredReportIsNotAuthentic() {
        byte[] altered = signedReport.clone();
        int at = indexOf(altered, "/Contents") - 400; // inside the signed bytes, before the signature dictionary
        altered[at] = (byte) (altered[at] == ' ' ? '\n' : ' ');

        VerificationReport verdict = services.verification().verifyFile(altered);

        assertThat(verdict.verdict()).isEqualTo(Verdict.INVALID);
        assertThat(verdict.reasons()).doesNotContain(ReasonCode.PDF_SIGNER_UNTRUSTED);
        assertThat(verdict.isVerificationReport()).isFalse();
    }

    @Test
    void aReportWhoseTimestampThisVerifierRefusesIsJudgedOnTheTimestampNotCalledUntrusted() {
        TrustStore noTimestampAuthority = services.trustStore().withTimestampAnchors(List.of());

        VerificationReport verdict =
                new VerificationService(noTimestampAuthority, Clock.systemUTC()).verifyFile(signedReport);

        assertThat(verdict.verdict()).isEqualTo(Verdict.INVALID);
        assertThat(verdict.reasons()).containsExactly(ReasonCode.PDF_TIMESTAMP_INVALID);
        assertThat(verdict.isVerificationReport()).isFalse();
        assertThat(verdict.checks())
                .filteredOn(check -> check.name().equals("pdf.signer"))
                .singleElement()
                .satisfies(check -> assertThat(check.detail()).contains("verification reports"));
    }

    @Test
    void aReportSigningCertificateIsNeverASignerAndAnOfficeCertificateNeverAVerifier() throws Exception {
        X509Certificate verifier = services.trustStore().verifiers().get(0); // any trusted verifier
        X509Certificate office =
                services.trustStore().signers().values().iterator().next();
        List<X509Certificate> roots = services.trustStore().anchors();

        assertThat(ReportSigners.isReportSigner(verifier)).isTrue();
        assertThat(ReportSigners.isReportSigner(office)).isFalse();
        assertThat(TrustStore.of(roots, List.of(verifier, office)).signers().values())
                .containsExactly(office);
        assertThat(TrustStore.of(roots, List.of())
                        .withVerifiers(List.of(verifier, office))
                        .verifiers())
                .containsExactly(verifier);
    }

    @Test
    void anOfficeKeystoreIsRefusedAsAReportKey() {
        char[] passphrase = KeystorePassphrase.resolve(services.home(), services.config(), Map.of());

        assertThatThrownBy(() -> VerifierKeys.read(services.home().signerKeystore(), passphrase))
                .isInstanceOf(CachetException.class);
        // Another test of this class may have trusted a second verifier: the home's own is one of them.
        assertThat(services.trustStore().verifiers())
                .contains(Keystores.read(services.home().verifierKeystore(), VerifierKeys.ALIAS, passphrase)
                        .certificate());
    }

    @Test
    void aKeyForAnotherVerifierIsWrittenWithItsOwnPassphraseAndTrusted() {
        char[] passphrase = "another verifier's passphrase".toCharArray();
        Path keystore = folder.resolve("rhone.p12");

        VerifierKeys.Added added = new VerifierKeys(services.home(), Map.of(), Clock.systemUTC())
                .add("Préfecture du Rhône", keystore, passphrase);

        assertThat(VerifierKeys.read(keystore, passphrase).certificate()).isEqualTo(added.certificate());
        assertThat(ReportSigners.nameOf(added.certificate()).orElseThrow()).endsWith("Préfecture du Rhône");
        assertThat(TrustStore.loadFolder(services.home().trustDirectory()).verifiers())
                .contains(added.certificate());
        assertThatThrownBy(() -> new VerifierKeys(services.home(), Map.of(), Clock.systemUTC())
                        .add("Préfecture du Rhône", keystore, passphrase))
                .isInstanceOf(CachetException.class)
                .hasMessageContaining("already exists");
        assertThatThrownBy(() -> new VerifierKeys(services.home(), Map.of(), Clock.systemUTC())
                        .add("<script>", folder.resolve("x.p12"), passphrase))
                .isInstanceOf(CachetException.class)
                .hasMessageContaining("letters, digits");
    }

    @Test
    void pdfsigSeesTheReportsSignatureValidOverTheWholeDocument() throws Exception {
        Path pdfsig = Stream.of(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator))
                .map(directory -> Path.of(directory, "pdfsig"))
                .filter(Files::isExecutable)
                .findFirst()
                .orElse(null);
        assumeTrue(pdfsig != null, "pdfsig (poppler-utils) is not installed");
        Path file = Files.write(folder.resolve("report.pdf"), signedReport);

        Process process = new ProcessBuilder(pdfsig.toString(), file.toString())
                .redirectErrorStream(true)
                .start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();

        assertThat(output)
                .contains("Signature Validation: Signature is Valid.")
                .contains("Signature Type: ETSI.CAdES.detached")
                .contains("Total document signed");
    }

    @Test
    void theEuDssValidatesTheReportAsPadesBaselineT() throws Exception {
        CommonTrustedCertificateSource anchors = new CommonTrustedCertificateSource();
        anchors.addCertificate(
                new CertificateToken(services.trustStore().anchors().get(0)));
        services.trustStore()
                .timestampAnchors()
                .forEach(anchor -> anchors.addCertificate(new CertificateToken(anchor)));
        CommonCertificateVerifier verifier = new CommonCertificateVerifier();
        verifier.setTrustedCertSources(anchors);
        verifier.setCrlSource(new ExternalResourcesCRLSource(new InMemoryDocument(
                services.keys().crlIssuedAtOrAfter(java.time.Instant.now()).getEncoded())));
        verifier.setOcspSource(null);
        verifier.setAIASource(null);
        SignedDocumentValidator validator =
                SignedDocumentValidator.fromDocument(new InMemoryDocument(signedReport, "report.pdf"));
        validator.setCertificateVerifier(verifier);

        SimpleReport simple = validator.validateDocument().getSimpleReport();
        String id = simple.getFirstSignatureId();

        assertThat(simple.getSignatureFormat(id)).isEqualTo(SignatureLevel.PAdES_BASELINE_T);
        assertThat(simple.getIndication(id))
                .as("%s %s", simple.getSubIndication(id), simple.getAdESValidationErrors(id))
                .isEqualTo(Indication.TOTAL_PASSED);
    }

    private static int indexOf(byte[] bytes, String text) {
        return new String(bytes, StandardCharsets.ISO_8859_1).lastIndexOf(text);
    }
}
