package io.cachet.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.graphics.image.LosslessFactory;
import org.apache.pdfbox.rendering.ImageType;
import org.apache.pdfbox.rendering.PDFRenderer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The walking skeleton and the CLI contract, driven through CommandLine.execute. */
class CliContractTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-20T09:00:00Z"), ZoneOffset.UTC);
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path folder;

    private static Path home;
    private static Path data;
    private static Path pdf;
    private static JsonNode issued;

    static CliRun cachet(String... args) {
        return CliRun.run(Map.of(), CLOCK, args);
    }

    @BeforeAll
    static void initAndIssue() throws Exception {
        home = folder.resolve("home");
        CliRun init = cachet("init", "--test", "--home", home.toString());
        assertThat(init.exitCode()).as(init.err()).isZero();

        CliRun sample = cachet("types", "show", "visa-validation", "--sample", "--home", home.toString());
        data = folder.resolve("visa.json");
        Files.writeString(data, sample.out());
        pdf = folder.resolve("visa.pdf");

        CliRun issue = cachet(
                "issue",
                "visa-validation",
                "--data",
                data.toString(),
                "--out",
                pdf.toString(),
                "--json",
                "--home",
                home.toString());
        assertThat(issue.exitCode()).as(issue.err()).isZero();
        issued = JSON.readTree(issue.out());
    }

    @Test
    void initCreatesAnEcdsaP256SigningKeyLabelledAsTest() throws Exception {
        assertThat(home.resolve("keys/signer.p12")).exists();
        assertThat(Files.getPosixFilePermissions(home.resolve("keys/signer.p12")))
                .containsExactlyInAnyOrder(
                        java.nio.file.attribute.PosixFilePermission.OWNER_READ,
                        java.nio.file.attribute.PosixFilePermission.OWNER_WRITE);
        var certificate = io.cachet.core.keys.Pem.readCertificates(
                        Files.list(home.resolve("trust/signers")).findFirst().orElseThrow())
                .get(0);
        assertThat(certificate.getPublicKey().getAlgorithm()).isEqualTo("EC");
        assertThat(((java.security.interfaces.ECPublicKey) certificate.getPublicKey())
                        .getParams()
                        .getCurve()
                        .getField()
                        .getFieldSize())
                .isEqualTo(256);
        assertThat(certificate.getSubjectX500Principal().getName()).contains("TEST");
    }

    @Test
    void issueJsonIsOneObjectWithIdFileAndSeal() {
        assertThat(issued.get("id").asText()).matches("[0-9A-Z]{4}(-[0-9A-Z]{4}){3}-[0-9A-Z]");
        assertThat(issued.get("file").asText()).isEqualTo(pdf.toString());
        assertThat(issued.get("seal").asText()).startsWith("CT1:");
        assertThat(pdf).exists();
    }

    @Test
    void verifyPdfIsValidWithExitCodeZeroAndTheContractJson() throws Exception {
        CliRun run = cachet("verify", pdf.toString(), "--json", "--home", home.toString());

        assertThat(run.exitCode()).as(run.err()).isZero();
        JsonNode report = JSON.readTree(run.out());
        assertThat(report.get("verdict").asText()).isEqualTo("VALID");
        assertThat(report.get("reasons")).isEmpty();
        assertThat(report.get("checks")).allSatisfy(check -> {
            assertThat(check.has("name")).isTrue();
            assertThat(check.get("outcome").asText()).isIn("PASSED", "SKIPPED");
        });
        JsonNode certificate = report.get("certificate");
        assertThat(certificate.get("id").asText()).isEqualTo(issued.get("id").asText());
        assertThat(certificate.get("type").asText()).isEqualTo("visa-validation");
        assertThat(certificate.get("issuedAt").asText()).isEqualTo("2026-11-20T09:00:00Z");
        assertThat(certificate.get("expiresAt").asText()).isEqualTo("2027-11-20T09:00:00Z");
        assertThat(certificate.get("holder").get("familyName").asText()).isEqualTo("EL AMRANI");
        assertThat(certificate.get("holder").get("givenNames").asText()).isEqualTo("Yasmine Fatima");
        assertThat(certificate.get("holder").get("birthDate").asText()).isEqualTo("1994-07-21");
        assertThat(report.get("checkedAt").asText()).isEqualTo("2026-11-20T09:00:00Z");
    }

    @Test
    void verifyCodeIsValid() {
        CliRun run = cachet("verify", "--code", issued.get("seal").asText(), "--home", home.toString());

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).startsWith("VALID");
    }

    @Test
    void aChangedSealCharacterIsInvalidWithExitCodeOne() throws Exception {
        String seal = issued.get("seal").asText();
        int middle = seal.length() / 2;
        String tampered =
                seal.substring(0, middle) + (seal.charAt(middle) == 'A' ? 'B' : 'A') + seal.substring(middle + 1);

        CliRun run = cachet("verify", "--code", tampered, "--json", "--home", home.toString());

        assertThat(run.exitCode()).isEqualTo(1);
        JsonNode report = JSON.readTree(run.out());
        assertThat(report.get("verdict").asText()).isEqualTo("INVALID");
        assertThat(report.get("reasons")).isNotEmpty();
        assertThat(report.get("certificate").isNull()).isTrue();
    }

    @Test
    void aChangedByteInTheSignedPdfIsInvalidWithExitCodeOne() throws Exception {
        byte[] bytes = Files.readAllBytes(pdf);
        bytes[bytes.length / 3] ^= 0x20;
        Path tampered = folder.resolve("tampered.pdf");
        Files.write(tampered, bytes);

        CliRun run = cachet("verify", tampered.toString(), "--home", home.toString());

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.out()).startsWith("INVALID");
    }

    @Test
    void anExpiredCertificateExitsWithTwo() {
        Clock later = Clock.fixed(Instant.parse("2028-06-01T00:00:00Z"), ZoneOffset.UTC);

        CliRun run = CliRun.run(
                Map.of(), later, "verify", "--code", issued.get("seal").asText(), "--home", home.toString());

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.out()).startsWith("EXPIRED");
    }

    @Test
    void aFileWithoutCodeCannotBeCheckedAndExitsWithThree() throws Exception {
        Path text = folder.resolve("notes.txt");
        Files.writeString(text, "nothing to see");

        CliRun run = cachet("verify", text.toString(), "--json", "--home", home.toString());

        assertThat(run.exitCode()).isEqualTo(3);
        assertThat(JSON.readTree(run.out()).get("verdict").asText()).isEqualTo("UNREADABLE");
    }

    @Test
    void aMissingFileIsAUsageError() {
        CliRun run = cachet("verify", folder.resolve("absent.pdf").toString(), "--home", home.toString());

        assertThat(run.exitCode()).isEqualTo(64);
        assertThat(run.err())
                .contains("file not found")
                .doesNotContain("Exception")
                .doesNotContain("\tat ");
    }

    @Test
    void badArgumentsAreAUsageError() {
        CliRun run = cachet("verify", "--no-such-option");

        assertThat(run.exitCode()).isEqualTo(64);
        assertThat(run.err()).contains("Unknown option");
    }

    @Test
    void initOnAnExistingHomeRefusesAndChangesNothing() throws Exception {
        byte[] before = Files.readAllBytes(home.resolve("keys/signer.p12"));

        CliRun run = cachet("init", "--test", "--home", home.toString());

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).contains("already exists").contains("--force");
        assertThat(run.err().lines().count()).isEqualTo(1);
        assertThat(Files.readAllBytes(home.resolve("keys/signer.p12"))).isEqualTo(before);
    }

    @Test
    void initWithForceKeepsTheOldHomeAsABackup(@TempDir Path other) throws Exception {
        Path second = other.resolve("home");
        assertThat(cachet("init", "--test", "--home", second.toString()).exitCode())
                .isZero();
        byte[] oldKey = Files.readAllBytes(second.resolve("keys/signer.p12"));

        CliRun run = cachet("init", "--test", "--force", "--home", second.toString());

        assertThat(run.exitCode()).as(run.err()).isZero();
        Path backup = Files.list(other)
                .filter(p -> p.getFileName().toString().startsWith("home.backup-"))
                .findFirst()
                .orElseThrow();
        assertThat(Files.readAllBytes(backup.resolve("keys/signer.p12"))).isEqualTo(oldKey);
        assertThat(Files.readAllBytes(second.resolve("keys/signer.p12"))).isNotEqualTo(oldKey);
    }

    @Test
    void homeComesFromTheEnvironmentWhenNoOptionIsGiven() {
        CliRun run = CliRun.run(
                Map.of("CACHET_HOME", home.toString()),
                CLOCK,
                "verify",
                "--code",
                issued.get("seal").asText());

        assertThat(run.exitCode()).isZero();
    }

    @Test
    void aHomeThatDoesNotExistGivesOneClearLine(@TempDir Path nowhere) {
        CliRun run = cachet(
                "verify", "--code", "CT1:X", "--home", nowhere.resolve("none").toString());

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).contains("no Cachet home").contains("cachet init");
        assertThat(run.err().lines().count()).isEqualTo(1);
    }

    @Test
    void verboseAddsTheStackTrace(@TempDir Path nowhere) {
        CliRun run = cachet(
                "verify",
                "--code",
                "CT1:X",
                "--verbose",
                "--home",
                nowhere.resolve("none").toString());

        assertThat(run.err()).contains("\tat ");
    }

    @Test
    void invalidDataListsEveryProblemAndWritesNothing() throws Exception {
        Path bad = folder.resolve("bad.json");
        Files.writeString(bad, "{\"holder\": {\"givenNames\": \"X\"}, \"visaCategory\": \"pirate\"}");
        Path out = folder.resolve("bad.pdf");

        CliRun run = cachet(
                "issue",
                "visa-validation",
                "--data",
                bad.toString(),
                "--out",
                out.toString(),
                "--home",
                home.toString());

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err())
                .contains("holder.familyName: required")
                .contains("holder.birthDate: required")
                .contains("visaCategory: 'pirate' is not one of")
                .contains("medicalVisitDate: required");
        assertThat(out).doesNotExist();
    }

    @Test
    void malformedJsonSaysWhere() throws Exception {
        Path bad = folder.resolve("broken.json");
        Files.writeString(bad, "{\n  \"holder\": {\n");

        CliRun run = cachet(
                "issue",
                "visa-validation",
                "--data",
                bad.toString(),
                "--out",
                folder.resolve("x.pdf").toString(),
                "--home",
                home.toString());

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).contains("not valid JSON").contains("line");
    }

    @Test
    void deeplyNestedOrRepeatedKeyJsonDataIsAClearErrorNotAStackTrace() throws Exception {
        Path deep = folder.resolve("deep.json");
        Files.writeString(deep, "[".repeat(100_000) + "]".repeat(100_000));
        Path repeated = folder.resolve("repeated.json");
        Files.writeString(repeated, "{\"holder\": {}, \"holder\": {}}");

        for (Path data : List.of(deep, repeated)) {
            CliRun run = cachet(
                    "issue",
                    "visa-validation",
                    "--data",
                    data.toString(),
                    "--out",
                    folder.resolve("x.pdf").toString(),
                    "--home",
                    home.toString());

            assertThat(run.exitCode()).as(run.err()).isEqualTo(1);
            assertThat(run.err())
                    .doesNotContain("Exception")
                    .doesNotContain("\tat ")
                    .containsAnyOf("nested deeper than 32 levels", "the key 'holder' appears twice");
        }
    }

    @Test
    void aNameWithARightToLeftOverrideIsRefusedAtIssuance() throws Exception {
        ObjectNode sample = (ObjectNode) JSON.readTree(Files.readString(data));
        ((ObjectNode) sample.get("holder")).put("familyName", "\u202ETNOPUD");
        Path spoofed = folder.resolve("spoofed.json");
        Files.writeString(spoofed, sample.toString());

        CliRun run = cachet(
                "issue",
                "visa-validation",
                "--data",
                spoofed.toString(),
                "--out",
                folder.resolve("spoofed.pdf").toString(),
                "--home",
                home.toString());

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err())
                .contains("holder.familyName: contains an invisible, control or direction-changing"
                        + " character, U+202E RIGHT-TO-LEFT OVERRIDE at character 1");
        assertThat(folder.resolve("spoofed.pdf")).doesNotExist();
    }

    @Test
    void verifyingAScannedCopySaysItIsACopyNotTheSignedOriginal() throws Exception {
        Path scan = folder.resolve("scan.pdf");
        try (PDDocument original = Loader.loadPDF(Files.readAllBytes(pdf));
                PDDocument copy = new PDDocument()) {
            BufferedImage page = new PDFRenderer(original).renderImageWithDPI(0, 200, ImageType.GRAY);
            PDPage sheet = new PDPage(PDRectangle.A4);
            copy.addPage(sheet);
            try (PDPageContentStream content = new PDPageContentStream(copy, sheet)) {
                content.drawImage(
                        LosslessFactory.createFromImage(copy, page),
                        0,
                        0,
                        PDRectangle.A4.getWidth(),
                        PDRectangle.A4.getHeight());
            }
            copy.save(scan.toFile());
        }

        CliRun run = cachet("verify", scan.toString(), "--home", home.toString());

        assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
        assertThat(run.out())
                .startsWith("VALID")
                .contains("note:        this file is a COPY (a scan or a print to PDF), not the signed original")
                .contains("ok   pdf.copy:");
    }

    @Test
    void helpListsEveryCommandWithADescription() {
        CliRun run = cachet("--help");

        assertThat(run.exitCode()).isZero();
        for (String command : new String[] {"quickstart", "init", "types", "issue", "verify", "serve"}) {
            assertThat(run.out()).containsPattern("(?m)^  " + command + " +\\S");
        }
    }

    @Test
    void quickstartIssuesAndVerifiesOneSampleOfEachTypeAndReusesItsHome(@TempDir Path work) {
        String[] args = {
            "quickstart",
            "--no-serve",
            "--home",
            work.resolve("dev").toString(),
            "--out-dir",
            work.resolve("out").toString()
        };

        CliRun first = cachet(args);
        CliRun second = cachet(args);

        assertThat(first.exitCode()).as(first.err()).isZero();
        assertThat(first.out())
                .contains("Created development home")
                .contains("visa-validation")
                .contains("VALID");
        assertThat(second.exitCode()).as(second.err()).isZero();
        assertThat(second.out()).contains("Reusing development home");
    }
}
