package io.cachet.core.verify;

import io.cachet.core.pdf.PdfSignatureVerifier;

/** Tells what an uploaded or named file is by its content, never by its name. */
public final class InputSniffer {
    public enum Kind {
        PDF,
        PNG,
        JPEG,
        UNKNOWN
    }

    private InputSniffer() {}

    public static Kind sniff(byte[] bytes) {
        if (bytes.length >= 8 && (bytes[0] & 0xFF) == 0x89 && bytes[1] == 'P' && bytes[2] == 'N' && bytes[3] == 'G') {
            return Kind.PNG;
        }
        if (bytes.length >= 3 && (bytes[0] & 0xFF) == 0xFF && (bytes[1] & 0xFF) == 0xD8 && (bytes[2] & 0xFF) == 0xFF) {
            return Kind.JPEG;
        }
        if (PdfSignatureVerifier.looksLikePdf(bytes)) {
            return Kind.PDF;
        }
        return Kind.UNKNOWN;
    }
}
