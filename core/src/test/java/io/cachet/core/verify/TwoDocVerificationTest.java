package io.cachet.core.verify;

import static org.assertj.core.api.Assertions.assertThat;

import io.cachet.core.TestHomes;
import io.cachet.core.issue.IssuedCertificate;
import io.cachet.core.keys.TrustList;
import io.cachet.core.keys.TrustStore;
import io.cachet.core.registry.Registry;
import io.cachet.core.report.CertificateFacts;
import io.cachet.core.report.CertificateSummary;
import io.cachet.core.report.Check;
import io.cachet.core.report.CheckName;
import io.cachet.core.report.ReasonCode;
import io.cachet.core.report.ReportJson;
import io.cachet.core.report.Verdict;
import io.cachet.core.report.VerificationReport;
import io.cachet.core.seal.SealClaims;
import io.cachet.core.seal.SealClaimsCodec;
import io.cachet.core.seal.SealVerification;
import io.cachet.core.seal.SealVerifier;
import io.cachet.core.services.CachetServices;
import io.cachet.core.twodoc.TwoDocDecoder;
import io.cachet.core.twodoc.TwoDocMatrix;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Cachet verifies 2D-Docs: its own (from the code, a photo and beside the seal on the PDF, the registry's status
 * applying through the number it carries), refusing altered, truncated and unknown ones with their precise reasons,
 * and judging another emitter's against the trust.
 */
class TwoDocVerificationTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-20T10:15:30Z"), ZoneOffset.UTC);

    @TempDir
    static Path folder;

    static CachetServices services;

    @BeforeAll
    static void home() {
        services = TestHomes.create(folder.resolve("home"), CLOCK);
    }

    static List<String> types() {
        return TestHomes.bundledTypeIds();
    }

    private static IssuedCertificate issue(String type, String name) {
        return services.issuance()
                .issue(type, TestHomes.sample(services, type), folder.resolve(name + ".pdf"), Locale.FRENCH);
    }

    private static Check check(VerificationReport report, CheckName name) {
        return report.checks().stream()
                .filter(check -> check.is(name))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no check " + name + " in " + report.checks()));
    }

    @ParameterizedTest
    @MethodSource("types")
    void everyTypesTwoDocVerifiesFromItsTextAndAgreesWithTheSealOnThePdf(String type) throws Exception {
        IssuedCertificate issued = issue(type, type);
        String twoDoc = issued.twoDoc().orElseThrow();

        VerificationReport fromCode = services.verification().verifyCode(twoDoc);
        assertThat(fromCode.verdict()).as("%s", fromCode.checks()).isEqualTo(Verdict.VALID);
        assertThat(check(fromCode, CheckName.TWODOC_SIGNATURE).reason()).isEmpty();
        assertThat(check(fromCode, CheckName.REGISTRY_MATCH).detail()).contains("those recorded");
        assertThat(check(fromCode, CheckName.REGISTRY_STATUS).reason()).isEmpty();
        var certificate = fromCode.certificate().orElseThrow();
        assertThat(certificate.id()).isEqualTo(issued.id().value());
        assertThat(certificate.type()).startsWith("2d-doc:Z");
        assertThat(certificate.issuer()).isEqualTo("PAR");
        assertThat(certificate.familyName()).isNotBlank();

        VerificationReport fromPdf = services.verification().verifyPdf(Files.readAllBytes(issued.file()));
        assertThat(fromPdf.verdict()).as("%s", fromPdf.checks()).isEqualTo(Verdict.VALID);
        assertThat(check(fromPdf, CheckName.PDF_TWODOC).detail()).contains("same number, holder and dates");
    }

    @Test
    void aTwoDocIsDatedByTheDaysItHoldsNotByATime() {
        IssuedCertificate issued = issue("visa-validation", "days");

        VerificationReport fromTwoDoc =
                services.verification().verifyCode(issued.twoDoc().orElseThrow());
        VerificationReport fromSeal = services.verification().verifyCode(issued.seal());

        CertificateSummary twoDoc = fromTwoDoc.certificate().orElseThrow();
        CertificateSummary seal = fromSeal.certificate().orElseThrow();
        assertThat(twoDoc.datedByDay()).isTrue();
        assertThat(twoDoc.issuedOn()).as("issued at 10:15 UTC on 20 November").contains(LocalDate.of(2026, 11, 20));
        assertThat(twoDoc.issuedAt()).isEqualTo(Instant.parse("2026-11-19T23:00:00Z"));
        assertThat(twoDoc.expiresOn())
                .isPresent()
                .isEqualTo(seal.expiresAt()
                        .map(at -> at.atZone(CertificateSummary.FRANCE).toLocalDate()));
        var json = ReportJson.toJson(fromTwoDoc).get("certificate");
        assertThat(json.get("issuedOn").asText()).isEqualTo("2026-11-20");
        assertThat(json.get("expiresOn").asText())
                .isEqualTo(twoDoc.expiresOn().orElseThrow().toString());

        assertThat(seal.datedByDay()).isFalse();
        assertThat(seal.issuedOn()).isEmpty();
        assertThat(ReportJson.toJson(fromSeal).get("certificate").has("issuedOn"))
                .as("a seal is dated to the second")
                .isFalse();
    }

    @Test
    void separatorsWrittenOutAsPeopleTypeThemAreRead() {
        String twoDoc = issue("cir", "typed").twoDoc().orElseThrow();
        String typed =
                twoDoc.replace("\u001d", "<GS>").replace("\u001e", "<RS>").replace("\u001f", "<US>");

        assertThat(services.verification().verifyCode("  " + typed + "\n").verdict())
                .isEqualTo(Verdict.VALID);
    }

    @Test
    void theFieldsShownAreLabelledAsTheSpecificationNamesThem() {
        VerificationReport report = services.verification()
                .verifyCode(issue("cir", "labels").twoDoc().orElseThrow());

        CertificateFacts facts = CertificateDescriber.withoutTypes()
                .describe(report.certificate().orElseThrow(), Locale.ENGLISH);

        assertThat(facts.fields())
                .extracting(CertificateFacts.Field::key, CertificateFacts.Field::label)
                .contains(
                        org.assertj.core.groups.Tuple.tuple("01", "Identifiant unique du document"),
                        org.assertj.core.groups.Tuple.tuple("6A", "Lieu de naissance"),
                        org.assertj.core.groups.Tuple.tuple("6Q", "Numéro d'étranger"));
    }

    @Test
    void theRegistryStatusAppliesToTheTwoDoc() {
        IssuedCertificate issued = issue("visa-validation", "revoked");
        services.registry().change(issued.id(), Registry.Change.REVOKE, "agent", Optional.of("fraud"), CLOCK.instant());

        VerificationReport report =
                services.verification().verifyCode(issued.twoDoc().orElseThrow());

        assertThat(report.verdict()).isEqualTo(Verdict.REVOKED);
        assertThat(report.reasons()).containsExactly(ReasonCode.CERTIFICATE_REVOKED);
    }

    @Test
    void anAlteredValueIsNotAuthentic() {
        String twoDoc = issue("medical-visit", "altered").twoDoc().orElseThrow();
        // The family name (62) changed by one letter: still a well-formed 2D-Doc.
        int name = twoDoc.indexOf("62", 26) + 2;
        char first = twoDoc.charAt(name);
        String altered =
                twoDoc.substring(0, name) + (first == 'Z' ? 'Y' : (char) (first + 1)) + twoDoc.substring(name + 1);

        VerificationReport report = services.verification().verifyCode(altered);

        assertThat(report.verdict()).isEqualTo(Verdict.INVALID);
        assertThat(report.reasons()).containsExactly(ReasonCode.SIGNATURE_INVALID);
        assertThat(report.certificate()).isEmpty();
    }

    @Test
    void aTruncatedCodeIsUnreadableWithTheSpecificationsReason() {
        String twoDoc = issue("appointment", "truncated").twoDoc().orElseThrow();

        VerificationReport report = services.verification().verifyCode(twoDoc.substring(0, 60));

        assertThat(report.verdict()).isEqualTo(Verdict.UNREADABLE);
        assertThat(report.reasons()).containsExactly(ReasonCode.TWODOC_MALFORMED);
        assertThat(check(report, CheckName.TWODOC_FORMAT).detail()).startsWith("TRUNCATED");
    }

    @Test
    void aCertificateIdNoTrustedKeyHasIsRefused() {
        String twoDoc = issue("cir", "other-id").twoDoc().orElseThrow();
        String certificateId = twoDoc.substring(8, 12);
        String other = certificateId.equals("0000") ? "0001" : "0000";

        VerificationReport report =
                services.verification().verifyCode(twoDoc.substring(0, 8) + other + twoDoc.substring(12));

        assertThat(report.verdict()).isEqualTo(Verdict.INVALID);
        assertThat(report.reasons()).containsExactly(ReasonCode.TWODOC_CERTIFICATE_UNKNOWN);
    }

    @Test
    void anotherEmittersTwoDocIsReadButNotAuthentic() {
        // A specimen of the specification (annex 16.2.1, type 16), under the test authority FR00 and its certificate
        // 0001, which this home does not trust; and the same read by a trust that knows no authority at all.
        String specimen = io.cachet.core.twodoc.TwoDocSpecimens.code("16");

        VerificationReport report = services.verification().verifyCode(specimen);
        assertThat(report.verdict()).isEqualTo(Verdict.INVALID);
        assertThat(report.reasons()).containsExactly(ReasonCode.TWODOC_CERTIFICATE_UNKNOWN);

        TrustStore withoutTwoDoc = TrustStore.of(
                services.trustStore().anchors(),
                List.copyOf(services.trustStore().signers().values()));
        VerificationReport unknown = new VerificationService(withoutTwoDoc, CLOCK).verifyCode(specimen);
        assertThat(unknown.verdict()).isEqualTo(Verdict.INVALID);
        assertThat(unknown.reasons()).containsExactly(ReasonCode.TWODOC_AUTHORITY_UNKNOWN);
        assertThat(check(unknown, CheckName.TWODOC_CERTIFICATE).detail())
                .contains("FR00")
                .contains("62 Nom patronymique");
    }

    @Test
    void aVerifierWithOnlyTheTrustFolderOrTheTrustListFindsTheCertificate() {
        String twoDoc =
                issue("family-reunification-deposit", "trust-only").twoDoc().orElseThrow();

        TrustStore folder = TrustStore.loadFolder(services.home().trustDirectory());
        VerificationReport fromFolder = new VerificationService(folder, CLOCK).verifyCode(twoDoc);
        assertThat(check(fromFolder, CheckName.TWODOC_SIGNATURE).reason()).isEmpty();
        // Authentic, but no registry: never VALID.
        assertThat(fromFolder.reasons()).containsExactly(ReasonCode.STATUS_NOT_CHECKED);
        assertThat(fromFolder.certificate()).isPresent();

        String list = services.keys().exportTrustList(Duration.ofDays(7));
        assertThat(list).doesNotContain("\"twodoc\""); // the payload is Base64url: read it back instead
        TrustList.Accepted accepted =
                TrustList.read(list, services.trustStore().anchors().get(0), CLOCK.instant());
        assertThat(accepted.entries())
                .allSatisfy(entry -> assertThat(entry.twoDocCaId()).contains("FR00"));
        VerificationReport fromList = new VerificationService(accepted.trust(), CLOCK).verifyCode(twoDoc);
        assertThat(check(fromList, CheckName.TWODOC_SIGNATURE).reason()).isEmpty();
        assertThat(fromList.reasons()).containsExactly(ReasonCode.STATUS_NOT_CHECKED);
    }

    @Test
    void aPhotoOfTheDataMatrixAloneIsVerified() throws Exception {
        String twoDoc = issue("asylum-reception", "photo").twoDoc().orElseThrow();
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        ImageIO.write(TwoDocMatrix.render(twoDoc, 300), "png", png);

        VerificationReport report = services.verification().verifyFile(png.toByteArray());

        assertThat(report.verdict()).as("%s", report.checks()).isEqualTo(Verdict.VALID);
        assertThat(check(report, CheckName.TWODOC_FORMAT).reason()).isEmpty();
    }

    @Test
    void aTwoDocOfAnotherCertificateDisagreesWithTheSeal() throws Exception {
        IssuedCertificate first = issue("cir", "first");
        IssuedCertificate second = issue("cir", "second");
        List<Check> checks = new java.util.ArrayList<>();
        TwoDocChecks.Authentic twoDoc = TwoDocChecks.verify(
                        services.trustStore(), first.twoDoc().orElseThrow(), CLOCK.instant(), checks)
                .orElseThrow();
        SealVerification seal = new SealVerifier(services.trustStore(), SealVerifier.Policy.CACHET)
                .verify(second.seal(), CLOCK.instant(), claims -> Optional.empty());
        SealClaims claims = SealClaimsCodec.decode(((SealVerification.Authentic) seal).claims());

        assertThat(PdfTwoDoc.disagreement(twoDoc, claims, Optional.empty()))
                .hasValueSatisfying(why -> assertThat(why).contains("number"));
        assertThat(TwoDocDecoder.decode(second.twoDoc().orElseThrow()).value("01"))
                .contains(second.id().value().replace("-", ""));
    }
}
