package io.cachet.core.issue;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import io.cachet.core.CachetException;
import io.cachet.core.registry.CertificateId;
import io.cachet.core.registry.CertificateRecord;
import io.cachet.core.registry.Registry;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;

/**
 * Corrects a certificate: issues a new one of the same type from corrected data, and the earlier one becomes
 * SUPERSEDED, pointing to the new one, once the new PDF is delivered (in the same registry transaction). A pending,
 * revoked or already superseded certificate cannot be reissued. Thread-safe when its services are.
 */
public final class Reissuance {
    /**
     * One correction.
     *
     * @param supersedes the certificate to correct
     * @param data the corrected data, of the earlier certificate's type
     * @param fileForId where to write the new PDF, given its new id; an existing file is never overwritten
     * @param actor who reissues (written in the event log)
     */
    public record Request(
            CertificateId supersedes,
            JsonNode data,
            Function<CertificateId, Path> fileForId,
            Locale locale,
            String actor) {
        public Request {
            requireNonNull(supersedes, "supersedes is null");
            requireNonNull(data, "data is null");
            requireNonNull(fileForId, "fileForId is null");
            requireNonNull(locale, "locale is null");
            requireNonNull(actor, "actor is null");
            if (actor.isBlank()) {
                throw new IllegalArgumentException("actor must not be blank");
            }
        }
    }

    /** The new certificate and the one it supersedes, now SUPERSEDED. */
    public record Result(IssuedCertificate issued, CertificateId superseded) {
        public Result {
            requireNonNull(issued, "issued is null");
            requireNonNull(superseded, "superseded is null");
        }
    }

    private final IssuanceService issuance;
    private final Registry registry;

    /** @param registry the registry {@code issuance} records in, where the earlier certificate is found */
    public Reissuance(IssuanceService issuance, Registry registry) {
        this.issuance = requireNonNull(issuance, "issuance is null");
        this.registry = requireNonNull(registry, "registry is null");
    }

    /**
     * Issues the correction of {@code request.supersedes()}. The earlier certificate's status is checked before
     * anything is rendered, and again when the new one is recorded.
     *
     * @throws CachetException {@code NOT_FOUND} for an unknown id; {@code CONFLICT} when the certificate is pending,
     *     revoked or superseded, or the file exists; {@code INVALID_INPUT} listing every problem in the data
     */
    public Result reissue(Request request) {
        requireNonNull(request, "request is null");
        CertificateRecord earlier = registry.get(request.supersedes());
        Registry.requireChangeable(earlier, "reissued");
        IssuedCertificate issued = issuance.issue(
                earlier.type(),
                request.data(),
                request.fileForId(),
                request.locale(),
                new IssueOptions(request.actor(), Optional.empty(), Optional.of(request.supersedes())));
        return new Result(issued, request.supersedes());
    }
}
