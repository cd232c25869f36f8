package io.cachet.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cachet.core.batch.BatchProblem;
import io.cachet.core.batch.BatchService;
import io.cachet.core.batch.InputEncoding;
import io.cachet.core.report.ReportJson;
import io.cachet.core.services.CachetServices;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(
        name = "batch",
        mixinStandardHelpOptions = true,
        header = "Issue many certificates of one type from a CSV or JSON Lines file.",
        description = {
            "Issue one certificate per row. Every row is validated first and every bad row is reported (line,",
            "field, problem) before anything is issued, unless --skip-invalid. Rows are issued in parallel. Each",
            "row's idempotency key (its `ref` column, else a hash of its data) is recorded with its certificate,",
            "so running the same batch again after a crash or Ctrl-C issues only what is missing, never twice.",
            "DIR/manifest.jsonl maps every row to its id and file. Input format: docs/operations.md.",
            "",
            "A CSV file may be as a spreadsheet saves it: fields separated by ',' or ';' (told by the header row),",
            "UTF-8 with or without BOM or Windows-1252 (detected; --encoding to say which), dates as YYYY-MM-DD or",
            "DD/MM/YYYY, a birth date known only as YYYY or MM/YYYY, a holder with no given names."
        },
        footer = {
            "",
            "Exit codes: 0 every row issued (now or before); 1 some row failed or was invalid; 64 usage error.",
            "",
            "Examples:",
            "  cachet batch visa-validation --input visas.csv --out-dir out/",
            "  cachet batch cir --input cir.jsonl --out-dir out/ --jobs 2 --skip-invalid",
            "  cachet batch visa-validation --input export.csv --encoding windows-1252 --out-dir out/"
        })
final class BatchCommand extends CachetCommand {
    @Parameters(index = "0", paramLabel = "TYPE", description = "Certificate type (see `cachet types`).")
    String type;

    @Option(
            names = "--input",
            required = true,
            paramLabel = "FILE",
            description = "FILE.csv (header row of field paths) or FILE.jsonl (one JSON object per line).")
    Path input;

    @Option(
            names = "--encoding",
            paramLabel = "CHARSET",
            description = "The input's character encoding: utf-8 or windows-1252 (cp1252). Default: detected, UTF-8"
                    + " (with or without BOM) when the file is valid UTF-8, else Windows-1252.")
    String encoding;

    @Option(names = "--out-dir", required = true, paramLabel = "DIR", description = "Where to write the PDFs.")
    Path outDir;

    @Option(
            names = "--jobs",
            paramLabel = "N",
            description = "Certificates issued at once. Default: the number of processors.")
    Integer jobs;

    @Option(names = "--skip-invalid", description = "Issue the valid rows even when some rows are invalid.")
    boolean skipInvalid;

    @Option(names = "--lang", paramLabel = "LANG", defaultValue = "fr", description = "fr (default) or en.")
    String lang;

    @Option(names = "--actor", paramLabel = "NAME", description = "Who issues. Default: the OS user name.")
    String actor;

    @Option(names = "--json", description = "Print the summary as one JSON object.")
    boolean json;

    BatchCommand(CliContext context) {
        super(context);
    }

    @Override
    public Integer call() {
        CachetServices services = services();
        int parallel = jobs == null ? Runtime.getRuntime().availableProcessors() : jobs;
        BatchService batch = new BatchService(services.catalog(), services.issuance(), services.registry(), clock());
        PrintWriter err = err();
        ProgressReporter progress = new ProgressReporter(err, System.console() != null);
        BatchService.Summary summary = batch.run(
                new BatchService.Request(
                        type,
                        input,
                        Optional.ofNullable(encoding).map(InputEncoding::named),
                        outDir,
                        parallel,
                        skipInvalid,
                        LifecycleCommands.actor(actor),
                        Languages.parse(lang)),
                progress);
        progress.finish();
        PrintWriter out = out();
        if (json) {
            ObjectNode node = ReportJson.mapper().createObjectNode();
            node.put("rows", summary.rows());
            node.put("invalid", summary.invalid());
            node.put("alreadyIssued", summary.alreadyIssued());
            node.put("issued", summary.issued());
            node.put("failed", summary.failures().size());
            node.put("repaired", summary.repaired().completed().size());
            node.put("discarded", summary.repaired().discarded().size());
            node.put("seconds", summary.elapsed().toMillis() / 1000.0);
            node.put("perSecond", Math.round(summary.rate() * 100) / 100.0);
            node.put("manifest", summary.manifest().toString());
            var failures = node.putArray("failures");
            summary.failures()
                    .forEach(f -> failures.addObject().put("line", f.line()).put("problem", f.problem()));
            out.println(ReportJson.toText(node));
        } else {
            if (!summary.repaired().nothingToDo()) {
                out.println("Repaired an interrupted run: "
                        + summary.repaired().completed().size() + " completed, "
                        + summary.repaired().discarded().size() + " discarded (to be issued again)");
            }
            out.printf(
                    "%d row(s): %d issued now, %d already issued before, %d invalid, %d failed, in %s (%.1f/s)%n",
                    summary.rows(),
                    summary.issued(),
                    summary.alreadyIssued(),
                    summary.invalid(),
                    summary.failures().size(),
                    ProgressReporter.format(summary.elapsed()),
                    summary.rate());
            for (BatchProblem failure : summary.failures()) {
                out.println("  failed: " + failure);
            }
            out.println("Manifest: " + summary.manifest());
        }
        return summary.failures().isEmpty() && summary.invalid() == 0 ? 0 : 1;
    }

    /** Progress on stderr: a bar with rate and ETA on a terminal, a plain line every few seconds otherwise. */
    static final class ProgressReporter implements BatchService.Progress {
        private static final long PLAIN_INTERVAL_NANOS = Duration.ofSeconds(5).toNanos();

        private final PrintWriter err;
        private final boolean terminal;
        private final long start = System.nanoTime();
        private long lastPrinted = start;
        private boolean printedBar;

        ProgressReporter(PrintWriter err, boolean terminal) {
            this.err = err;
            this.terminal = terminal;
        }

        @Override
        public synchronized void update(int done, int failed, int toIssue) {
            long now = System.nanoTime();
            if (!terminal && now - lastPrinted < PLAIN_INTERVAL_NANOS && done != toIssue) {
                return;
            }
            lastPrinted = now;
            double seconds = (now - start) / 1e9;
            double rate = seconds > 0 ? done / seconds : 0;
            Duration eta = rate > 0 ? Duration.ofSeconds((long) ((toIssue - done) / rate)) : Duration.ZERO;
            String numbers = String.format(
                    "%d/%d%s  %.1f/s  ETA %s",
                    done, toIssue, failed > 0 ? " (" + failed + " failed)" : "", rate, format(eta));
            if (terminal) {
                int width = 30;
                int filled = toIssue == 0 ? width : (int) ((long) width * done / toIssue);
                err.print("\r[" + "#".repeat(filled) + " ".repeat(width - filled) + "] " + numbers + "   ");
                printedBar = true;
            } else {
                err.println("batch: " + numbers);
            }
            err.flush();
        }

        synchronized void finish() {
            if (printedBar) {
                err.println();
                err.flush();
            }
        }

        static String format(Duration duration) {
            long seconds = duration.toSeconds();
            return seconds >= 3600
                    ? String.format("%dh%02dm", seconds / 3600, seconds % 3600 / 60)
                    : seconds >= 60
                            ? String.format("%dm%02ds", seconds / 60, seconds % 60)
                            : String.format("%.1fs", duration.toMillis() / 1000.0);
        }
    }
}
