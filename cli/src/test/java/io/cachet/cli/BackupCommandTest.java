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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BackupCommandTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-20T09:00:00Z"), ZoneOffset.UTC);
    private static final Map<String, String> PASSWORD =
            Map.of("CACHET_BACKUP_PASSWORD", "correct horse battery staple");

    @TempDir
    Path folder;

    @Test
    void aRestoredHomeVerifiesWhatWasIssuedBeforeTheBackupAndCanIssueAgain() throws Exception {
        Path home = folder.resolve("home");
        CliRun.run(Map.of(), CLOCK, "init", "--test", "--home", home.toString());
        Path data = folder.resolve("d.json");
        Files.writeString(
                data,
                CliRun.run(Map.of(), CLOCK, "types", "show", "cir", "--sample").out());
        JsonNode issued = new ObjectMapper()
                .readTree(CliRun.run(
                                Map.of(),
                                CLOCK,
                                "issue",
                                "cir",
                                "--data",
                                data.toString(),
                                "--out",
                                folder.resolve("before.pdf").toString(),
                                "--json",
                                "--home",
                                home.toString())
                        .out());
        Path backup = folder.resolve("home.backup");

        CliRun save = CliRun.run(PASSWORD, CLOCK, "backup", "--out", backup.toString(), "--home", home.toString());
        Path restored = folder.resolve("restored");
        CliRun restore = CliRun.run(PASSWORD, CLOCK, "restore", backup.toString(), "--home", restored.toString());

        assertThat(save.exitCode()).as(save.err()).isZero();
        assertThat(restore.exitCode()).as(restore.err()).isZero();
        for (String secret : new String[] {"registry.db", "keys/signer.p12", "keys/root-ca.p12", "keys/keyring.json"}) {
            assertThat(java.nio.file.attribute.PosixFilePermissions.toString(
                            Files.getPosixFilePermissions(restored.resolve(secret))))
                    .as(secret)
                    .isEqualTo("rw-------");
        }
        assertThat(java.nio.file.attribute.PosixFilePermissions.toString(
                        Files.getPosixFilePermissions(restored.resolve("trust/root.pem"))))
                .isEqualTo("rw-r--r--");
        assertThat(new String(Files.readAllBytes(backup), java.nio.charset.StandardCharsets.ISO_8859_1))
                .doesNotContain("BEGIN CERTIFICATE")
                .doesNotContain("office.code");
        assertThat(CliRun.run(Map.of(), CLOCK, "verify", issued.get("file").asText(), "--home", restored.toString())
                        .exitCode())
                .isZero();
        CliRun again = CliRun.run(
                Map.of(),
                CLOCK,
                "issue",
                "cir",
                "--data",
                data.toString(),
                "--out",
                folder.resolve("after.pdf").toString(),
                "--home",
                restored.toString());
        assertThat(again.exitCode()).as(again.err()).isZero();
    }

    @Test
    void aWrongPassphraseATamperedFileOrAnExistingHomeIsRefused() throws Exception {
        Path home = folder.resolve("home");
        CliRun.run(Map.of(), CLOCK, "init", "--test", "--home", home.toString());
        Path backup = folder.resolve("home.backup");
        CliRun.run(PASSWORD, CLOCK, "backup", "--out", backup.toString(), "--home", home.toString());

        CliRun wrong = CliRun.run(
                Map.of("CACHET_BACKUP_PASSWORD", "not the right one"),
                CLOCK,
                "restore",
                backup.toString(),
                "--home",
                folder.resolve("r1").toString());
        byte[] bytes = Files.readAllBytes(backup);
        bytes[bytes.length / 2] ^= 1;
        Path tampered = folder.resolve("tampered.backup");
        Files.write(tampered, bytes);
        CliRun altered = CliRun.run(
                PASSWORD,
                CLOCK,
                "restore",
                tampered.toString(),
                "--home",
                folder.resolve("r2").toString());
        CliRun existing = CliRun.run(PASSWORD, CLOCK, "restore", backup.toString(), "--home", home.toString());
        CliRun noPassword = CliRun.run(
                Map.of(), CLOCK, "backup", "--out", folder.resolve("x").toString(), "--home", home.toString());

        assertThat(wrong.exitCode()).isEqualTo(1);
        assertThat(wrong.err()).contains("wrong CACHET_BACKUP_PASSWORD");
        assertThat(altered.exitCode()).isEqualTo(1);
        assertThat(existing.exitCode()).isEqualTo(1);
        assertThat(existing.err()).contains("not empty");
        assertThat(noPassword.exitCode()).isEqualTo(1);
        assertThat(noPassword.err()).contains("CACHET_BACKUP_PASSWORD");
        assertThat(folder.resolve("r1")).doesNotExist();
    }
}
