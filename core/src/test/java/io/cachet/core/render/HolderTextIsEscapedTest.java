package io.cachet.core.render;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cachet.core.TestHomes;
import io.cachet.core.report.Verdict;
import io.cachet.core.services.CachetServices;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HolderTextIsEscapedTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-20T10:15:30Z"), ZoneOffset.UTC);

    @Test
    void markupAndTemplateSyntaxInANameRenderLiterally(@TempDir Path folder) throws Exception {
        CachetServices services = TestHomes.create(folder.resolve("home"), CLOCK);
        String hostile = "<script>x</script>]]>th:text=\"${x}\"";
        ObjectNode data = (ObjectNode) TestHomes.sample(services, "family-reunification-deposit");
        ((ObjectNode) data.get("holder")).put("familyName", hostile);
        ((ObjectNode) data.withArray("beneficiaries").get(0)).put("givenNames", "#{title}<b>");
        Path out = folder.resolve("hostile.pdf");

        services.issuance().issue("family-reunification-deposit", data, out, Locale.FRENCH);
        byte[] pdf = Files.readAllBytes(out);

        String text = EveryTypeRendersTest.text(pdf).replaceAll("\\s", "");
        assertThat(text).contains(hostile.replaceAll("\\s", "")).contains("#{title}<b>");
        assertThat(services.verification().verifyPdf(pdf).verdict()).isEqualTo(Verdict.VALID);
    }
}
