package io.cachet.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A batch killed with SIGKILL mid-run (a real subprocess, destroyForcibly) and run again completes with no loss and
 * no duplicate: one VALID record and one PDF per row, no PENDING record, no stray temporary file. Runs on SQLite
 * ({@link SqliteBatchCrashTest}) and PostgreSQL ({@link PostgresBatchCrashTest}).
 */
abstract class BatchCrashContract {
    static final ObjectMapper JSON = new ObjectMapper();
    static final int ROWS = 16;

    @TempDir
    Path folder;

    /** Environment naming the registry (empty: the home's SQLite file). */
    abstract Map<String, String> registryEnvironment() throws Exception;

    CliRun cachet(Map<String, String> environment, String... args) {
        return CliRun.run(environment, Clock.systemUTC(), args);
    }

    @Test
    void batchKilledMidRunAndRerunIssuesEveryRowExactlyOnce() throws Exception {
        Map<String, String> environment = registryEnvironment();
        Path home = folder.resolve("home");
        assertThat(cachet(Map.of(), "init", "--test", "--home", home.toString()).exitCode())
                .isZero();
        Path csv = folder.resolve("visas.csv");
        Files.writeString(
                csv,
                csvOf(cachet(Map.of(), "types", "show", "visa-validation", "--sample", "--home", home.toString())
                        .out()));
        Path out = folder.resolve("out");
        List<String> batch = List.of(
                "batch",
                "visa-validation",
                "--input",
                csv.toString(),
                "--out-dir",
                out.toString(),
                "--jobs",
                "2",
                "--home",
                home.toString());

        boolean killed = runAndKillAfterSomePdfs(batch, environment, out);

        assertThat(killed).as("the first run was killed before it finished").isTrue();
        CliRun rerun = cachet(environment, batch.toArray(String[]::new));
        assertThat(rerun.exitCode()).as(rerun.out() + rerun.err()).isZero();

        List<Path> pdfs;
        try (Stream<Path> files = Files.list(out)) {
            pdfs = files.filter(f -> f.toString().endsWith(".pdf")).toList();
        }
        try (Stream<Path> files = Files.list(out)) {
            assertThat(files.filter(f -> f.getFileName().toString().startsWith(".")))
                    .as("temporary files")
                    .isEmpty();
        }
        assertThat(pdfs).hasSize(ROWS);
        List<String> manifest = Files.readAllLines(out.resolve("manifest.jsonl"));
        assertThat(manifest).hasSize(ROWS);
        Set<String> ids = new HashSet<>();
        Set<String> refs = new HashSet<>();
        for (String line : manifest) {
            JsonNode row = JSON.readTree(line);
            assertThat(row.get("status").asText()).isEqualTo("VALID");
            ids.add(row.get("id").asText());
            refs.add(row.get("ref").asText());
            assertThat(Path.of(row.get("file").asText())).exists();
        }
        assertThat(ids).hasSize(ROWS);
        assertThat(refs).hasSize(ROWS);
        JsonNode all = JSON.readTree(cachet(
                        environment,
                        "search",
                        "--type",
                        "visa-validation",
                        "--limit",
                        "1000",
                        "--json",
                        "--home",
                        home.toString())
                .out());
        assertThat(all.get("results")).hasSize(ROWS);
        for (Path pdf : pdfs) {
            CliRun verify = cachet(environment, "verify", pdf.toString(), "--home", home.toString());
            assertThat(verify.exitCode()).as(pdf + ": " + verify.out()).isZero();
        }
        CliRun again = cachet(environment, batch.toArray(String[]::new));
        assertThat(again.out()).contains("0 issued now, " + ROWS + " already issued before");
    }

    /** Starts the CLI in a JVM of its own and kills it (SIGKILL) once a few PDFs exist. */
    private boolean runAndKillAfterSomePdfs(List<String> batch, Map<String, String> environment, Path out)
            throws Exception {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(CachetCli.class.getName());
        command.addAll(batch);
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().putAll(environment);
        builder.redirectErrorStream(true);
        builder.redirectOutput(folder.resolve("first-run.log").toFile());
        Process process = builder.start();
        Instant deadline = Instant.now().plus(Duration.ofMinutes(3));
        while (process.isAlive() && Instant.now().isBefore(deadline)) {
            if (countPdfs(out) >= 3) {
                process.destroyForcibly();
                process.waitFor();
                return true;
            }
            Thread.sleep(10);
        }
        process.destroyForcibly();
        process.waitFor();
        return false;
    }

    private static long countPdfs(Path out) throws Exception {
        if (!Files.isDirectory(out)) {
            return 0;
        }
        try (Stream<Path> files = Files.list(out)) {
            return files.filter(f -> f.toString().endsWith(".pdf")).count();
        }
    }

    /** The sample as CSV: one column per field path, ROWS rows with their own ref and family name. */
    static String csvOf(String sampleJson) throws Exception {
        Map<String, String> fields = new java.util.LinkedHashMap<>();
        flatten("", JSON.readTree(sampleJson), fields);
        StringBuilder csv = new StringBuilder("ref," + String.join(",", fields.keySet()) + "\n");
        for (int row = 0; row < ROWS; row++) {
            Map<String, String> values = new HashMap<>(fields);
            values.put("holder.familyName", "ROW " + (char) ('A' + row));
            csv.append("R").append(row);
            for (String field : fields.keySet()) {
                csv.append(",\"")
                        .append(values.get(field).replace("\"", "\"\""))
                        .append('"');
            }
            csv.append('\n');
        }
        return csv.toString();
    }

    private static void flatten(String prefix, JsonNode node, Map<String, String> into) {
        if (node.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> entry = it.next();
                flatten(prefix.isEmpty() ? entry.getKey() : prefix + "." + entry.getKey(), entry.getValue(), into);
            }
        } else if (node.isArray()) {
            into.put(prefix, node.toString());
        } else {
            into.put(prefix, node.asText());
        }
    }
}
