package io.cachet.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;
import picocli.CommandLine;

/**
 * Not a user command: the {@code ./cachet} launcher runs this once after each build, with
 * {@code -XX:ArchiveClassesAtExit}, so that the application class-data archive holds the classes of the usual short
 * commands (init, issue, verify a PDF and a code). It works in a temporary development home, deleted at the end,
 * and prints nothing.
 */
final class CdsTraining {
    private CdsTraining() {}

    public static void main(String[] args) throws IOException {
        Path folder = Files.createTempDirectory("cachet-cds-training");
        try {
            String home = folder.resolve("home").toString();
            Map<String, String> environment = new HashMap<>(System.getenv());
            environment.remove("CACHET_HOME");
            CliContext context = new CliContext(environment, java.time.Clock.systemUTC());
            run(context, "init", "--test", "--home", home);
            Path data = folder.resolve("data.json");
            Files.writeString(data, run(context, "types", "show", "cir", "--sample", "--home", home));
            Path pdf = folder.resolve("cir.pdf");
            String issued = run(
                    context,
                    "issue",
                    "cir",
                    "--data",
                    data.toString(),
                    "--out",
                    pdf.toString(),
                    "--json",
                    "--home",
                    home);
            run(context, "verify", pdf.toString(), "--json", "--home", home);
            java.util.regex.Matcher seal = java.util.regex.Pattern.compile("\"seal\"\\s*:\\s*\"([^\"]+)\"")
                    .matcher(issued);
            run(context, "verify", "--code", seal.find() ? seal.group(1) : "CT1:", "--home", home);
        } finally {
            deleteRecursively(folder);
        }
    }

    private static String run(CliContext context, String... args) {
        StringWriter out = new StringWriter();
        CommandLine commandLine = CachetCli.commandLine(context);
        commandLine.setOut(new PrintWriter(out));
        commandLine.setErr(new PrintWriter(Writer.nullWriter()));
        commandLine.execute(args);
        return out.toString();
    }

    private static void deleteRecursively(Path folder) throws IOException {
        try (Stream<Path> paths = Files.walk(folder)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> {
                try {
                    Files.deleteIfExists(path);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
    }
}
