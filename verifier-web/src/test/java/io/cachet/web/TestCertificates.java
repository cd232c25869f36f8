package io.cachet.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cachet.core.home.CachetHome;
import io.cachet.core.home.HomeInitializer;
import io.cachet.core.issue.IssuedCertificate;
import io.cachet.core.services.CachetServices;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Comparator;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * A real development home with TEST keys and one real issued certificate, made once per test JVM and shared by the
 * test classes (making keys and a signed PDF takes seconds).
 */
final class TestCertificates {
    private static TestCertificates instance;

    final Path folder;
    final CachetHome home;
    final CachetServices services;
    final IssuedCertificate issued;

    private TestCertificates() throws IOException {
        folder = Files.createTempDirectory("cachet-web-test");
        Runtime.getRuntime().addShutdownHook(new Thread(TestCertificates::deleteFolder, "cachet-web-test-cleanup"));
        Clock clock = Clock.systemUTC();
        home = new CachetHome(folder.resolve("home"));
        new HomeInitializer(clock, Map.of())
                .initialize(
                        home,
                        new HomeInitializer.Request(
                                "PAR", "Direction territoriale de Paris", true, false, "http://localhost"));
        services = new CachetServices(home, Optional.empty(), Map.of(), clock);
        JsonNode sample = new ObjectMapper()
                .readTree(services.catalog().get("visa-validation").sampleJson());
        issued = services.issuance().issue("visa-validation", sample, folder.resolve("visa.pdf"), Locale.FRENCH);
    }

    static synchronized TestCertificates get() {
        if (instance == null) {
            try {
                instance = new TestCertificates();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return instance;
    }

    /** Removes the TEST keys and files when the test JVM ends. */
    private static void deleteFolder() {
        if (instance == null) {
            return;
        }
        try (Stream<Path> files = Files.walk(instance.folder)) {
            files.sorted(Comparator.reverseOrder())
                    .forEach(file -> file.toFile().delete());
        } catch (IOException e) {
            // Best effort at exit: a left-over temporary folder is harmless.
        }
    }

    /** The seal with one Base45 character changed: it no longer verifies. */
    String tamperedSeal() {
        String seal = issued.seal();
        return seal.substring(0, 40) + (seal.charAt(40) == 'A' ? 'B' : 'A') + seal.substring(41);
    }
}
