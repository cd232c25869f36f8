package io.cachet.core.pdf;

import io.cachet.core.seal.QrCodes;
import io.cachet.core.seal.QrImageReader;
import io.cachet.core.seal.SealText;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.util.List;
import java.util.Optional;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDResources;
import org.apache.pdfbox.pdmodel.graphics.PDXObject;
import org.apache.pdfbox.pdmodel.graphics.image.PDImageXObject;
import org.apache.pdfbox.rendering.ImageType;
import org.apache.pdfbox.rendering.PDFRenderer;

/** Reads the seal's QR code from the first page of the signed revision. */
final class SealOnPage {
    private static final float QR_RENDER_DPI = 200;
    private static final int MAX_IMAGE_SIDE = 4096;
    private static final QrImageReader PAGE_READER = new QrImageReader(List.of(SealText.CACHET_PREFIX));

    private SealOnPage() {}

    /** The seal from the first page: the QR image itself when it can be decoded, else a rendering of the page. */
    static Optional<String> read(PDDocument document) throws IOException {
        if (document.getNumberOfPages() == 0) {
            return Optional.empty();
        }
        PDPage page = document.getPage(0);
        PDResources resources = page.getResources();
        if (resources != null) {
            for (COSName name : resources.getXObjectNames()) {
                PDXObject object = resources.getXObject(name);
                if (object instanceof PDImageXObject image
                        && image.getWidth() <= MAX_IMAGE_SIDE
                        && image.getHeight() <= MAX_IMAGE_SIDE) {
                    Optional<String> text = QrCodes.read(image.getImage());
                    if (text.isPresent()) {
                        return text;
                    }
                }
            }
        }
        BufferedImage rendered = new PDFRenderer(document).renderImageWithDPI(0, QR_RENDER_DPI, ImageType.GRAY);
        return PAGE_READER.read(rendered);
    }
}
