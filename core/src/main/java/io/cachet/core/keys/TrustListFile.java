package io.cachet.core.keys;

import io.cachet.core.CachetException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;

/**
 * A signed trust list read from a file and accepted against a pinned root certificate read from another: what
 * every verifier given {@code --trust-list FILE --root ROOT.pem} does ({@code cachet verify}, {@code cachet serve},
 * the standalone web verifier).
 */
public final class TrustListFile {
    private TrustListFile() {}

    /**
     * Reads {@code list} and accepts it only when it is signed by the first certificate in {@code pinnedRoot} (PEM
     * or DER) and not expired at {@code now}.
     *
     * @throws CachetException usage when a file is missing or unreadable, invalid input when the list or the root
     *     is not what it must be (see {@link TrustList#read})
     */
    public static TrustList.Accepted read(Path list, Path pinnedRoot, Instant now) {
        String text;
        try {
            text = Files.readString(list, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw CachetException.usage("trust list not found: " + list);
        } catch (IOException e) {
            throw CachetException.usage("cannot read " + list + ": " + e.getMessage());
        }
        return TrustList.read(text, Pem.readCertificates(pinnedRoot).get(0), now);
    }

    /** One line saying which list is in use, how old it is at {@code now} and when it expires. */
    public static String describe(TrustList.Accepted accepted, Instant now) {
        return "Trust list #" + accepted.sequence() + " issued " + accepted.issuedAt() + " ("
                + accepted.age(now).toHours() + " h old), expires " + accepted.expiresAt();
    }
}
