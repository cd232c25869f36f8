package io.cachet.issuer;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.cachet.core.CachetException;
import io.cachet.core.files.SecureFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The batches kept in the home: {@code <folder>/<id>/state.json} (a {@link BatchRecord}), the uploaded input while
 * the batch is not finished, and the PDFs and {@code manifest.jsonl} that core's {@code BatchService} writes. Every
 * folder and file is the owner's only (0700 / 0600).
 */
final class BatchStore {
    private static final Pattern ID = Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
    private static final String STATE = "state.json";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path folder;

    BatchStore(Path folder) {
        this.folder = requireNonNull(folder, "folder is null");
    }

    static boolean isWellFormed(String id) {
        return ID.matcher(id).matches();
    }

    Path folder(String id) {
        if (!isWellFormed(id)) {
            throw new IllegalArgumentException("not a batch id");
        }
        return folder.resolve(id);
    }

    Path input(BatchRecord batch) {
        return folder(batch.id()).resolve(batch.inputName());
    }

    /** Keeps a new batch's input and its first state. */
    void create(BatchRecord batch, byte[] input) {
        try {
            SecureFiles.createPrivateDirectory(folder(batch.id()));
            SecureFiles.writeSecret(input(batch), input);
        } catch (IOException e) {
            throw CachetException.internal("cannot keep the batch's input: " + e.getMessage(), e);
        }
        save(batch);
    }

    synchronized void save(BatchRecord batch) {
        try {
            SecureFiles.writeSecret(folder(batch.id()).resolve(STATE), JSON.writeValueAsBytes(batch));
        } catch (IOException e) {
            throw CachetException.internal("cannot write the state of batch " + batch.id() + ": " + e.getMessage(), e);
        }
    }

    synchronized Optional<BatchRecord> find(String id) {
        if (!isWellFormed(id)) {
            return Optional.empty();
        }
        try {
            return Optional.of(JSON.readValue(folder(id).resolve(STATE).toFile(), BatchRecord.class));
        } catch (NoSuchFileException | java.io.FileNotFoundException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw CachetException.internal("cannot read the state of batch " + id + ": " + e.getMessage(), e);
        }
    }

    /** The batches a stopped service left running (a CHECKED batch waits for its agent: it is not one of them). */
    List<BatchRecord> unfinished() {
        return all().stream().filter(batch -> batch.state().resumable()).toList();
    }

    /**
     * Starts {@code id} if it is still CHECKED (once: a second click, or a start racing an expiry, finds it started or
     * gone).
     */
    synchronized Optional<BatchRecord> startIfChecked(String id, boolean skipInvalid) {
        Optional<BatchRecord> found = find(id).filter(batch -> batch.state() == BatchRecord.State.CHECKED);
        found.map(batch -> batch.started(skipInvalid)).ifPresent(this::save);
        return found.map(batch -> batch.started(skipInvalid));
    }

    /** Forgets {@code id} and its upload if it is still CHECKED; whether it was. */
    synchronized boolean discardIfChecked(String id) {
        Optional<BatchRecord> found = find(id).filter(batch -> batch.state() == BatchRecord.State.CHECKED);
        found.ifPresent(this::discard);
        return found.isPresent();
    }

    /**
     * Forgets every CHECKED batch checked before {@code cutoff} (by its state file's time) with its upload: an upload
     * its agent neither started nor cancelled is not kept. How many.
     */
    synchronized int discardCheckedBefore(Instant cutoff) {
        int discarded = 0;
        for (BatchRecord batch : all()) {
            if (batch.state() != BatchRecord.State.CHECKED) {
                continue;
            }
            try {
                Instant checkedAt = Files.getLastModifiedTime(folder(batch.id()).resolve(STATE))
                        .toInstant();
                if (checkedAt.isBefore(cutoff)) {
                    discard(batch);
                    discarded++;
                }
            } catch (NoSuchFileException e) {
                // cancelled or started meanwhile
            } catch (IOException e) {
                throw CachetException.internal(
                        "cannot read the time of batch " + batch.id() + ": " + e.getMessage(), e);
            }
        }
        return discarded;
    }

    private List<BatchRecord> all() {
        List<BatchRecord> found = new ArrayList<>();
        if (!Files.isDirectory(folder)) {
            return found;
        }
        try (Stream<Path> entries = Files.list(folder)) {
            entries.map(path -> path.getFileName().toString())
                    .map(this::find)
                    .flatMap(Optional::stream)
                    .forEach(found::add);
        } catch (IOException e) {
            throw CachetException.internal("cannot list the batches in " + folder + ": " + e.getMessage(), e);
        }
        return found;
    }

    /** Forgets a batch refused before it started: its folder holds only the input and the first state. */
    synchronized void discard(BatchRecord batch) {
        try {
            deleteInput(batch);
            Files.deleteIfExists(folder(batch.id()).resolve(STATE));
            Files.deleteIfExists(folder(batch.id()));
        } catch (IOException e) {
            throw CachetException.internal("cannot delete batch " + batch.id() + ": " + e.getMessage(), e);
        }
    }

    /** Uploads are never kept beyond their batch. */
    void deleteInput(BatchRecord batch) {
        try {
            Files.deleteIfExists(input(batch));
        } catch (IOException e) {
            throw CachetException.internal("cannot delete the input of batch " + batch.id() + ": " + e.getMessage(), e);
        }
    }
}
