package io.cachet.core.pdf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import eu.europa.esig.dss.enumerations.Indication;
import eu.europa.esig.dss.enumerations.SignatureLevel;
import eu.europa.esig.dss.model.DSSDocument;
import eu.europa.esig.dss.model.InMemoryDocument;
import eu.europa.esig.dss.model.x509.CertificateToken;
import eu.europa.esig.dss.simplereport.SimpleReport;
import eu.europa.esig.dss.spi.validation.CommonCertificateVerifier;
import eu.europa.esig.dss.spi.x509.CommonTrustedCertificateSource;
import eu.europa.esig.dss.spi.x509.revocation.crl.ExternalResourcesCRLSource;
import eu.europa.esig.dss.validation.SignedDocumentValidator;
import io.cachet.core.CachetException;
import io.cachet.core.TestHomes;
import io.cachet.core.home.CachetHome;
import io.cachet.core.home.HomeInitializer;
import io.cachet.core.home.KeyManagement;
import io.cachet.core.home.TimestampTrust;
import io.cachet.core.issue.IssuedCertificate;
import io.cachet.core.keys.Pem;
import io.cachet.core.keys.TrustList;
import io.cachet.core.keys.TrustStore;
import io.cachet.core.report.Check;
import io.cachet.core.report.Verdict;
import io.cachet.core.report.VerificationReport;
import io.cachet.core.services.CachetServices;
import io.cachet.core.verify.VerificationService;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.bouncycastle.asn1.cms.ContentInfo;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cms.CMSSignedData;
import org.bouncycastle.tsp.TimeStampResponse;
import org.bouncycastle.util.CollectionStore;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A production home timestamped by an authority Cachet did not write (OpenSSL {@code ts} with its own root and
 * issuing CA): its certificates verify at the home, at a verifier holding only the trust folder, and at one holding
 * only the signed trust list; a home that does not trust the authority issues nothing.
 */
class IndependentTimestampAuthorityTest {
    static final Map<String, String> ENVIRONMENT = Map.of("CACHET_KEYSTORE_PASSWORD", "a long test passphrase");

    @TempDir
    static Path folder;

    static OpensslTimestampAuthority authority;
    static CachetServices production;
    static IssuedCertificate issued;

    @BeforeAll
    static void issueInAProductionHome() throws Exception {
        authority = OpensslTimestampAuthority.start(folder.resolve("openssl"));
        production = productionHome(folder.resolve("home"), authority.rootCertificate());
        issued = production
                .issuance()
                .issue(
                        "visa-validation",
                        TestHomes.sample(production, "visa-validation"),
                        folder.resolve("visa.pdf"),
                        Locale.FRENCH);
    }

    @AfterAll
    static void stop() {
        authority.close();
    }

    static CachetServices productionHome(Path root, Path tsaTrust) {
        CachetHome home = new CachetHome(root);
        Clock clock = Clock.systemUTC();
        new HomeInitializer(clock, ENVIRONMENT)
                .initialize(
                        home,
                        new HomeInitializer.Request(
                                "PAR",
                                "Direction territoriale de Paris",
                                false,
                                false,
                                "https://verifier.example.fr",
                                Optional.of(authority.url().toString()),
                                TimestampTrust.readAnchors(tsaTrust, clock.instant())));
        return new CachetServices(home, Optional.empty(), ENVIRONMENT, clock);
    }

    @Test
    void theIssuingHomeVerifiesItsCertificateAsValid() throws Exception {
        VerificationReport report = production.verification().verifyPdf(Files.readAllBytes(issued.file()));

        assertThat(report.verdict()).as("%s", report.checks()).isEqualTo(Verdict.VALID);
        assertThat(check(report, "pdf.timestamp").detail()).contains("Interop Timestamp Authority");
    }

    @Test
    void issuingIsReadyWithTheIndependentAuthority() {
        var readiness = production.issuance().readiness();

        assertThat(readiness.up()).as("%s", readiness).isTrue();
        assertThat(readiness.components().get(1).detail())
                .contains(authority.url().toString());
    }

    @Test
    void anAuthorityThatCarriesItsOwnCertificateTwiceIsAccepted() throws Exception {
        authority.sendSignerCertificateTwice(true);
        IssuedCertificate twice;
        try {
            twice = production
                    .issuance()
                    .issue(
                            "visa-validation",
                            TestHomes.sample(production, "visa-validation"),
                            folder.resolve("twice.pdf"),
                            Locale.FRENCH);
        } finally {
            authority.sendSignerCertificateTwice(false);
        }

        VerificationReport report = production.verification().verifyPdf(Files.readAllBytes(twice.file()));

        assertThat(report.verdict()).as("%s", report.checks()).isEqualTo(Verdict.VALID);
    }

    @Test
    void aVerifierWithOnlyTheTrustFolderAcceptsTheSignatureAndItsTimestamp() throws Exception {
        Path trust = production.home().trustDirectory();
        TrustStore standalone = TrustStore.loadFolder(trust).withRevocations(KeyManagement.revocations(trust));

        VerificationReport report =
                new VerificationService(standalone, Clock.systemUTC()).verifyPdf(Files.readAllBytes(issued.file()));

        assertThat(failedSignatureChecks(report)).isEmpty();
        assertThat(check(report, "pdf.timestamp").outcome()).isEqualTo(Check.Outcome.PASSED);
        assertThat(check(report, "seal.signature").outcome()).isEqualTo(Check.Outcome.PASSED);
    }

    @Test
    void aVerifierWithOnlyTheSignedTrustListAcceptsTheTimestamp() throws Exception {
        String list = production.keys().exportTrustList(Duration.ofDays(7));
        X509Certificate root =
                Pem.readCertificates(production.home().rootCertificate()).get(0);
        TrustList.Accepted accepted =
                TrustList.read(list, root, Clock.systemUTC().instant());

        assertThat(accepted.trust().timestampAnchors())
                .containsExactlyElementsOf(Pem.readCertificates(authority.rootCertificate()));
        PdfVerification verification =
                new PdfSignatureVerifier(accepted.trust()).verify(Files.readAllBytes(issued.file()));
        assertThat(verification.failed()).as("%s", verification.checks()).isFalse();
        assertThat(verification.signature().orElseThrow().timestamps().get(0).path())
                .extracting(certificate -> certificate.getSubjectX500Principal().getName())
                .containsExactly(
                        "CN=Interop Timestamp Authority,O=OpenSSL Interop",
                        "CN=Interop Timestamp Issuing CA,O=OpenSSL Interop",
                        "CN=Interop Timestamp Root CA,O=OpenSSL Interop");
    }

    /**
     * The EU DSS, given the office root and the authority's root as anchors and the CRLs each publishes (Cachet's
     * root CRL, OpenSSL's for both timestamp CAs), reports PAdES-BASELINE-T and TOTAL_PASSED.
     */
    @Test
    void theEuDssValidatorAcceptsIt() throws Exception {
        CommonTrustedCertificateSource anchors = new CommonTrustedCertificateSource();
        anchors.addCertificate(
                new CertificateToken(production.trustStore().anchors().get(0)));
        anchors.addCertificate(new CertificateToken(
                Pem.readCertificates(authority.rootCertificate()).get(0)));
        List<DSSDocument> crls = new java.util.ArrayList<>();
        crls.add(new InMemoryDocument(
                production.keys().crlIssuedAtOrAfter(java.time.Instant.now()).getEncoded()));
        authority.crls().forEach(crl -> crls.add(new InMemoryDocument(crl)));
        CommonCertificateVerifier verifier = new CommonCertificateVerifier();
        verifier.setTrustedCertSources(anchors);
        verifier.setCrlSource(new ExternalResourcesCRLSource(crls.toArray(DSSDocument[]::new)));
        verifier.setOcspSource(null);
        verifier.setAIASource(null);
        SignedDocumentValidator validator =
                SignedDocumentValidator.fromDocument(new InMemoryDocument(Files.readAllBytes(issued.file()), "v.pdf"));
        validator.setCertificateVerifier(verifier);

        SimpleReport simple = validator.validateDocument().getSimpleReport();
        String id = simple.getFirstSignatureId();

        assertThat(simple.getSignatureFormat(id)).isEqualTo(SignatureLevel.PAdES_BASELINE_T);
        assertThat(simple.getIndication(id))
                .as("%s %s", simple.getSubIndication(id), simple.getAdESValidationErrors(id))
                .isEqualTo(Indication.TOTAL_PASSED);
    }

    @Test
    void theAuthoritysOwnCertificateCanBeTheAnchor() throws Exception {
        TrustStore direct =
                production.trustStore().withTimestampAnchors(Pem.readCertificates(authority.authorityCertificate()));

        PdfVerification verification = new PdfSignatureVerifier(direct).verify(Files.readAllBytes(issued.file()));

        assertThat(verification.failed()).as("%s", verification.checks()).isFalse();
    }

    @Test
    void aHomeThatDoesNotTrustItsAuthorityIssuesNothing(@TempDir Path other) throws Exception {
        // The home trusts another authority's CA (a development root), not the one it timestamps with.
        CachetServices development = TestHomes.create(other.resolve("dev"), Clock.systemUTC());
        CachetServices misconfigured =
                productionHome(other.resolve("home"), development.home().rootCertificate());
        Path out = other.resolve("never.pdf");

        assertThatThrownBy(() -> misconfigured
                        .issuance()
                        .issue(
                                "visa-validation",
                                TestHomes.sample(misconfigured, "visa-validation"),
                                out,
                                Locale.FRENCH))
                .isInstanceOf(CachetException.class)
                .hasMessageContaining("PDF_TIMESTAMP_INVALID")
                .hasMessageContaining("cachet keys trust-tsa")
                .hasMessageContaining("nothing was written");
        assertThat(out).doesNotExist();
        assertThat(misconfigured.registry().pending()).isEmpty();
        assertThat(misconfigured.registry().statusEntries()).isEmpty();
    }

    @Test
    void aTokenCarryingACertificateOffItsPathIsRefused() throws Exception {
        byte[] token = TimeStampResponse.class
                .getConstructor(byte[].class)
                .newInstance(authority.reply(
                        LocalTimestampAuthority.request(new byte[32]).getEncoded()))
                .getTimeStampToken()
                .getEncoded();
        CMSSignedData signed = new CMSSignedData(token);
        List<X509CertificateHolder> certificates =
                new java.util.ArrayList<>(signed.getCertificates().getMatches(null));
        certificates.add(new X509CertificateHolder(
                production.trustStore().anchors().get(0).getEncoded()));
        CMSSignedData padded =
                CMSSignedData.replaceCertificatesAndCRLs(signed, new CollectionStore<>(certificates), null, null);
        List<X509Certificate> anchors = Pem.readCertificates(authority.rootCertificate());

        assertThat(TimestampTokens.verify("signature", ContentInfo.getInstance(token), new byte[32], anchors)
                        .path())
                .hasSize(3);
        assertThatThrownBy(() -> TimestampTokens.verify(
                        "signature", ContentInfo.getInstance(padded.getEncoded()), new byte[32], anchors))
                .isInstanceOf(TimestampTokens.Rejected.class)
                .hasMessageContaining("not in its authority's chain");
    }

    @Test
    void onlyCaOrTimestampAuthorityCertificatesCanBeTimestampAnchors(@TempDir Path other) throws Exception {
        Path officeCertificate =
                Files.list(production.home().signerCertificates()).findFirst().orElseThrow();

        assertThatThrownBy(() -> TimestampTrust.readAnchors(
                        officeCertificate, Clock.systemUTC().instant()))
                .isInstanceOf(CachetException.class)
                .hasMessageContaining("neither a CA certificate")
                .hasMessageContaining("nothing was changed");
        Path garbage = Files.writeString(other.resolve("garbage.pem"), "not a certificate");
        assertThatThrownBy(() ->
                        TimestampTrust.readAnchors(garbage, Clock.systemUTC().instant()))
                .isInstanceOf(CachetException.class);
    }

    private static Check check(VerificationReport report, String name) {
        return report.checks().stream()
                .filter(check -> check.name().equals(name))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no check " + name + " in " + report.checks()));
    }

    private static List<Check> failedSignatureChecks(VerificationReport report) {
        return report.checks().stream()
                .filter(check -> check.outcome() == Check.Outcome.FAILED)
                .filter(check -> check.name().startsWith("pdf.") || check.name().startsWith("seal."))
                .toList();
    }
}
