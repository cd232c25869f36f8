package io.cachet.core.crypto;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * SHA-256 (FIPS 180-4), the one digest Cachet uses: file and seal hashes in the registry, the event chain, kids,
 * trust-list and idempotency keys. Hex is lower case, as {@link HexFormat#of()} writes it.
 */
public final class Sha256 {
    private Sha256() {}

    /** The 32-byte digest of {@code bytes}. */
    public static byte[] digest(byte[] bytes) {
        return newDigest().digest(bytes);
    }

    /** The digest of {@code bytes} as 64 lower-case hex characters. */
    public static String hex(byte[] bytes) {
        return HexFormat.of().formatHex(digest(bytes));
    }

    /** A fresh digest for input fed in pieces; finish with {@link #hex(MessageDigest)} or {@code digest()}. */
    public static MessageDigest newDigest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }

    /** Completes {@code digest} and returns its value as lower-case hex. */
    public static String hex(MessageDigest digest) {
        return HexFormat.of().formatHex(digest.digest());
    }
}
