package io.cachet.core.pdf;

import io.cachet.core.seal.QrCodes;
import io.cachet.core.seal.QrImageReader;
import io.cachet.core.seal.SealText;
import io.cachet.core.twodoc.TwoDocHeader;
import io.cachet.core.twodoc.TwoDocMatrix;
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

/** Reads the seal's QR code, and the 2D-Doc DataMatrix beside it, from the first page of the signed revision. */
final class SealOnPage {
    private static final float QR_RENDER_DPI = 200;
    private static final int MAX_IMAGE_SIDE = 4096;
    /** A 2D-Doc DataMatrix is at most 144 modules of 5 pixels (at 300 dpi) with its quiet zone: larger is something else. */
    private static final int MAX_MATRIX_SIDE = 1024;

    private static final QrImageReader PAGE_READER = new QrImageReader(List.of(SealText.CACHET_PREFIX));

    private SealOnPage() {}

    /**
     * The codes of the first page: the seal, from the QR image itself when it can be decoded, else from a rendering
     * of the page; the 2D-Doc, from its DataMatrix image (a certificate issued before 2D-Docs has none).
     */
    record Codes(Optional<String> seal, Optional<String> twoDoc) {}

    static Codes read(PDDocument document) throws IOException {
        if (document.getNumberOfPages() == 0) {
            return new Codes(Optional.empty(), Optional.empty());
        }
        PDPage page = document.getPage(0);
        PDResources resources = page.getResources();
        Optional<String> seal = Optional.empty();
        Optional<String> twoDoc = Optional.empty();
        if (resources != null) {
            for (COSName name : resources.getXObjectNames()) {
                PDXObject object = resources.getXObject(name);
                if (object instanceof PDImageXObject image
                        && image.getWidth() <= MAX_IMAGE_SIDE
                        && image.getHeight() <= MAX_IMAGE_SIDE) {
                    BufferedImage pixels = image.getImage();
                    if (seal.isEmpty()) {
                        seal = QrCodes.read(pixels);
                        if (seal.isPresent()) {
                            continue;
                        }
                    }
                    if (twoDoc.isEmpty()
                            && image.getWidth() <= MAX_MATRIX_SIDE
                            && image.getHeight() <= MAX_MATRIX_SIDE) {
                        twoDoc = TwoDocMatrix.read(pixels).filter(text -> text.startsWith(TwoDocHeader.MARKER));
                    }
                }
            }
        }
        if (seal.isEmpty()) {
            BufferedImage rendered = new PDFRenderer(document).renderImageWithDPI(0, QR_RENDER_DPI, ImageType.GRAY);
            seal = PAGE_READER.read(rendered);
        }
        return new Codes(seal, twoDoc);
    }
}
