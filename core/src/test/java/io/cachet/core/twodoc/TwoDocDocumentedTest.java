package io.cachet.core.twodoc;

import static org.assertj.core.api.Assertions.assertThat;

import io.cachet.core.TemplateFolders;
import io.cachet.core.types.CertificateType;
import io.cachet.core.types.TwoDocMapping;
import io.cachet.core.types.TypeCatalog;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** docs/2d-doc.md names every reason code and every type's mapping as type.json declares it. */
class TwoDocDocumentedTest {
    private static String doc() throws Exception {
        return Files.readString(Path.of("..", "docs", "2d-doc.md"));
    }

    @Test
    void everyReasonCodeIsDocumented() throws Exception {
        String doc = doc();
        for (TwoDocReason reason : TwoDocReason.values()) {
            assertThat(doc).as(reason.name()).contains("`" + reason.name() + "`");
        }
    }

    @Test
    void everyTypesMappingIsInTheTable() throws Exception {
        String doc = doc();
        for (CertificateType type : TypeCatalog.load(TemplateFolders.SOURCE).types()) {
            TwoDocMapping mapping = type.twoDoc().orElseThrow();
            String row = doc.lines()
                    .filter(line -> line.startsWith("| `" + type.id() + "` |"))
                    .findFirst()
                    .orElseThrow(() -> new AssertionError("no row for " + type.id() + " in docs/2d-doc.md"));
            assertThat(row).contains("`" + mapping.documentType() + "`");
            assertThat(row.contains("awaiting registration")).isEqualTo(mapping.awaitingRegistration());
            for (Map.Entry<String, String> entry : mapping.identifiers().entrySet()) {
                boolean common = doc.contains("| `" + entry.getKey() + "` | `" + entry.getValue() + "` ");
                boolean own = row.contains("`" + entry.getKey() + "` → `" + entry.getValue() + "`");
                assertThat(common || own)
                        .as("%s: %s → %s", type.id(), entry.getKey(), entry.getValue())
                        .isTrue();
            }
        }
    }
}
