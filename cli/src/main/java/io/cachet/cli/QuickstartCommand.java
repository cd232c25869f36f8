package io.cachet.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.cachet.core.CachetException;
import io.cachet.core.home.CachetHome;
import io.cachet.core.home.HomeInitializer;
import io.cachet.core.issue.IssuanceService;
import io.cachet.core.issue.IssuedCertificate;
import io.cachet.core.report.ReportJson;
import io.cachet.core.report.VerificationReport;
import io.cachet.core.services.CachetServices;
import io.cachet.core.types.CertificateType;
import io.cachet.core.verify.VerificationService;
import io.javalin.Javalin;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(
        name = "quickstart",
        mixinStandardHelpOptions = true,
        header = "Try Cachet end to end: test home, sample certificates, web verifier.",
        description = {
            "Try Cachet end to end: create (or reuse) a development home with TEST keys, issue one sample",
            "certificate of each type into the output folder, verify each, print a table, then start the web",
            "verifier and print its URL and a code to paste. Ctrl-C stops it.",
            "",
            "The development home is ./.cachet-quickstart unless --home is given; CACHET_HOME is ignored here so",
            "that a real home is never used for samples. A home that is not a development home is refused."
        })
final class QuickstartCommand extends CachetCommand {
    static final Path DEFAULT_HOME = Path.of(".cachet-quickstart");

    @Option(
            names = "--out-dir",
            paramLabel = "DIR",
            defaultValue = "quickstart-output",
            description = "Where the sample PDFs go. Default: ${DEFAULT-VALUE}.")
    Path outDir;

    @Option(
            names = "--port",
            paramLabel = "N",
            defaultValue = "8080",
            description = "Port of the web verifier. Default: ${DEFAULT-VALUE}.")
    int port;

    @Option(names = "--no-serve", description = "Stop after the table instead of starting the web verifier.")
    boolean noServe;

    QuickstartCommand(CliContext context) {
        super(context);
    }

    private record Row(String type, String id, Path file, String verdict, String seal) {}

    @Override
    public Integer call() throws InterruptedException {
        PrintWriter out = out();
        CachetHome home = new CachetHome(global.home != null ? global.home : DEFAULT_HOME);
        if (home.exists()) {
            if (!home.config().development()) {
                throw CachetException.conflict(
                        home.root() + " is not a development home: quickstart issues samples only with TEST keys."
                                + " Use another --home.");
            }
            out.println("Reusing development home " + home.root());
        } else {
            new HomeInitializer(clock(), environment())
                    .initialize(
                            home,
                            new HomeInitializer.Request(
                                    "PAR", "Direction territoriale de Paris", true, false, "http://localhost:" + port));
            out.println("Created development home " + home.root() + " (TEST keys, not for production)");
        }
        CachetServices services =
                new CachetServices(home, Optional.ofNullable(global.templates), environment(), clock());
        IssuanceService issuance = services.issuance();
        VerificationService verification = services.verification();
        try {
            Files.createDirectories(outDir);
        } catch (IOException e) {
            throw CachetException.usage("cannot create " + outDir + ": " + e.getMessage());
        }

        List<Row> rows = new ArrayList<>();
        for (CertificateType type : services.catalog().types()) {
            JsonNode sample = sample(type);
            IssuedCertificate issued = issuance.issue(
                    type.id(), sample, id -> outDir.resolve(type.id() + "-" + id.value() + ".pdf"), Locale.FRENCH);
            VerificationReport report = verification.verifyFile(read(issued.file()));
            rows.add(new Row(
                    type.id(),
                    issued.id().value(),
                    issued.file(),
                    report.verdict().name(),
                    issued.seal()));
        }
        printTable(out, rows);
        boolean allValid = rows.stream().allMatch(row -> row.verdict().equals("VALID"));
        if (noServe) {
            return allValid ? 0 : 1;
        }
        Javalin app = WebServer.start(verification, "0.0.0.0", port);
        out.println();
        out.println("Web verifier: http://localhost:" + app.port() + "/");
        out.println("Paste this code there (or upload one of the PDFs above):");
        out.println(rows.get(0).seal());
        out.println("Ctrl-C stops the verifier.");
        out.flush();
        WebServer.awaitShutdown(app);
        return 0;
    }

    private static void printTable(PrintWriter out, List<Row> rows) {
        int typeWidth = Math.max(
                4, rows.stream().mapToInt(row -> row.type().length()).max().orElse(4));
        int fileWidth = Math.max(
                4,
                rows.stream()
                        .mapToInt(row -> row.file().toString().length())
                        .max()
                        .orElse(4));
        String format = "%-" + typeWidth + "s  %-21s  %-" + fileWidth + "s  %s%n";
        out.printf(format, "TYPE", "ID", "FILE", "VERDICT");
        for (Row row : rows) {
            out.printf(format, row.type(), row.id(), row.file(), row.verdict());
        }
    }

    private static JsonNode sample(CertificateType type) {
        try {
            return ReportJson.mapper().readTree(type.sampleJson());
        } catch (IOException e) {
            throw CachetException.configuration(
                    "the sample of type " + type.id() + " is not valid JSON: " + e.getMessage());
        }
    }

    private static byte[] read(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw CachetException.internal("cannot read back " + file + ": " + e.getMessage(), e);
        }
    }
}
