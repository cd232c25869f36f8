package io.cachet.core.render;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.cachet.core.TemplateFolders;
import io.cachet.core.TestHomes;
import io.cachet.core.issue.IssuedCertificate;
import io.cachet.core.report.Verdict;
import io.cachet.core.report.VerificationReport;
import io.cachet.core.services.CachetServices;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.verapdf.pdfa.flavours.PDFAFlavour;

/** A type is added by dropping a folder into a copy of the templates: no Java change. */
class NewTypeWithoutJavaTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-20T10:15:30Z"), ZoneOffset.UTC);

    @Test
    void aDroppedFolderIsIssuedSealedAndVerified(@TempDir Path folder) throws Exception {
        Path templates = TemplateFolders.copy(folder.resolve("templates"));
        Path type = Files.createDirectories(templates.resolve("types/civic-training"));
        Files.writeString(type.resolve("type.json"), """
                {
                  "id": "civic-training",
                  "title": "Attestation de formation civique",
                  "fields": [
                    {"name": "holder.familyName", "label": "Nom", "kind": "text", "required": true},
                    {"name": "holder.givenNames", "label": "Prénoms", "kind": "text", "required": true},
                    {"name": "holder.birthDate", "label": "Date de naissance", "kind": "date", "required": true},
                    {"name": "days", "label": "Journées", "kind": "list", "required": true,
                     "fields": [{"name": "date", "label": "Date", "kind": "date", "required": true}]},
                    {"name": "completed", "label": "Terminée", "kind": "choice", "values": ["oui"],
                     "required": true, "seal": "ok"}
                  ]
                }
                """);
        Files.writeString(type.resolve("template.html"), """
                <?xml version="1.0" encoding="UTF-8"?>
                <html xmlns="http://www.w3.org/1999/xhtml" xmlns:th="http://www.thymeleaf.org" th:lang="${lang}">
                <head><title th:text="${cert.title}">t</title>
                <style>body { font-family: DejaVuSans; } img { width: 40mm; height: 40mm; }</style></head>
                <body>
                  <h1 th:text="#{title}">Titre</h1>
                  <p th:text="${data.holder.familyName + ' ' + data.holder.givenNames}">Nom</p>
                  <p th:each="day : ${data.days}" th:text="${'Journée du ' + fmt.date(day.date)}">jour</p>
                  <p th:text="${cert.id}">id</p>
                  <img th:if="${qr != ''}" th:src="${qr}" alt="QR"/>
                </body>
                </html>
                """);
        Files.writeString(type.resolve("messages.properties"), "title=Attestation de formation civique\n");
        Files.writeString(
                type.resolve("sample.json"),
                "{\"holder\": {\"familyName\": \"MARTIN\", \"givenNames\": \"Léa\", \"birthDate\": \"1990-01-01\"},"
                        + " \"days\": [{\"date\": \"2026-10-05\"}, {\"date\": \"2026-10-06\"}], \"completed\": \"oui\"}");
        CachetServices services = TestHomes.create(folder.resolve("home"), CLOCK);
        CachetServices custom = new CachetServices(services.home(), Optional.of(templates), Map.of(), CLOCK);

        IssuedCertificate issued = custom.issuance()
                .issue(
                        "civic-training",
                        new ObjectMapper().readTree(Files.readString(type.resolve("sample.json"))),
                        folder.resolve("civic.pdf"),
                        Locale.FRENCH);
        byte[] pdf = Files.readAllBytes(issued.file());
        VerificationReport report = custom.verification().verifyPdf(pdf);

        assertThat(report.verdict()).isEqualTo(Verdict.VALID);
        assertThat(report.certificate().orElseThrow().type()).isEqualTo("civic-training");
        assertThat(EveryTypeRendersTest.text(pdf))
                .contains("MARTIN Léa")
                .contains("Journée du 05/10/2026")
                .contains("Journée du 06/10/2026");
        assertThat(PdfA.failures(pdf, PDFAFlavour.PDFA_3_A)).isEmpty();
        assertThat(custom.catalog().types()).hasSize(TestHomes.bundledTypeIds().size() + 1);
    }
}
