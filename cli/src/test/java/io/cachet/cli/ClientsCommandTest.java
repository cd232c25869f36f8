package io.cachet.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** cachet clients add, list and revoke, on a home's SQLite registry. */
class ClientsCommandTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-20T09:00:00Z"), ZoneOffset.UTC);
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path folder;

    Path home;

    CliRun cachet(String... args) {
        String[] withHome = java.util.Arrays.copyOf(args, args.length + 2);
        withHome[args.length] = "--home";
        withHome[args.length + 1] = home.toString();
        return CliRun.run(Map.of(), CLOCK, withHome);
    }

    @BeforeEach
    void init() {
        home = folder.resolve("home");
        CliRun init = CliRun.run(Map.of(), CLOCK, "init", "--test", "--home", home.toString());
        assertThat(init.exitCode()).as(init.err()).isZero();
    }

    @Test
    void addPrintsTheKeyOnceAndListNeverShowsIt() {
        CliRun add = cachet("clients", "add", "prefecture-69.sys");

        assertThat(add.exitCode()).as(add.err()).isZero();
        assertThat(add.out()).contains("will not be shown again");
        String key = add.out()
                .lines()
                .filter(line -> line.startsWith("cachet_"))
                .findFirst()
                .orElseThrow();
        assertThat(key).hasSize("cachet_".length() + 43);
        CliRun list = cachet("clients", "list");
        assertThat(list.exitCode()).isZero();
        assertThat(list.out()).contains("prefecture-69.sys", "2026-11-20T09:00:00Z", "active");
        assertThat(list.out()).doesNotContain(key).doesNotContain(key.substring(7));
    }

    @Test
    void addAndListAsJsonPrintExactlyOneObject() throws Exception {
        CliRun add = cachet("clients", "add", "court.lyon", "--json");

        assertThat(add.exitCode()).as(add.err()).isZero();
        JsonNode added = JSON.readTree(add.out());
        assertThat(added.get("name").asText()).isEqualTo("court.lyon");
        assertThat(added.get("key").asText()).startsWith("cachet_");
        JsonNode list = JSON.readTree(cachet("clients", "list", "--json").out());
        assertThat(list.get("clients")).hasSize(1);
        assertThat(list.get("clients").get(0).get("name").asText()).isEqualTo("court.lyon");
        assertThat(list.get("clients").get(0).get("revokedAt").isNull()).isTrue();
        assertThat(list.toString()).doesNotContain(added.get("key").asText());
    }

    @Test
    void revokeMarksTheClientRevokedInTheList() throws Exception {
        cachet("clients", "add", "court.lyon");

        CliRun revoke = cachet("clients", "revoke", "court.lyon");

        assertThat(revoke.exitCode()).as(revoke.err()).isZero();
        assertThat(revoke.out()).contains("revoked");
        JsonNode list = JSON.readTree(cachet("clients", "list", "--json").out());
        assertThat(list.get("clients").get(0).get("revokedAt").asText()).isEqualTo("2026-11-20T09:00:00Z");
        assertThat(cachet("clients", "list").out()).contains("REVOKED");
    }

    @Test
    void anExistingNameIsRefusedWithOneLineAndExitOne() {
        cachet("clients", "add", "court.lyon");

        CliRun again = cachet("clients", "add", "court.lyon");

        assertThat(again.exitCode()).isEqualTo(1);
        assertThat(again.err().lines()).hasSize(1);
        assertThat(again.err()).contains("already exists");
        assertThat(again.out()).doesNotContain("cachet_");
    }

    @Test
    void revokingAnUnknownOrAlreadyRevokedClientIsRefusedWithExitOne() {
        CliRun unknown = cachet("clients", "revoke", "nobody");
        assertThat(unknown.exitCode()).isEqualTo(1);
        assertThat(unknown.err()).contains("no API client is named 'nobody'");

        cachet("clients", "add", "court.lyon");
        cachet("clients", "revoke", "court.lyon");
        CliRun twice = cachet("clients", "revoke", "court.lyon");

        assertThat(twice.exitCode()).isEqualTo(1);
        assertThat(twice.err()).contains("already revoked");
    }

    @Test
    void aMalformedNameIsAUsageError() {
        CliRun bad = cachet("clients", "add", "prefecture 69/sys");

        assertThat(bad.exitCode()).isEqualTo(CachetCli.USAGE);
        assertThat(bad.err()).contains("letters, digits, dashes or dots");
    }

    @Test
    void listWithoutClientsSaysHowToAddOne() {
        CliRun list = cachet("clients", "list");

        assertThat(list.exitCode()).isZero();
        assertThat(list.out()).contains("cachet clients add NAME");
    }
}
