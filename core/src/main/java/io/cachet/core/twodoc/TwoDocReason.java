package io.cachet.core.twodoc;

/**
 * Why a 2D-Doc text was refused, one constant per rule of the ANTS specification "Spécifications techniques des codes
 * à barres 2D-Doc" (v3.2.6, version 04 C40 format) that the text broke. docs/2d-doc.md documents each one.
 */
public enum TwoDocReason {
    /** The text does not begin with the marker {@code DC} (§3.3.3). */
    NOT_A_2D_DOC,
    /** The text is longer than any DataMatrix can hold (3,116 characters): not read further. */
    TOO_LONG,
    /** A version other than {@code 04}: versions 01 to 03 are not read, binary 2D-Docs neither (§3.3). */
    UNSUPPORTED_VERSION,
    /** The 26-character header is shorter than 26 characters or a header field breaks its shape (§3.3.3). */
    MALFORMED_HEADER,
    /** A date in the header or in a field is not a date: bad hexadecimal, bad {@code JJMMAAAA}, impossible day. */
    BAD_DATE,
    /** The message zone names a data identifier that §7 of the specification does not define (§3.4.4). */
    UNKNOWN_IDENTIFIER,
    /** A value uses a character its identifier does not allow (§7), or a control character where none may be. */
    INVALID_CHARACTER,
    /** A value is shorter than its identifier's minimum length (§7). */
    FIELD_TOO_SHORT,
    /** A variable value runs past its identifier's maximum length: typically a missing {@code <GS>} (§3.4.1). */
    FIELD_TOO_LONG,
    /** A separator where the rules of §3.4.1 put none: after a fixed-length value, after a full value, doubled. */
    NON_CANONICAL_SEPARATOR,
    /** A fixed-length value was marked truncated ({@code <RS>}), which §3.4.1 forbids. */
    TRUNCATED_FIXED_FIELD,
    /** The text ends before the signature: no {@code <US>}, or a value cut short by the end of the text. */
    TRUNCATED,
    /** The signature is not unpadded RFC 4648 Base32 of 64 bytes (ECDSA P-256, §3.5.2). */
    BAD_SIGNATURE_ENCODING,
    /** The annex after the signature breaks the rules of §3.6. */
    MALFORMED_ANNEX,
    /** The signature does not verify with the certificate's public key: the signed text was changed. */
    SIGNATURE_INVALID,
    /** The header names another certification authority or certificate than the one given to verify with. */
    CERTIFICATE_MISMATCH,
    /** The certificate's key is not an ECDSA P-256 key. */
    UNSUPPORTED_KEY
}
