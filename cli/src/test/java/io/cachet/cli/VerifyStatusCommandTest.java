package io.cachet.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code cachet init --status-list-uri} makes every seal carry its status reference; {@code cachet verify} with trust
 * material only (no registry) never exits 0: the status was not checked, exit 3; text that is not a Cachet code is
 * unreadable (exit 3), never "not authentic".
 */
class VerifyStatusCommandTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-20T09:00:00Z"), ZoneOffset.UTC);
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path folder;

    private static Path home;
    private static Path trustOnly;
    private static JsonNode issued;

    static CliRun cachet(String... args) {
        return CliRun.run(Map.of(), CLOCK, args);
    }

    @BeforeAll
    static void initWithAStatusListUriIssueAndCopyTheHomeWithoutItsRegistry() throws Exception {
        home = folder.resolve("home");
        CliRun init = cachet("init", "--test", "--status-list-uri", "https://ofii.fr/sl", "--home", home.toString());
        assertThat(init.exitCode()).as(init.err()).isZero();
        assertThat(init.out()).contains("status list:  https://ofii.fr/sl");
        Path data = folder.resolve("visa.json");
        Files.writeString(
                data,
                cachet("types", "show", "visa-validation", "--sample", "--home", home.toString())
                        .out());
        CliRun issue = cachet(
                "issue",
                "visa-validation",
                "--data",
                data.toString(),
                "--out",
                folder.resolve("visa.pdf").toString(),
                "--json",
                "--home",
                home.toString());
        assertThat(issue.exitCode()).as(issue.err()).isZero();
        issued = JSON.readTree(issue.out());
        trustOnly = folder.resolve("trust-only");
        copyWithoutRegistry(home, trustOnly);
    }

    @Test
    void initWritesTheStatusListUriIntoCachetProperties() throws Exception {
        assertThat(Files.readString(home.resolve("cachet.properties"))).contains("status-list.uri=https://ofii.fr/sl");
    }

    @Test
    void withoutARegistryTheStatusIsNotCheckedAndTheExitCodeIsThree() throws Exception {
        CliRun run = cachet("verify", "--code", issued.get("seal").asText(), "--home", trustOnly.toString());

        assertThat(run.exitCode()).as(run.err()).isEqualTo(3);
        assertThat(run.out())
                .startsWith("UNREADABLE [STATUS_NOT_CHECKED]")
                .contains("the certificate is authentic, but its status")
                .contains("check it online, at https://ofii.fr/")
                .contains("holder:");
        CliRun json = cachet("verify", "--code", issued.get("seal").asText(), "--json", "--home", trustOnly.toString());
        assertThat(JSON.readTree(json.out()).get("certificate").get("id").asText())
                .isEqualTo(issued.get("id").asText());
    }

    @Test
    void theIssuingHomeWithItsRegistryStillSaysValid() {
        assertThat(cachet("verify", "--code", issued.get("seal").asText(), "--home", home.toString())
                        .exitCode())
                .isZero();
    }

    @Test
    void textThatIsNotACachetCodeIsUnreadableWithExitCodeThreeAndAdvice() {
        String seal = issued.get("seal").asText();
        for (String text : new String[] {"bonjour", seal.substring(0, 90), "CT1:" + "é" + seal.substring(5)}) {
            CliRun run = cachet("verify", "--code", text, "--home", home.toString());

            assertThat(run.exitCode()).as(text).isEqualTo(3);
            assertThat(run.out()).as(text).startsWith("UNREADABLE").contains("keyboard layout");
        }
    }

    @Test
    void aStatusListUriWithSpacesIsRefusedBeforeAnythingIsCreated() {
        Path other = folder.resolve("refused");

        CliRun run = cachet("init", "--test", "--status-list-uri", "https://ofii.fr/a b", "--home", other.toString());

        assertThat(run.exitCode()).isEqualTo(64);
        assertThat(run.err()).contains("--status-list-uri");
        assertThat(other).doesNotExist();
    }

    private static void copyWithoutRegistry(Path from, Path to) throws Exception {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path source : files.toList()) {
                Path target = to.resolve(from.relativize(source).toString());
                if (Files.isDirectory(source)) {
                    Files.createDirectories(target);
                } else if (!source.getFileName().toString().startsWith("registry.db")) {
                    Files.copy(source, target);
                }
            }
        }
    }
}
