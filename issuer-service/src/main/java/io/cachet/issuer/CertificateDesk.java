package io.cachet.issuer;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import io.cachet.core.CachetException;
import io.cachet.core.crypto.Sha256;
import io.cachet.core.issue.IssuanceService;
import io.cachet.core.issue.IssueOptions;
import io.cachet.core.issue.IssuedCertificate;
import io.cachet.core.issue.Reissuance;
import io.cachet.core.registry.CertificateId;
import io.cachet.core.registry.CertificateRecord;
import io.cachet.core.registry.CertificateStatus;
import io.cachet.core.registry.EventKind;
import io.cachet.core.registry.Registry;
import io.cachet.core.registry.RegistryEvent;
import io.cachet.core.registry.SearchQuery;
import io.javalin.http.ForbiddenResponse;
import io.javalin.http.NotFoundResponse;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * What a verified caller may do with certificates, the same through the API and the pages: issue (once per
 * idempotency key), read what its roles allow, fetch the PDF as issued, search, change a status, reissue. Every act
 * is recorded under the caller's identity.
 */
public final class CertificateDesk {
    /** The outcome of an issuance: a new certificate, or the one an earlier request with the same key issued. */
    public sealed interface Outcome permits Created, Replayed {}

    public record Created(IssuedCertificate certificate) implements Outcome {}

    public record Replayed(CertificateRecord record) implements Outcome {}

    private final IssuanceService issuance;
    private final Reissuance reissuance;
    private final Registry registry;
    private final Path issuedFolder;
    private final Clock clock;

    public CertificateDesk(IssuanceService issuance, Registry registry, Path issuedFolder, Clock clock) {
        this.issuance = requireNonNull(issuance, "issuance is null");
        this.registry = requireNonNull(registry, "registry is null");
        this.reissuance = new Reissuance(issuance, registry);
        this.issuedFolder = requireNonNull(issuedFolder, "issuedFolder is null");
        this.clock = requireNonNull(clock, "clock is null");
    }

    /**
     * Issues a certificate of {@code type} for {@code caller}. With {@code clientKey}, the same request again gets
     * the certificate it issued ({@link Replayed}); another request with that key is refused (CONFLICT).
     */
    public Outcome issue(Identity caller, String type, JsonNode data, Locale locale, Optional<String> clientKey)
            throws IOException {
        String lang = locale.getLanguage();
        Optional<String> key = clientKey.map(value -> IdempotencyKeys.scoped(caller, value));
        Optional<String> requestSha256 = key.map(any -> IdempotencyKeys.requestSha256(type, lang, data));
        if (key.isPresent()) {
            Optional<Registry.IdempotentIssue> earlier = registry.findIdempotentIssue(key.get());
            if (earlier.isPresent()) {
                return replay(earlier.get(), requestSha256.get());
            }
        }
        Files.createDirectories(issuedFolder);
        try {
            return new Created(issuance.issue(
                    type,
                    data,
                    id -> issuedFolder.resolve(id.value() + ".pdf"),
                    locale,
                    new IssueOptions(caller.actor(), key, Optional.empty(), requestSha256)));
        } catch (CachetException e) {
            // Two requests with one key at the same moment: the registry took the first; answer as a repeat.
            Optional<Registry.IdempotentIssue> first = e.kind() == CachetException.Kind.CONFLICT && key.isPresent()
                    ? registry.findIdempotentIssue(key.get())
                    : Optional.empty();
            if (first.isEmpty()) {
                throw e;
            }
            return replay(first.get(), requestSha256.get());
        }
    }

    /**
     * As {@link #issue}, but a repeat that arrives while the first request is still being issued waits for it (up to
     * {@code patience}) instead of being refused: a person who double-clicks gets the one certificate.
     */
    public Outcome issueWaiting(
            Identity caller, String type, JsonNode data, Locale locale, String clientKey, java.time.Duration patience)
            throws IOException {
        long deadline = System.nanoTime() + patience.toNanos();
        while (true) {
            try {
                return issue(caller, type, data, locale, Optional.of(clientKey));
            } catch (CachetException e) {
                Optional<Registry.IdempotentIssue> earlier = e.kind() == CachetException.Kind.CONFLICT
                        ? registry.findIdempotentIssue(IdempotencyKeys.scoped(caller, clientKey))
                        : Optional.empty();
                if (earlier.isEmpty()) {
                    throw e;
                }
                if (earlier.get().record().status() != CertificateStatus.PENDING) {
                    // The first request finished between refusing this one and looking: answer as it now would
                    // (its certificate, or the refusal of another request with the same key), once.
                    return issue(caller, type, data, locale, Optional.of(clientKey));
                }
                if (System.nanoTime() > deadline) {
                    throw e;
                }
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw CachetException.busy("interrupted while waiting for the same request to finish");
            }
        }
    }

    private static Replayed replay(Registry.IdempotentIssue earlier, String requestSha256) {
        CertificateRecord record = earlier.record();
        if (!earlier.requestSha256().equals(Optional.of(requestSha256))) {
            throw CachetException.conflict("this Idempotency-Key was already used for another request (certificate "
                    + record.id() + "): use a new key for a new request");
        }
        if (record.status() == CertificateStatus.PENDING) {
            throw CachetException.conflict("the certificate " + record.id() + " asked for with this Idempotency-Key is"
                    + " still being issued: repeat the request in a moment");
        }
        return new Replayed(record);
    }

    /** A corrected certificate of the same type; the earlier one becomes SUPERSEDED. Needs {@code cachet.manage}. */
    public Reissuance.Result reissue(Identity caller, CertificateId id, JsonNode data, Locale locale)
            throws IOException {
        require(caller, Role.MANAGE);
        Files.createDirectories(issuedFolder);
        return reissuance.reissue(new Reissuance.Request(
                id, data, next -> issuedFolder.resolve(next.value() + ".pdf"), locale, caller.actor()));
    }

    /** Suspends, reinstates or revokes, recorded under the caller. Needs {@code cachet.manage}. */
    public CertificateRecord change(
            Identity caller, CertificateId id, Registry.Change change, Optional<String> reason) {
        require(caller, Role.MANAGE);
        return registry.change(id, change, caller.actor(), reason, clock.instant());
    }

    /**
     * The record of {@code id}, when the caller may read it: {@code cachet.read} and {@code cachet.manage} read
     * every certificate, {@code cachet.issue} only those it issued.
     */
    public CertificateRecord readable(Identity caller, CertificateId id) {
        require(caller, Role.READ, Role.MANAGE, Role.ISSUE);
        CertificateRecord record =
                registry.find(id).orElseThrow(() -> new NotFoundResponse("no certificate has the id " + id.value()));
        if (!caller.has(Role.READ) && !caller.has(Role.MANAGE) && !issuedBy(record, caller)) {
            throw new ForbiddenResponse(
                    "with the role cachet.issue only, a caller reads the certificates it issued; this one it did not");
        }
        return record;
    }

    /** The PDF as issued; a stored file that differs from the one the registry recorded is never served. */
    public byte[] pdf(CertificateRecord record) throws IOException {
        byte[] pdf;
        try {
            pdf = Files.readAllBytes(record.file());
        } catch (NoSuchFileException e) {
            throw CachetException.notFound("the PDF of certificate " + record.id() + " is not stored on this instance"
                    + " (it was written to " + record.file().getFileName() + " in the issued folder of the instance"
                    + " that issued it; several instances share one issued folder: docs/issuer-service.md)");
        }
        if (!Sha256.hex(pdf).equals(record.pdfSha256())) {
            throw CachetException.internal(
                    "the stored PDF of certificate " + record.id() + " differs from the one issued: not served", null);
        }
        return pdf;
    }

    /** The certificates matching {@code query}. Needs {@code cachet.read} or {@code cachet.manage}. */
    public List<CertificateRecord> search(Identity caller, SearchQuery query) {
        require(caller, Role.READ, Role.MANAGE);
        return registry.search(query);
    }

    public List<RegistryEvent> history(CertificateId id) {
        return registry.history(id);
    }

    private boolean issuedBy(CertificateRecord record, Identity caller) {
        String subject = "oidc:" + caller.subject();
        return registry.history(record.id()).stream()
                .filter(event -> event.kind() == EventKind.ISSUED)
                .anyMatch(
                        event -> event.actor().equals(subject) || event.actor().startsWith(subject + " ("));
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
