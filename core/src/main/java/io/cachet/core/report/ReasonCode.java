package io.cachet.core.report;

/**
 * Why a verification did not answer VALID. Stable, upper-case codes shown by the CLI, the JSON API and the web
 * pages; their meaning is documented once, in {@code docs/reason-codes.md}. Each code implies a verdict.
 */
public enum ReasonCode {
    // Reading the input.
    NO_CODE_FOUND(Verdict.UNREADABLE, "No seal code was found in the input."),
    INPUT_UNREADABLE(Verdict.UNREADABLE, "The input is not a PDF, an image or seal text that Cachet can read."),
    INPUT_TOO_LARGE(Verdict.UNREADABLE, "The input is larger than the configured limit."),

    // The seal's layers (docs/seal-format.md). A text that does not read as a seal is UNREADABLE, never INVALID: a
    // truncated scan, a scanner typing on the wrong keyboard layout, another QR code or garbage is no forgery, and
    // nothing was verified either way. Only a code that reads and then fails a signature or trust check is INVALID
    // (docs/reason-codes.md, "Could not read is not not authentic").
    CODE_PREFIX_UNKNOWN(
            Verdict.UNREADABLE,
            "The text does not start with the expected versioned prefix: it is not a Cachet code (another QR code,"
                    + " or a misread)."),
    CODE_TOO_LARGE(Verdict.UNREADABLE, "The code is longer than any seal can be (4096 characters)."),
    CODE_BASE45_INVALID(
            Verdict.UNREADABLE,
            "The code is not valid Base45 (RFC 9285): truncated, or mistyped (a scanner set to another keyboard"
                    + " layout)."),
    CODE_ZLIB_INVALID(
            Verdict.UNREADABLE, "The code's compressed layer does not inflate (a truncated or damaged code)."),
    CODE_COSE_MALFORMED(
            Verdict.UNREADABLE, "The code is not a well-formed COSE_Sign1 structure (a truncated or damaged code)."),
    CODE_CLAIMS_MALFORMED(
            Verdict.UNREADABLE,
            "The signed claims are not well-formed for this seal format (a newer format, or an issuer's error): the"
                    + " certificate cannot be read."),
    ALG_NOT_ALLOWED(Verdict.INVALID, "The algorithm is not ES256 in the protected header."),
    UNKNOWN_KEY(Verdict.INVALID, "The key id names no trusted signing key."),
    SIGNER_OFFICE_MISMATCH(
            Verdict.INVALID,
            "The seal names an issuing office other than the one its signing key was certified for: one office's key"
                    + " cannot speak for another."),
    SIGNATURE_INVALID(
            Verdict.INVALID, "The signature does not verify: the data were changed or not signed by this key."),
    SIGNER_NOT_VALID_AT_ISSUE(Verdict.INVALID, "The signing certificate was not valid when the seal was issued."),
    KEY_REVOKED(
            Verdict.INVALID,
            "The signing key was revoked, and nothing outside the seal (a PDF signature timestamp, a registry record) proves the certificate was signed before that."),
    ISSUED_IN_FUTURE(Verdict.INVALID, "The seal's issue time is in the future."),
    EXPIRED(Verdict.EXPIRED, "The certificate is past its expiry date."),

    // The PDF signature.
    PDF_MALFORMED(Verdict.INVALID, "The PDF cannot be parsed strictly; a damaged or crafted file is not trusted."),
    PDF_AMBIGUOUS_STRUCTURE(
            Verdict.INVALID,
            "PDF readers would read the file differently: its cross-reference chain would be repaired, or a scan of"
                    + " its bytes finds objects or sections the chain does not define."),
    PDF_UNSIGNED(
            Verdict.INVALID,
            "The PDF carries no signature but bears marks of a Cachet original (a signature was removed); an unsigned copy without them is verified by its seal instead."),
    PDF_SIGNATURE_FORMAT(
            Verdict.INVALID, "The PDF signature is not in the expected format (PAdES, ETSI.CAdES.detached)."),
    PDF_BYTE_RANGE_INVALID(
            Verdict.INVALID, "The signature's /ByteRange is malformed or does not frame /Contents exactly."),
    PDF_MODIFIED_AFTER_SIGNING(Verdict.INVALID, "The PDF was changed after it was signed."),
    PDF_SIGNATURE_INVALID(Verdict.INVALID, "The PDF signature does not verify over the signed bytes."),
    PDF_SIGNER_UNTRUSTED(Verdict.INVALID, "The PDF is signed by a certificate that is not a trusted Cachet signer."),
    PDF_TIMESTAMP_MISSING(Verdict.INVALID, "The PDF signature carries no signature timestamp (PAdES B-T)."),
    PDF_TIMESTAMP_INVALID(
            Verdict.INVALID,
            "The signature timestamp does not verify, is not from a trusted timestamp authority or does not cover"
                    + " the signature."),
    PDF_SIGNER_NOT_VALID_AT_SIGNING(
            Verdict.INVALID, "The PDF's signing certificate was not valid at the time of the signature timestamp."),
    PDF_LONG_TERM_DATA_MISSING(
            Verdict.UNREADABLE,
            "The PDF's signing certificate or timestamp authority has expired and the file carries no validation data"
                    + " (CRL, document timestamp) proving the signature: it can no longer be checked. Files are kept"
                    + " verifiable with `cachet pdf extend` before their certificates expire."),

    TWODOC_MALFORMED(
            Verdict.UNREADABLE,
            "The text begins like a 2D-Doc but does not read by the ANTS specification (version 04, C40 text):"
                    + " truncated, damaged, or with separators out of place; the detail gives the precise reason."),
    TWODOC_AUTHORITY_UNKNOWN(
            Verdict.INVALID,
            "The 2D-Doc names a certification authority this verifier does not trust (a 2D-Doc of another emitter):"
                    + " its fields are shown, but it is not authentic here."),
    TWODOC_CERTIFICATE_UNKNOWN(
            Verdict.INVALID,
            "The 2D-Doc names a certificate id that no trusted signing certificate of its authority has."),
    TWODOC_SEAL_MISMATCH(
            Verdict.INVALID,
            "The 2D-Doc and the QR seal of the same certificate do not agree (number, holder, dates or signing key),"
                    + " or the 2D-Doc on the PDF is not authentic."),
    SEAL_PDF_MISMATCH(Verdict.INVALID, "The seal in the QR code and the PDF signature come from different keys."),
    UNKNOWN_CERTIFICATE(
            Verdict.INVALID,
            "The seal is authentic but the issuer's registry holds no delivered certificate with its id."),
    REGISTRY_MISMATCH(
            Verdict.INVALID, "The seal or the PDF differs from the one the issuer's registry recorded under this id."),
    CERTIFICATE_REVOKED(Verdict.REVOKED, "The issuer revoked the certificate."),
    CERTIFICATE_SUSPENDED(Verdict.SUSPENDED, "The issuer suspended the certificate; it may be reinstated."),
    CERTIFICATE_SUPERSEDED(Verdict.SUPERSEDED, "The issuer replaced the certificate by a corrected one."),
    NOT_YET_ISSUED(
            Verdict.NOT_YET_ISSUED,
            "The certificate was issued after the status-at date asked: it was not valid on that date."),
    STATUS_AT_UNAVAILABLE(
            Verdict.UNREADABLE,
            "The status at the date asked cannot be told: only the issuer's registry keeps the history of a"
                    + " certificate's status, and this verifier has none for the issuing office (a status list tells"
                    + " only the present status). Ask the issuer's verifier."),
    REGISTRY_UNAVAILABLE(Verdict.UNREADABLE, "The issuer's registry could not be reached, so the status is unknown."),
    STATUS_NOT_CHECKED(
            Verdict.UNREADABLE,
            "The certificate is authentic, but its status (revoked, suspended, replaced) was not checked: this"
                    + " verifier has no registry of the issuing office and no current status list covering the seal."
                    + " Check it online, at the issuer's verifier."),
    SEAL_HIDDEN_CHARACTERS(
            Verdict.UNREADABLE,
            "The seal is authentic, but its names or fields hold invisible, control or direction-changing characters"
                    + " (such as U+202E): what is displayed may differ from what was signed. They are shown written out"
                    + " (<U+202E>); compare with care, or ask the issuer to reissue the certificate."),

    // Budgets (docs/verifier.md, "Verification budget").
    BUDGET_EXCEEDED(
            Verdict.UNREADABLE,
            "The verification needed more time or work than its budget allows (a picture crowded with shapes that"
                    + " look like QR code corners, or a file too slow to check), so it was stopped.");

    private final Verdict verdict;
    private final String description;

    ReasonCode(Verdict verdict, String description) {
        this.verdict = verdict;
        this.description = description;
    }

    /** The verdict this reason leads to. */
    public Verdict verdict() {
        return verdict;
    }

    /** One sentence for people. */
    public String description() {
        return description;
    }
}
