package io.cachet.core.report;

import static java.util.Objects.requireNonNull;

import java.util.Arrays;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Every check a verification can make: its stable name on the wire (JSON, CLI, page), the group a person reads it
 * under, and the key of its label in the report's texts. {@code docs/verification-report.md} lists them all (a test
 * keeps it so); a new check is added here first.
 */
public enum CheckName {
    INPUT("input", Group.INTEGRITY),

    // The PDF: its syntax and structure, then its signature, then what follows it.
    PDF_SIZE("pdf.size", Group.INTEGRITY),
    PDF_FORMAT("pdf.format", Group.INTEGRITY),
    PDF_STRUCTURE("pdf.structure", Group.INTEGRITY),
    PDF_CERTIFICATION("pdf.certification", Group.INTEGRITY),
    PDF_SIGNATURE_FORMAT("pdf.signature-format", Group.SIGNATURE),
    PDF_BYTE_RANGE("pdf.byte-range", Group.INTEGRITY),
    PDF_COVERAGE("pdf.coverage", Group.INTEGRITY),
    PDF_SIGNER("pdf.signer", Group.ISSUER),
    PDF_SIGNATURE("pdf.signature", Group.SIGNATURE),
    PDF_TIMESTAMP("pdf.timestamp", Group.DATES),
    PDF_SIGNER_VALIDITY("pdf.signer-validity", Group.ISSUER),
    PDF_DOCUMENT_TIMESTAMP("pdf.document-timestamp", Group.DATES),
    PDF_REVISIONS("pdf.revisions", Group.INTEGRITY),
    PDF_VALIDATION_DATA("pdf.validation-data", Group.INTEGRITY),
    PDF_LONG_TERM("pdf.long-term", Group.SIGNATURE),
    PDF_SEAL("pdf.seal", Group.INTEGRITY),
    PDF_SEAL_SIGNER("pdf.seal-signer", Group.ISSUER),
    PDF_COPY("pdf.copy", Group.INTEGRITY),
    REPORT_SIGNER("report.signer", Group.ISSUER),

    // The seal in the QR code.
    SEAL_FORMAT("seal.format", Group.INTEGRITY),
    SEAL_ALGORITHM("seal.algorithm", Group.SIGNATURE),
    SEAL_KEY("seal.key", Group.ISSUER),
    SEAL_SIGNATURE("seal.signature", Group.SIGNATURE),
    SEAL_ISSUER("seal.issuer", Group.ISSUER),
    SEAL_CLAIMS("seal.claims", Group.INTEGRITY),
    SEAL_ISSUED_AT("seal.issued-at", Group.DATES),
    SEAL_KEY_REVOCATION("seal.key-revocation", Group.ISSUER),
    SEAL_SIGNER_VALIDITY("seal.signer-validity", Group.ISSUER),
    SEAL_TEXT("seal.text", Group.INTEGRITY),
    SEAL_EXPIRY("seal.expiry", Group.DATES),

    // The 2D-Doc (docs/2d-doc.md): alone (a code, a photo), or beside the seal on a PDF.
    TWODOC_FORMAT("twodoc.format", Group.INTEGRITY),
    TWODOC_CERTIFICATE("twodoc.certificate", Group.ISSUER),
    TWODOC_SIGNATURE("twodoc.signature", Group.SIGNATURE),
    TWODOC_KEY_REVOCATION("twodoc.key-revocation", Group.ISSUER),
    TWODOC_SIGNED_AT("twodoc.signed-at", Group.DATES),
    TWODOC_EXPIRY("twodoc.expiry", Group.DATES),
    PDF_TWODOC("pdf.twodoc", Group.INTEGRITY),

    // The certificate's status.
    REGISTRY_MATCH("registry.match", Group.STATUS),
    REGISTRY_STATUS("registry.status", Group.STATUS),
    STATUS_LIST_STATUS("status-list.status", Group.STATUS),
    STATUS_AT_ISSUED("status-at.issued", Group.STATUS),
    STATUS_AT_STATUS("status-at.status", Group.STATUS),
    STATUS("status", Group.STATUS);

    /**
     * What a person asks of a certificate, in the order a page shows the groups: is it signed, by whom, is it
     * unchanged, is it still valid, and when.
     */
    public enum Group {
        SIGNATURE,
        ISSUER,
        INTEGRITY,
        STATUS,
        DATES;

        /** The group's key in texts and pages: its name in lower case. */
        public String key() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    private static final Map<String, CheckName> BY_WIRE_NAME =
            Arrays.stream(values()).collect(Collectors.toUnmodifiableMap(CheckName::wireName, Function.identity()));

    private final String wireName;
    private final Group group;

    CheckName(String wireName, Group group) {
        this.wireName = wireName;
        this.group = group;
    }

    /** The stable name in reports: JSON {@code checks[].name}, the CLI and the pages. */
    public String wireName() {
        return wireName;
    }

    public Group group() {
        return group;
    }

    /** The key of the check's label in the report's texts ({@code texts.properties}). */
    public String textKey() {
        return "check." + wireName;
    }

    /**
     * The check of a wire name.
     *
     * @throws IllegalArgumentException for a name no check has
     */
    public static CheckName ofWire(String wireName) {
        requireNonNull(wireName, "wireName is null");
        CheckName name = BY_WIRE_NAME.get(wireName);
        if (name == null) {
            throw new IllegalArgumentException("no check is named '" + wireName + "'");
        }
        return name;
    }

    @Override
    public String toString() {
        return wireName;
    }
}
