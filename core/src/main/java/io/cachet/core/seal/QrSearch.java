package io.cachet.core.seal;

import static java.util.Objects.requireNonNull;

/** What a search for a QR code in a picture found: a code, none, or nothing because the search gave up. */
public sealed interface QrSearch {
    /** A code was read; {@code text} is its content. */
    record Found(String text) implements QrSearch {
        public Found {
            requireNonNull(text, "text is null");
        }
    }

    /** Every attempt ran and none read a code. */
    record NotFound() implements QrSearch {}

    /**
     * The search stopped before every attempt had run, so a code may be there unread.
     *
     * @param why what stopped it
     * @param detail one sentence for people: what was exceeded, by how much; never the image's content
     */
    record GaveUp(Why why, String detail) implements QrSearch {
        public GaveUp {
            requireNonNull(why, "why is null");
            requireNonNull(detail, "detail is null");
        }
    }

    /** Why a search gave up. */
    enum Why {
        /** Its deadline passed, or the work was cancelled. */
        OUT_OF_TIME,
        /** The picture holds more finder-pattern look-alikes than a genuine one ({@link QrCodes#MAX_FINDER_CANDIDATES}). */
        TOO_MANY_FINDER_PATTERNS
    }
}
