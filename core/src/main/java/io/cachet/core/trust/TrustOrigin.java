package io.cachet.core.trust;

import io.cachet.core.CachetException;
import java.net.URI;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Instant;

/**
 * Where a verifier's trust material is read from, again at each reload: a trust folder ({@code root.pem},
 * {@code signers/*.pem}, {@code tsa/*.pem}, {@code revocations.json}), or a signed trust list in a file or at an
 * {@code http(s)} address, accepted only against a root certificate pinned when the verifier started.
 */
public interface TrustOrigin {
    /** Where the material is read from, for messages and {@code /health}. */
    String describe();

    /**
     * Reads and checks the material as it is now.
     *
     * @throws CachetException when it cannot be read, or is not acceptable (a list not signed by the pinned root,
     *     altered or expired at {@code now}; a folder without its root)
     */
    TrustMaterial read(Instant now);

    /** A trust folder as {@code cachet init} writes it, with the key revocations published in it. */
    static TrustOrigin folder(Path directory) {
        return new TrustFolder(directory);
    }

    /** A signed trust list in {@code file} ({@code cachet trust-list export}), checked against {@code pinnedRoot}. */
    static TrustOrigin listFile(Path file, X509Certificate pinnedRoot) {
        return new TrustListOrigin(file.toString(), () -> TrustListBytes.readFile(file), pinnedRoot);
    }

    /**
     * A signed trust list served at {@code url} ({@code http} or {@code https}; redirects not followed), checked
     * against {@code pinnedRoot}. Each read is one bounded request ({@link TrustListBytes}).
     *
     * @throws CachetException (configuration) for an address that is not an absolute http(s) URL
     */
    static TrustOrigin listUrl(String url, X509Certificate pinnedRoot) {
        URI uri = TrustListBytes.parseUrl(url);
        TrustListBytes.Fetcher fetcher = new TrustListBytes.Fetcher(uri);
        return new TrustListOrigin(uri.toString(), fetcher::fetch, pinnedRoot);
    }
}
