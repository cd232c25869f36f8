package io.cachet.core.twodoc;

/** The separators of a 2D-Doc's C40 text (§3.4.1, §3.5.2). */
final class TwoDocText {
    /** Ends a variable-length value that is neither full nor last. */
    static final char GS = 0x1D;
    /** Ends a truncated value. */
    static final char RS = 0x1E;
    /** Ends the signed data; the signature follows. */
    static final char US = 0x1F;

    private TwoDocText() {}
}
