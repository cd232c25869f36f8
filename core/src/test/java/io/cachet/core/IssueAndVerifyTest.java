package io.cachet.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cachet.core.issue.IssuedCertificate;
import io.cachet.core.report.Check;
import io.cachet.core.report.ReasonCode;
import io.cachet.core.report.Verdict;
import io.cachet.core.report.VerificationReport;
import io.cachet.core.seal.QrCodes;
import io.cachet.core.services.CachetServices;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IssueAndVerifyTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-20T10:15:30Z"), ZoneOffset.UTC);

    @TempDir
    static Path folder;

    static CachetServices services;
    static IssuedCertificate issued;
    static byte[] pdf;

    @BeforeAll
    static void issueOne() throws Exception {
        services = TestHomes.create(folder.resolve("home"), CLOCK);
        issued = services.issuance()
                .issue(
                        "visa-validation",
                        TestHomes.sample(services, "visa-validation"),
                        folder.resolve("visa.pdf"),
                        Locale.FRENCH);
        pdf = Files.readAllBytes(issued.file());
    }

    @Test
    void issuedPdfVerifiesAsValid() {
        VerificationReport report = services.verification().verifyPdf(pdf);

        assertThat(report.verdict()).as("%s", report.checks()).isEqualTo(Verdict.VALID);
        assertThat(report.certificate()).hasValueSatisfying(certificate -> {
            assertThat(certificate.id()).isEqualTo(issued.id().value());
            assertThat(certificate.familyName()).isEqualTo("EL AMRANI");
            assertThat(certificate.type()).isEqualTo("visa-validation");
        });
    }

    @Test
    void issuedSealVerifiesAsValid() {
        VerificationReport report = services.verification().verifyCode(issued.seal());

        assertThat(report.verdict()).isEqualTo(Verdict.VALID);
        assertThat(report.reasons()).isEmpty();
    }

    @Test
    void sealFitsTheQrBudget() {
        assertThat(QrCodes.version(issued.seal())).isLessThanOrEqualTo(13);
    }

    /**
     * A changed character either breaks a layer of the code (prefix, Base45, COSE: the code no longer reads, UNREADABLE)
     * or leaves a code that reads and whose signature then fails (INVALID); never VALID, never any data shown.
     */
    @Test
    void changingAnyCharacterOfTheSealMakesItInvalidOrUnreadable() {
        String seal = issued.seal();
        String alphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:";
        for (int i = 0; i < seal.length(); i++) {
            char replacement = alphabet.charAt((alphabet.indexOf(seal.charAt(i)) + 1) % alphabet.length());
            String tampered = seal.substring(0, i) + replacement + seal.substring(i + 1);

            VerificationReport report = services.verification().verifyCode(tampered);

            boolean read = report.checks().stream()
                    .anyMatch(check -> check.name().equals("seal.format") && check.outcome() == Check.Outcome.PASSED);
            assertThat(report.verdict())
                    .as("character %d changed", i)
                    .isEqualTo(read ? Verdict.INVALID : Verdict.UNREADABLE);
            assertThat(report.certificate()).isEmpty();
        }
    }

    @Test
    void aCodeTypedInLowerCaseIsReadAndValid() {
        // A USB scanner typing with Caps Lock on: Base45 is upper case, so the code is the same once upper-cased.
        VerificationReport report =
                services.verification().verifyCode(issued.seal().toLowerCase(Locale.ROOT));

        assertThat(report.verdict()).as("%s", report.checks()).isEqualTo(Verdict.VALID);
        assertThat(report.checks())
                .filteredOn(check -> check.name().equals("seal.format"))
                .singleElement()
                .satisfies(check -> assertThat(check.detail()).contains("lower case"));
    }

    @Test
    void textThatIsNotACachetCodeIsUnreadableNeverInvalid() {
        String seal = issued.seal();
        StringBuilder azerty = new StringBuilder();
        // The same keys pressed on a French AZERTY layout without Shift: digits come out as & é " ' ( - è _ ç à.
        seal.chars().forEach(c -> azerty.append(c >= '0' && c <= '9' ? "à&é\"'(-è_ç".charAt(c - '0') : (char) c));
        Map<String, ReasonCode> inputs = new LinkedHashMap<>();
        inputs.put("bonjour, ceci n'est pas un code", ReasonCode.CODE_PREFIX_UNKNOWN);
        inputs.put("https://www.ofii.fr/", ReasonCode.CODE_PREFIX_UNKNOWN);
        inputs.put("HC1:" + seal.substring(4), ReasonCode.CODE_PREFIX_UNKNOWN);
        inputs.put(azerty.toString(), ReasonCode.CODE_PREFIX_UNKNOWN); // CT1: typed as CT&:
        inputs.put("CT1:" + azerty.substring(4), ReasonCode.CODE_BASE45_INVALID);
        inputs.put(seal.substring(0, 4 + 3 * 20 + 1), ReasonCode.CODE_BASE45_INVALID);
        inputs.put(seal.substring(0, 4 + 3 * 20), ReasonCode.CODE_COSE_MALFORMED);
        inputs.put("CT1:" + "%%%", ReasonCode.CODE_BASE45_INVALID);

        inputs.forEach((text, reason) -> {
            VerificationReport report = services.verification().verifyCode(text);

            assertThat(report.verdict()).as(text).isEqualTo(Verdict.UNREADABLE);
            assertThat(report.verdict().exitCode()).isEqualTo(3);
            assertThat(report.reasons()).as(text).containsExactly(reason);
            assertThat(report.certificate()).isEmpty();
        });
    }

    @Test
    void changingAByteOfTheSignedPdfMakesItInvalid() {
        int step = Math.max(1, pdf.length / 97);
        for (int i = 0; i < pdf.length; i += step) {
            byte[] tampered = pdf.clone();
            tampered[i] = (byte) (tampered[i] ^ 0x01);

            VerificationReport report = services.verification().verifyPdf(tampered);

            assertThat(report.verdict())
                    .as("byte %d of %d changed, around: %s", i, pdf.length, context(pdf, i))
                    .isEqualTo(Verdict.INVALID);
        }
    }

    private static String context(byte[] bytes, int at) {
        int from = Math.max(0, at - 40);
        return new String(
                bytes, from, Math.min(bytes.length, at + 40) - from, java.nio.charset.StandardCharsets.ISO_8859_1);
    }

    @Test
    void bytesAppendedAfterSigningAreDetected() {
        byte[] appended = java.util.Arrays.copyOf(pdf, pdf.length + 8);
        System.arraycopy("\n% evil\n".getBytes(), 0, appended, pdf.length, 8);

        VerificationReport report = services.verification().verifyPdf(appended);

        assertThat(report.verdict()).isEqualTo(Verdict.INVALID);
        assertThat(report.reasons()).contains(ReasonCode.PDF_MODIFIED_AFTER_SIGNING);
    }

    @Test
    void sealFromAnotherHomeIsAnUnknownKey(@TempDir Path other) {
        CachetServices stranger = TestHomes.create(other.resolve("home"), CLOCK);

        VerificationReport report = stranger.verification().verifyCode(issued.seal());

        assertThat(report.verdict()).isEqualTo(Verdict.INVALID);
        assertThat(report.reasons()).containsExactly(ReasonCode.UNKNOWN_KEY);
    }

    @Test
    void pdfFromAnotherHomeIsUntrusted(@TempDir Path other) {
        CachetServices stranger = TestHomes.create(other.resolve("home"), CLOCK);

        VerificationReport report = stranger.verification().verifyPdf(pdf);

        assertThat(report.reasons()).containsExactly(ReasonCode.PDF_SIGNER_UNTRUSTED);
    }

    @Test
    void aSealPastItsExpiryIsExpired() {
        CachetServices later = new CachetServices(
                services.home(),
                java.util.Optional.empty(),
                java.util.Map.of(),
                Clock.fixed(Instant.parse("2028-01-01T00:00:00Z"), ZoneOffset.UTC));

        VerificationReport report = later.verification().verifyCode(issued.seal());

        assertThat(report.verdict()).isEqualTo(Verdict.EXPIRED);
        assertThat(report.certificate()).isPresent();
    }

    @Test
    void invalidDataIsRefusedWithEveryProblemAndNothingIsWritten() {
        ObjectNode data = (ObjectNode) TestHomes.sample(services, "visa-validation");
        data.remove("medicalVisitDate");
        ((ObjectNode) data.get("holder")).put("birthDate", "30/02/1994");
        data.put("validationDate", "2026-08-01");
        data.put("colour", "blue");
        Path out = folder.resolve("refused.pdf");

        assertThatThrownBy(() -> services.issuance().issue("visa-validation", data, out, Locale.FRENCH))
                .isInstanceOfSatisfying(
                        CachetException.class,
                        e -> assertThat(e.problems())
                                .anyMatch(p -> p.startsWith("medicalVisitDate: required"))
                                .anyMatch(p -> p.startsWith("holder.birthDate:"))
                                .anyMatch(p -> p.startsWith("validationDate: 2026-08-01 is before entryDate"))
                                .anyMatch(p -> p.startsWith("colour: unknown field")));
        assertThat(out).doesNotExist();
    }

    @Test
    void anExistingOutputFileIsNeverOverwritten() throws Exception {
        Path out = folder.resolve("existing.pdf");
        Files.writeString(out, "keep me");

        assertThatThrownBy(() -> services.issuance()
                        .issue("visa-validation", TestHomes.sample(services, "visa-validation"), out, Locale.FRENCH))
                .isInstanceOf(CachetException.class)
                .hasMessageContaining("already exists");
        assertThat(Files.readString(out)).isEqualTo("keep me");
    }
}
