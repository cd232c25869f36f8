package io.cachet.core.pdf;

import java.io.IOException;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.io.MemoryUsageSetting;
import org.apache.pdfbox.pdmodel.PDDocument;

/** PDFBox's reading of a file under verification, within {@link PdfSignatureVerifier#MAX_DECODED_BYTES}. */
final class LimitedLoader {
    private LimitedLoader() {}

    static PDDocument load(byte[] pdf) throws IOException {
        return Loader.loadPDF(
                pdf,
                "",
                null,
                null,
                MemoryUsageSetting.setupMainMemoryOnly(PdfSignatureVerifier.MAX_DECODED_BYTES).streamCache);
    }
}
