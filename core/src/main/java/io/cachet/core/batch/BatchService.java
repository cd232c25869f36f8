package io.cachet.core.batch;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cachet.core.CachetException;
import io.cachet.core.files.SecureFiles;
import io.cachet.core.issue.IssuanceService;
import io.cachet.core.issue.IssueOptions;
import io.cachet.core.registry.CertificateId;
import io.cachet.core.registry.CertificateRecord;
import io.cachet.core.registry.Registry;
import io.cachet.core.registry.RepairReport;
import io.cachet.core.types.CertificateType;
import io.cachet.core.types.DataValidator;
import io.cachet.core.types.TypeCatalog;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Issues many certificates of one type: validate every row first, then issue in parallel what the registry does not
 * already hold for each row's idempotency key, so a rerun after a crash or Ctrl-C issues only what is missing and
 * never twice. Writes {@code manifest.jsonl} in the output folder: one line per row (line, ref, key, id, file).
 */
public final class BatchService {
    public static final String MANIFEST = "manifest.jsonl";
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Told of progress, from the issuing threads. */
    @FunctionalInterface
    public interface Progress {
        void update(int done, int failed, int toIssue);
    }

    /**
     * What to do.
     *
     * @param encoding the input file's encoding; detected when empty ({@link BatchInput})
     */
    public record Request(
            String type,
            Path input,
            Optional<Charset> encoding,
            Path outDir,
            int jobs,
            boolean skipInvalid,
            String actor,
            Locale locale) {
        public Request {
            requireNonNull(type, "type is null");
            requireNonNull(input, "input is null");
            requireNonNull(encoding, "encoding is null");
            requireNonNull(outDir, "outDir is null");
            requireNonNull(actor, "actor is null");
            requireNonNull(locale, "locale is null");
            if (jobs < 1) {
                throw CachetException.usage("--jobs must be at least 1");
            }
        }
    }

    /** What happened. */
    public record Summary(
            int rows,
            int invalid,
            int alreadyIssued,
            int issued,
            List<BatchProblem> failures,
            RepairReport repaired,
            Duration elapsed,
            Path manifest) {
        public Summary {
            failures = List.copyOf(failures);
        }

        /** Certificates issued per second in this run. */
        public double rate() {
            return elapsed.isZero() ? 0 : issued * 1000.0 / elapsed.toMillis();
        }
    }

    private final TypeCatalog catalog;
    private final IssuanceService issuance;
    private final Registry registry;
    private final Clock clock;

    public BatchService(TypeCatalog catalog, IssuanceService issuance, Registry registry, Clock clock) {
        this.catalog = requireNonNull(catalog, "catalog is null");
        this.issuance = requireNonNull(issuance, "issuance is null");
        this.registry = requireNonNull(registry, "registry is null");
        this.clock = requireNonNull(clock, "clock is null");
    }

    /**
     * Reads and validates every row. Every problem (line, field, problem) is reported at once; rows with problems are
     * left out only when {@code skipInvalid}, else nothing is issued.
     *
     * @throws CachetException INVALID_INPUT listing every bad row, unless {@code skipInvalid}
     */
    public Validated validate(String typeId, Path input, Optional<Charset> encoding, boolean skipInvalid) {
        CertificateType type = catalog.get(typeId);
        BatchInput.Parsed parsed = BatchInput.read(input, encoding);
        List<BatchProblem> problems = new ArrayList<>(parsed.problems());
        List<BatchRow> valid = new ArrayList<>();
        Set<String> keys = new HashSet<>();
        for (BatchRow row : parsed.rows()) {
            if (!keys.add(row.key())) {
                problems.add(new BatchProblem(
                        row.line(),
                        row.ref().isPresent() ? "ref" : "-",
                        row.ref().isPresent()
                                ? "ref '" + row.ref().get() + "' appears twice"
                                : "the same data appear twice (add a ref column to issue both)"));
                continue;
            }
            try {
                DataValidator.validate(type, row.data());
                valid.add(row);
            } catch (CachetException e) {
                if (e.kind() != CachetException.Kind.INVALID_INPUT) {
                    throw e;
                }
                if (!e.fieldProblems().isEmpty()) {
                    // Said in English and in the languages of an agent's pages (issuer-ui).
                    e.fieldProblems().forEach(problem -> problems.add(BatchProblem.of(row.line(), problem)));
                    continue;
                }
                List<String> details = e.problems().isEmpty() ? List.of(e.getMessage()) : e.problems();
                for (String detail : details) {
                    int colon = detail.indexOf(": ");
                    problems.add(
                            colon > 0
                                    ? new BatchProblem(
                                            row.line(), detail.substring(0, colon), detail.substring(colon + 2))
                                    : new BatchProblem(row.line(), "-", detail));
                }
            }
        }
        problems.sort((a, b) -> Integer.compare(a.line(), b.line()));
        if (!problems.isEmpty() && !skipInvalid) {
            throw CachetException.invalidInput(
                    problems.size() + " problem(s) in " + input + "; nothing was issued (fix them, or pass"
                            + " --skip-invalid to issue the valid rows):",
                    problems.stream().map(BatchProblem::toString).toList());
        }
        return new Validated(valid, problems, parsed.rows().size() + countUnreadable(parsed));
    }

    private static int countUnreadable(BatchInput.Parsed parsed) {
        return (int)
                parsed.problems().stream().map(BatchProblem::line).distinct().count();
    }

    /** Rows that passed validation, and the problems of the others. */
    public record Validated(List<BatchRow> rows, List<BatchProblem> problems, int total) {
        public Validated {
            rows = List.copyOf(rows);
            problems = List.copyOf(problems);
        }
    }

    /** Validates, repairs what an earlier run of these rows left pending, issues what is missing, writes the manifest. */
    public Summary run(Request request, Progress progress) {
        Instant start = Instant.now();
        Validated validated = validate(request.type(), request.input(), request.encoding(), request.skipInvalid());
        try {
            Files.createDirectories(request.outDir());
        } catch (IOException e) {
            throw CachetException.usage("cannot create " + request.outDir() + ": " + e.getMessage());
        }
        String type = request.type();
        List<String> keys =
                validated.rows().stream().map(row -> scopedKey(type, row)).toList();
        RepairReport repaired = registry.repair(request.actor(), clock.instant(), Set.copyOf(keys));
        List<BatchRow> missing = new ArrayList<>();
        for (BatchRow row : validated.rows()) {
            if (registry.findByIdempotencyKey(scopedKey(type, row)).isEmpty()) {
                missing.add(row);
            }
        }
        int alreadyIssued = validated.rows().size() - missing.size();
        List<BatchProblem> failures = Collections.synchronizedList(new ArrayList<>());
        AtomicInteger done = new AtomicInteger();
        AtomicInteger issued = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(request.jobs(), Math.max(1, missing.size())));
        try {
            for (BatchRow row : missing) {
                pool.execute(() -> {
                    try {
                        issuance.issue(
                                type,
                                row.data(),
                                id -> request.outDir().resolve(fileName(type, row, id)),
                                request.locale(),
                                new IssueOptions(request.actor(), Optional.of(scopedKey(type, row)), Optional.empty()));
                        issued.incrementAndGet();
                    } catch (RuntimeException e) {
                        failures.add(new BatchProblem(row.line(), "-", e.getMessage()));
                    }
                    progress.update(done.incrementAndGet(), failures.size(), missing.size());
                });
            }
        } finally {
            pool.shutdown();
            try {
                while (!pool.awaitTermination(1, TimeUnit.HOURS)) {
                    // keep waiting: every started issuance finishes (or fails) on its own
                }
            } catch (InterruptedException e) {
                pool.shutdownNow();
                Thread.currentThread().interrupt();
            }
        }
        Path manifest = writeManifest(request, validated.rows());
        List<BatchProblem> sortedFailures = new ArrayList<>(failures);
        sortedFailures.sort((a, b) -> Integer.compare(a.line(), b.line()));
        return new Summary(
                validated.total(),
                (int) validated.problems().stream()
                        .map(BatchProblem::line)
                        .distinct()
                        .count(),
                alreadyIssued,
                issued.get(),
                sortedFailures,
                repaired,
                Duration.between(start, Instant.now()),
                manifest);
    }

    /** The registry key of a row: scoped by type, so refs of different types never collide. */
    static String scopedKey(String type, BatchRow row) {
        return type + "/" + row.key();
    }

    private static String fileName(String type, BatchRow row, CertificateId id) {
        String ref = row.ref()
                .map(value -> value.replaceAll("[^A-Za-z0-9._-]", "_") + "-")
                .orElse("");
        return type + "-" + ref + id.value() + ".pdf";
    }

    private Path writeManifest(Request request, List<BatchRow> rows) {
        StringBuilder text = new StringBuilder();
        for (BatchRow row : rows) {
            Optional<CertificateRecord> record = registry.findByIdempotencyKey(scopedKey(request.type(), row));
            ObjectNode line = JSON.createObjectNode();
            line.put("line", row.line());
            line.put("ref", row.ref().orElse(null));
            line.put("key", row.key());
            line.put("id", record.map(r -> r.id().value()).orElse(null));
            line.put("file", record.map(r -> r.file().toString()).orElse(null));
            line.put("status", record.map(r -> r.status().name()).orElse("NOT_ISSUED"));
            text.append(line).append('\n');
        }
        Path manifest = request.outDir().resolve(MANIFEST);
        try {
            SecureFiles.writePublic(manifest, text.toString());
        } catch (IOException e) {
            throw CachetException.internal("cannot write " + manifest + ": " + e.getMessage(), e);
        }
        return manifest;
    }
}
