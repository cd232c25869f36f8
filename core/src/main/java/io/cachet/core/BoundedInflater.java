package io.cachet.core;

import java.io.ByteArrayOutputStream;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * Inflates one zlib stream (RFC 1950) from untrusted input with a bound on the output: a decompression bomb, a
 * truncated stream, bytes after its end or data that is not zlib each fail with their own message. Used wherever
 * Cachet reads compressed data it did not write itself: seal codes, status lists, PDF cross-reference streams.
 */
public final class BoundedInflater {
    /** Why the data could not be inflated, in words for the caller's error. */
    public static final class Failure extends Exception {
        private static final long serialVersionUID = 1L;

        Failure(String message) {
            super(message);
        }
    }

    private BoundedInflater() {}

    /** The inflated bytes, at most {@code limit} of them. */
    public static byte[] inflate(byte[] data, int limit) throws Failure {
        Inflater inflater = new Inflater();
        try {
            inflater.setInput(data);
            ByteArrayOutputStream out = new ByteArrayOutputStream(Math.min(limit, data.length * 2 + 16));
            byte[] buffer = new byte[8192];
            while (!inflater.finished()) {
                int n = inflater.inflate(buffer);
                if (n == 0 && (inflater.needsInput() || inflater.needsDictionary())) {
                    throw new Failure("the zlib stream is truncated");
                }
                out.write(buffer, 0, n);
                if (out.size() > limit) {
                    throw new Failure("the zlib stream inflates beyond " + limit + " bytes");
                }
            }
            if (inflater.getRemaining() > 0) {
                throw new Failure("bytes follow the end of the zlib stream");
            }
            return out.toByteArray();
        } catch (DataFormatException e) {
            throw new Failure("invalid zlib data: " + e.getMessage());
        } finally {
            inflater.end();
        }
    }
}
