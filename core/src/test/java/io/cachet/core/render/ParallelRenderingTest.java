package io.cachet.core.render;

import static org.assertj.core.api.Assertions.assertThat;

import io.cachet.core.TestHomes;
import io.cachet.core.services.CachetServices;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.verapdf.pdfa.flavours.PDFAFlavour;

/**
 * The renderer lends its parsed fonts to one document at a time: documents rendered at once on several threads
 * are each complete and valid, with the same text as when rendered alone.
 */
class ParallelRenderingTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-20T10:15:30Z"), ZoneOffset.UTC);
    private static final List<String> TYPES = List.of("visa-validation", "cir", "family-reunification-deposit");

    @TempDir
    static Path folder;

    static CachetServices services;

    @BeforeAll
    static void home() {
        services = TestHomes.create(folder.resolve("home"), CLOCK);
    }

    @Test
    void documentsRenderedAtOnceAreTheDocumentsRenderedAlone() throws Exception {
        List<String> alone = new ArrayList<>();
        for (String type : TYPES) {
            alone.add(EveryTypeRendersTest.text(specimen(type)));
        }

        ExecutorService pool = Executors.newFixedThreadPool(4);
        List<Future<byte[]>> rendered = new ArrayList<>();
        try {
            for (int i = 0; i < 4 * TYPES.size(); i++) {
                String type = TYPES.get(i % TYPES.size());
                rendered.add(pool.submit(() -> specimen(type)));
            }
            for (int i = 0; i < rendered.size(); i++) {
                byte[] pdf = rendered.get(i).get();
                assertThat(EveryTypeRendersTest.text(pdf)).isEqualTo(alone.get(i % TYPES.size()));
                if (i < TYPES.size()) {
                    assertThat(PdfA.failures(pdf, PDFAFlavour.PDFA_3_A)).isEmpty();
                }
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private static byte[] specimen(String type) {
        return services.preview().preview(type, TestHomes.sample(services, type), Locale.FRENCH);
    }
}
