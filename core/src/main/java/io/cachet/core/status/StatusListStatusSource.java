package io.cachet.core.status;

import static java.util.Objects.requireNonNull;

import io.cachet.core.CachetException;
import io.cachet.core.keys.OfficeCertificates;
import io.cachet.core.keys.TrustStore;
import io.cachet.core.seal.SealClaims;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The status of certificates read from an office's signed status list (IETF Token Status List, CWT form), for a
 * verifier that has no registry of the issuing office: the standalone web verifier, {@code cachet verify} with trust
 * material only.
 *
 * <p>The list is read from a file or fetched from an {@code http(s)} address, verified against the trust material
 * ({@link StatusListReader#read(byte[], TrustStore, Instant)}: signed by a trusted document-signing key under the
 * pinned root), kept, and read again once its {@code ttl} has passed (§5.2 of draft-ietf-oauth-status-list), at
 * the latest at its expiry. A list past its expiry is never used: the status is then not checked. A failed read is
 * tried again after {@link #RETRY_AFTER_FAILURE}, not on every verification; meanwhile a list still within its
 * expiry keeps answering.
 *
 * <p>A seal is answered only by the list its status reference names ({@code sub} equal to the reference's
 * {@code uri}): a list of another office, or of another URI, says nothing about it. Thread-safe.
 */
public final class StatusListStatusSource {
    /** The largest token read (a list of a million entries at 2 bits is 250 KB before compression). */
    public static final int MAX_TOKEN_BYTES = 4 * 1024 * 1024;
    /** How long after a failed read the list is not read again. */
    public static final Duration RETRY_AFTER_FAILURE = Duration.ofSeconds(30);

    private static final Duration HTTP_TIMEOUT = Duration.ofSeconds(10);

    /** What the list says about one certificate, or why it says nothing. */
    public sealed interface Answer {
        /** Status 0: valid. */
        record Valid(String source) implements Answer {}

        /** Status 1 (INVALID): revoked, replaced or never delivered. */
        record Revoked(String source) implements Answer {}

        /** Status 2: suspended. */
        record Suspended(String source) implements Answer {}

        /** The list could not answer: {@code why} says what is missing. */
        record NotChecked(String why) implements Answer {}
    }

    private final String location;
    private final TokenReader reader;
    private final Supplier<TrustStore> trust;
    private final Clock clock;
    private StatusListReader.StatusList current;
    private Optional<String> currentOffice = Optional.empty();
    private Instant nextRead = Instant.MIN;
    private String lastProblem = "the status list was not read yet";

    @FunctionalInterface
    private interface TokenReader {
        byte[] read() throws IOException;
    }

    private StatusListStatusSource(String location, TokenReader reader, Supplier<TrustStore> trust, Clock clock) {
        this.location = location;
        this.reader = reader;
        this.trust = requireNonNull(trust, "trust is null");
        this.clock = requireNonNull(clock, "clock is null");
    }

    /** The list in {@code file}, read again when due (a file replaced by the office's publishing job is picked up). */
    public static StatusListStatusSource file(Path file, TrustStore trust, Clock clock) {
        requireNonNull(trust, "trust is null");
        return file(file, () -> trust, clock);
    }

    /** As {@link #file(Path, TrustStore, Clock)}, verified against the trust in use at each read (reloadable). */
    public static StatusListStatusSource file(Path file, Supplier<TrustStore> trust, Clock clock) {
        requireNonNull(file, "file is null");
        return new StatusListStatusSource(file.toString(), () -> readFile(file), trust, clock);
    }

    /**
     * The list served at {@code url} ({@code http} or {@code https}; redirects are not followed).
     *
     * @throws CachetException (configuration) for an address that is not an absolute http(s) URL
     */
    public static StatusListStatusSource url(String url, TrustStore trust, Clock clock) {
        requireNonNull(trust, "trust is null");
        return url(url, () -> trust, clock);
    }

    /** As {@link #url(String, TrustStore, Clock)}, verified against the trust in use at each read (reloadable). */
    public static StatusListStatusSource url(String url, Supplier<TrustStore> trust, Clock clock) {
        URI uri = parseUrl(url);
        HttpClient client = HttpClient.newBuilder()
                .connectTimeout(HTTP_TIMEOUT)
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
        return new StatusListStatusSource(uri.toString(), () -> fetch(client, uri), trust, clock);
    }

    /** Where the list is read from (a file or an address), for messages. */
    public String location() {
        return location;
    }

    /**
     * What the list says about the certificate of office {@code issuerOffice} at {@code reference}, at the clock's
     * current time. Only a list signed with a key of that very office answers ({@link OfficeCertificates}): another
     * office's key cannot speak for it.
     */
    public synchronized Answer status(SealClaims.StatusReference reference, String issuerOffice) {
        requireNonNull(reference, "reference is null");
        requireNonNull(issuerOffice, "issuerOffice is null");
        Instant now = clock.instant();
        if ((current == null || !now.isBefore(current.refreshAt())) && !now.isBefore(nextRead)) {
            readList(now);
        }
        if (current == null) {
            return new Answer.NotChecked("no status list could be read from " + location + ": " + lastProblem);
        }
        if (!now.isBefore(current.expiresAt())) {
            return new Answer.NotChecked("the status list from " + location + " expired at " + current.expiresAt()
                    + " and no newer one could be read (" + lastProblem + ")");
        }
        if (!currentOffice.equals(Optional.of(issuerOffice))) {
            return new Answer.NotChecked("the status list from " + location + " is signed with a key of "
                    + currentOffice.map(office -> "office " + office).orElse("no office") + ", not of office "
                    + issuerOffice + " that issued the certificate");
        }
        if (!current.uri().equals(reference.uri())) {
            return new Answer.NotChecked("the seal refers to the status list " + reference.uri()
                    + ", not to the one configured here (" + current.uri() + ")");
        }
        if (reference.index() >= current.size()) {
            return new Answer.NotChecked("the seal's index " + reference.index() + " lies outside the status list of "
                    + current.size() + " entries");
        }
        String source = "the status list " + current.uri() + " issued at " + current.issuedAt();
        int value = current.status(reference.index());
        return switch (value) {
            case 0 -> new Answer.Valid(source);
            case 1 -> new Answer.Revoked(source);
            case 2 -> new Answer.Suspended(source);
            default -> new Answer.NotChecked(source + " gives the status value " + value + ", which has no meaning");
        };
    }

    private void readList(Instant now) {
        try {
            StatusListReader.Verified verified = StatusListReader.readVerified(reader.read(), trust.get(), now);
            StatusListReader.StatusList list = verified.list();
            if (!now.isBefore(list.expiresAt())) {
                fail(now, "the list read expired at " + list.expiresAt());
                return;
            }
            if (current != null && list.issuedAt().isBefore(current.issuedAt())) {
                // An older list than the one kept (a stale mirror or a replayed file) never replaces it.
                fail(now, "the list read was issued at " + list.issuedAt() + ", before the one already read");
                return;
            }
            current = list;
            currentOffice = OfficeCertificates.officeOf(verified.signer());
            lastProblem = "";
        } catch (IOException e) {
            fail(now, "cannot read it: " + e.getMessage());
        } catch (CachetException e) {
            fail(now, e.getMessage());
        }
    }

    private void fail(Instant now, String problem) {
        lastProblem = problem;
        nextRead = now.plus(RETRY_AFTER_FAILURE);
    }

    private static URI parseUrl(String url) {
        try {
            URI uri = new URI(requireNonNull(url, "url is null").strip());
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null) {
                throw CachetException.configuration(
                        "the status list address must be an http:// or https:// URL, was '" + url + "'");
            }
            return uri;
        } catch (java.net.URISyntaxException e) {
            throw CachetException.configuration(
                    "the status list address '" + url + "' is not a URL: " + e.getMessage());
        }
    }

    private static byte[] readFile(Path file) throws IOException {
        try {
            if (Files.size(file) > MAX_TOKEN_BYTES) {
                throw new IOException(file + " is larger than " + MAX_TOKEN_BYTES + " bytes");
            }
            return Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new IOException("no file " + file, e);
        }
    }

    private static byte[] fetch(HttpClient client, URI uri) throws IOException {
        HttpRequest request = HttpRequest.newBuilder(uri)
                .timeout(HTTP_TIMEOUT)
                .header("Accept", StatusListService.MEDIA_TYPE)
                .GET()
                .build();
        try {
            HttpResponse<InputStream> response = client.send(request, HttpResponse.BodyHandlers.ofInputStream());
            try (InputStream body = response.body()) {
                if (response.statusCode() != 200) {
                    throw new IOException(uri + " answered HTTP " + response.statusCode());
                }
                byte[] bytes = body.readNBytes(MAX_TOKEN_BYTES + 1);
                if (bytes.length > MAX_TOKEN_BYTES) {
                    throw new IOException(uri + " sent more than " + MAX_TOKEN_BYTES + " bytes");
                }
                return bytes;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while fetching " + uri, e);
        }
    }

    /**
     * The issuer's site, where a person can check a status online: the origin ({@code https://host/}) of the status
     * list address the seal names, when it is an {@code http(s)} URL. The seal is authentic, so the address is the
     * issuer's own.
     */
    public static Optional<String> verifierOf(SealClaims.StatusReference reference) {
        try {
            URI uri = new URI(reference.uri());
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if ((scheme.equals("http") || scheme.equals("https")) && uri.getHost() != null) {
                return Optional.of(
                        scheme + "://" + uri.getHost() + (uri.getPort() == -1 ? "" : ":" + uri.getPort()) + "/");
            }
            return Optional.empty();
        } catch (java.net.URISyntaxException e) {
            return Optional.empty();
        }
    }
}
