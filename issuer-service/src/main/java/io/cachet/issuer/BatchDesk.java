package io.cachet.issuer;

import static java.util.Objects.requireNonNull;

import io.cachet.core.CachetException;
import io.cachet.core.batch.BatchInput;
import io.cachet.core.batch.BatchProblem;
import io.cachet.core.batch.BatchService;
import io.cachet.core.registry.CertificateId;
import io.cachet.core.registry.CertificateRecord;
import io.cachet.core.registry.Registry;
import io.cachet.core.types.TypeCatalog;
import io.javalin.http.ForbiddenResponse;
import io.javalin.http.NotFoundResponse;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * What a verified caller may do with batches, the same through the API and the pages: send one to run at once (the
 * API), or have every row checked first and start it only when its agent says so (the pages); read how far it went;
 * take its PDFs and manifest as a zip. Uploads are kept only until their batch finishes, and a checked batch nobody
 * starts is forgotten after {@link #UNSTARTED_LIFETIME}.
 */
public final class BatchDesk {
    /** The largest batch input: about 10,000 rows of a few hundred bytes each. */
    public static final int MAX_INPUT_BYTES = 10 * 1024 * 1024;
    /** How long a checked upload waits for its agent to start it before it is discarded. */
    public static final Duration UNSTARTED_LIFETIME = Duration.ofHours(1);

    private static final Set<String> LANGUAGES = Set.of("fr", "en");
    private static final Set<String> JSON_LINES_TYPES =
            Set.of("application/jsonl", "application/x-ndjson", "application/x-jsonlines", "application/json");

    private final TypeCatalog catalog;
    private final BatchService batches;
    private final BatchStore store;
    private final BatchRunner runner;
    private final Registry registry;
    private final CertificateDesk certificates;

    BatchDesk(
            TypeCatalog catalog,
            BatchService batches,
            BatchStore store,
            BatchRunner runner,
            Registry registry,
            CertificateDesk certificates) {
        this.catalog = requireNonNull(catalog, "catalog is null");
        this.batches = requireNonNull(batches, "batches is null");
        this.store = requireNonNull(store, "store is null");
        this.runner = requireNonNull(runner, "runner is null");
        this.registry = requireNonNull(registry, "registry is null");
        this.certificates = requireNonNull(certificates, "certificates is null");
    }

    /** The API's way: the batch is read (not validated) here, queued, and validated then issued in the background. */
    BatchRecord submit(
            Identity caller, String type, boolean skipInvalid, String lang, String contentType, byte[] input) {
        require(caller, Role.ISSUE);
        catalog.get(type); // an unknown type is a USAGE error naming the known ones
        String inputName = "input." + format(Optional.empty(), contentType, input);
        BatchRecord batch = BatchRecord.accepted(
                UUID.randomUUID().toString(), type, inputName, skipInvalid, language(lang), caller);
        store.create(batch, input);
        try {
            BatchInput.read(store.input(batch));
        } catch (CachetException e) {
            store.discard(batch);
            throw unreadable(batch, e, "the request body");
        }
        runner.submit(batch);
        return batch;
    }

    /**
     * The pages' way: keeps the upload and checks every row of it now, issuing nothing; the batch is CHECKED, with
     * every problem (line, field, problem), until its agent {@link #start starts} or {@link #cancel cancels} it.
     *
     * @param fileName the name the agent's file had, whose extension ({@code .csv}, {@code .jsonl}) tells the format
     * @throws CachetException USAGE for an unknown type or an empty file, INVALID_INPUT for a file that is not CSV
     *     or JSON Lines text or cannot be read as one
     */
    public BatchRecord check(
            Identity caller, String type, Locale locale, Optional<String> fileName, String contentType, byte[] input) {
        require(caller, Role.ISSUE);
        catalog.get(type);
        if (input.length > MAX_INPUT_BYTES) {
            throw CachetException.usage("a batch is at most " + MAX_INPUT_BYTES / (1024 * 1024) + " MB; split it");
        }
        String inputName = "input." + format(fileName, contentType, input);
        BatchRecord accepted = BatchRecord.accepted(
                UUID.randomUUID().toString(), type, inputName, false, language(locale.getLanguage()), caller);
        store.create(accepted, input);
        BatchService.Validated validated;
        try {
            validated = batches.validate(type, store.input(accepted), Optional.empty(), true);
        } catch (CachetException e) {
            store.discard(accepted);
            throw unreadable(accepted, e, fileName.orElse("the file"));
        } catch (RuntimeException e) {
            store.discard(accepted);
            throw e;
        }
        int invalid = (int)
                validated.problems().stream().map(BatchProblem::line).distinct().count();
        BatchRecord checked = BatchRecord.checked(
                accepted.id(),
                type,
                inputName,
                accepted.lang(),
                caller,
                validated.total(),
                invalid,
                validated.problems());
        store.save(checked);
        return checked;
    }

    /**
     * Starts a CHECKED batch of the caller's: every row when none has a problem, else the valid ones only when
     * {@code skipInvalid}. Starting it again (a double click) changes nothing.
     *
     * @throws CachetException CONFLICT when rows have problems and the caller did not choose to skip them, or when
     *     no row is valid
     */
    public BatchRecord start(Identity caller, String id, boolean skipInvalid) {
        BatchRecord batch = own(caller, id);
        if (batch.state() != BatchRecord.State.CHECKED) {
            return batch;
        }
        if (batch.valid() == 0) {
            throw CachetException.conflict("no row of this batch is valid: nothing to issue");
        }
        if (batch.invalid() > 0 && !skipInvalid) {
            throw CachetException.conflict(batch.invalid() + " row(s) have problems: issue the valid rows only, or"
                    + " send a corrected file");
        }
        Optional<BatchRecord> started = store.startIfChecked(id, skipInvalid);
        started.ifPresent(runner::submit);
        return started.orElseGet(() -> readable(caller, id));
    }

    /** Forgets a CHECKED batch of the caller's and its upload; nothing was issued. A batch started is not cancelled. */
    public void cancel(Identity caller, String id) {
        BatchRecord batch = own(caller, id);
        if (!store.discardIfChecked(batch.id())) {
            throw CachetException.conflict("this batch has started; it cannot be cancelled");
        }
    }

    /**
     * A batch, when the caller may read it: {@code cachet.read} and {@code cachet.manage} read every batch, {@code
     * cachet.issue} only those it started.
     */
    public BatchRecord readable(Identity caller, String id) {
        require(caller, Role.ISSUE, Role.MANAGE, Role.READ);
        BatchRecord batch = store.find(id).orElseThrow(() -> new NotFoundResponse("no batch has the id " + id));
        if (!caller.has(Role.MANAGE)
                && !caller.has(Role.READ)
                && !batch.subject().equals(caller.subject())) {
            throw new ForbiddenResponse(
                    "with the role cachet.issue only, a caller reads the batches it started; this one it did not");
        }
        return batch;
    }

    /** A batch's results, checked and ready to be written as a zip. */
    @FunctionalInterface
    public interface Results {
        void writeZip(OutputStream out) throws IOException;
    }

    /**
     * A finished batch's results: each certificate's PDF as issued (checked against the registry's digest when
     * written) and core's {@code manifest.jsonl}, as a zip. Who may read the batch may take them. Everything that
     * can be checked is checked here, before a byte is written.
     *
     * @throws CachetException CONFLICT while the batch is not finished, NOT_FOUND when a PDF is not on this instance
     */
    public Results results(Identity caller, String id) {
        BatchRecord batch = readable(caller, id);
        if (!batch.state().finished()) {
            throw CachetException.conflict("this batch is not finished; its results are ready when it is");
        }
        List<CertificateRecord> records = new ArrayList<>();
        for (BatchRecord.Certificate certificate : batch.certificates()) {
            CertificateRecord record = registry.find(new CertificateId(certificate.id()))
                    .orElseThrow(() -> CachetException.notFound(
                            "certificate " + certificate.id() + " of this batch is not in the registry"));
            if (!Files.isRegularFile(record.file())) {
                throw CachetException.notFound("the PDF of certificate " + record.id() + " is not stored on this"
                        + " instance (docs/issuer-service.md: several instances share one issued folder)");
            }
            records.add(record);
        }
        Path manifest = store.folder(batch.id()).resolve(BatchService.MANIFEST);
        return out -> {
            ZipOutputStream zip = new ZipOutputStream(out);
            Set<String> names = new HashSet<>();
            for (CertificateRecord record : records) {
                String name = record.file().getFileName().toString();
                zip.putNextEntry(
                        new ZipEntry(names.add(name) ? name : record.id().value() + ".pdf"));
                zip.write(certificates.pdf(record));
                zip.closeEntry();
            }
            if (Files.isRegularFile(manifest)) {
                zip.putNextEntry(new ZipEntry(BatchService.MANIFEST));
                Files.copy(manifest, zip);
                zip.closeEntry();
            }
            zip.finish();
        };
    }

    /** The caller's own batch: only the agent who uploaded it starts or cancels it. */
    private BatchRecord own(Identity caller, String id) {
        require(caller, Role.ISSUE);
        BatchRecord batch = store.find(id).orElseThrow(() -> new NotFoundResponse("no batch has the id " + id));
        if (!batch.subject().equals(caller.subject())) {
            throw new ForbiddenResponse("only the agent who sent a batch starts or cancels it");
        }
        return batch;
    }

    /**
     * {@code csv} or {@code jsonl}: by the file name's extension, else by the Content-Type when it names one, else by
     * the first character (a JSON line opens with {@code {}). Text only: a file with a NUL byte is neither.
     */
    static String format(Optional<String> fileName, String contentType, byte[] input) {
        for (byte b : input) {
            if (b == 0) {
                throw CachetException.invalidInput(
                        "the file is neither CSV nor JSON Lines text (it holds binary data)");
            }
        }
        if (blank(input)) {
            throw CachetException.usage("the batch is empty: send a CSV file or JSON Lines");
        }
        String extension = fileName.map(name -> name.toLowerCase(Locale.ROOT))
                .map(name -> name.substring(name.lastIndexOf('.') + 1))
                .orElse("");
        if (extension.equals("csv")) {
            return "csv";
        }
        if (extension.equals("jsonl") || extension.equals("ndjson")) {
            return "jsonl";
        }
        String media =
                contentType == null ? "" : contentType.split(";")[0].strip().toLowerCase(Locale.ROOT);
        if (media.equals("text/csv")) {
            return "csv";
        }
        if (JSON_LINES_TYPES.contains(media)) {
            return "jsonl";
        }
        int start = input.length >= 3 && (input[0] & 0xFF) == 0xEF && (input[1] & 0xFF) == 0xBB ? 3 : 0;
        for (int i = start; i < input.length; i++) {
            if (!Character.isWhitespace(input[i])) {
                return input[i] == '{' ? "jsonl" : "csv";
            }
        }
        throw CachetException.usage("the batch is empty: send a CSV file or JSON Lines");
    }

    private static boolean blank(byte[] input) {
        int start = input.length >= 3 && (input[0] & 0xFF) == 0xEF && (input[1] & 0xFF) == 0xBB ? 3 : 0;
        for (int i = start; i < input.length; i++) {
            if (!Character.isWhitespace(input[i])) {
                return false;
            }
        }
        return true;
    }

    /** Core names the file it read: the caller knows it by another name, not as a path of this server. */
    private CachetException unreadable(BatchRecord batch, CachetException e, String knownAs) {
        if (e.kind() != CachetException.Kind.INVALID_INPUT) {
            return e;
        }
        return CachetException.invalidInput("the file cannot be read as "
                + batch.inputName().substring("input.".length()) + ": "
                + e.getMessage().replace(store.input(batch).toString(), knownAs));
    }

    private static String language(String lang) {
        if (!LANGUAGES.contains(lang)) {
            throw CachetException.usage("lang must be fr or en, was " + lang);
        }
        return lang;
    }

    private static void require(Identity caller, Role... roles) {
        for (Role role : roles) {
            if (caller.has(role)) {
                return;
            }
        }
        throw new ForbiddenResponse("this needs the role "
                + String.join(
                        " or ",
                        java.util.Arrays.stream(roles).map(Role::claimValue).toList()));
    }
}
