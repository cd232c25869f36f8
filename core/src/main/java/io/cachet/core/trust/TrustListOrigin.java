package io.cachet.core.trust;

import static java.util.Objects.requireNonNull;

import io.cachet.core.crypto.Sha256;
import io.cachet.core.keys.TrustList;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Optional;

/** A signed trust list read from a file or an address, accepted only against the pinned root. */
final class TrustListOrigin implements TrustOrigin {
    private final String location;
    private final TrustListBytes.Reader reader;
    private final X509Certificate pinnedRoot;

    TrustListOrigin(String location, TrustListBytes.Reader reader, X509Certificate pinnedRoot) {
        this.location = requireNonNull(location, "location is null");
        this.reader = requireNonNull(reader, "reader is null");
        this.pinnedRoot = requireNonNull(pinnedRoot, "pinnedRoot is null");
    }

    @Override
    public String describe() {
        return "the trust list " + location;
    }

    @Override
    public TrustMaterial read(Instant now) {
        byte[] bytes = reader.read();
        TrustList.Accepted accepted = TrustList.read(new String(bytes, StandardCharsets.UTF_8), pinnedRoot, now);
        return new TrustMaterial(Sha256.hex(bytes), accepted.trust(), Optional.of(accepted));
    }
}
