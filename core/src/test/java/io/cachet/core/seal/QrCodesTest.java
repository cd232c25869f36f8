package io.cachet.core.seal;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.zxing.common.BitMatrix;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import javax.imageio.ImageIO;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.graphics.color.PDIndexed;
import org.apache.pdfbox.pdmodel.graphics.image.PDImageXObject;
import org.junit.jupiter.api.Test;

/** The QR code's picture on the page and the issuer's read-back check. */
class QrCodesTest {
    private static final String TEXT =
            "CT1:" + "6BFOXN*TS0BI$ZD-PHQ7I9AD66V5B22CH9M9ESI9XBHXK-%69LQOGI.*V76GCV4*XUA2P-FHT-HNTI4L6N$Q%UG/YL";

    @Test
    void pngHoldsExactlyTheModulesAtTheGivenScale() throws Exception {
        BitMatrix modules = QrCodes.modules(TEXT);
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(QrCodes.png(TEXT, 8)));

        assertThat(image.getWidth()).isEqualTo(modules.getWidth() * 8);
        assertThat(image.getHeight()).isEqualTo(modules.getHeight() * 8);
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                int rgb = image.getRGB(x, y) & 0xFFFFFF;
                assertThat(rgb).as("pixel %d,%d", x, y).isEqualTo(modules.get(x / 8, y / 8) ? 0x000000 : 0xFFFFFF);
            }
        }
        assertThat(QrCodes.read(image)).contains(TEXT);
    }

    @Test
    void pdfBoxEmbedsThePngWithoutDecodingIt() throws Exception {
        try (PDDocument document = new PDDocument()) {
            PDImageXObject image = PDImageXObject.createFromByteArray(document, QrCodes.png(TEXT, 8), "qr.png");

            // PNG rows copied as they are: Flate with the PNG predictors, colours from the PNG's palette.
            assertThat(image.getColorSpace()).isInstanceOf(PDIndexed.class);
            assertThat(image.getBitsPerComponent()).isEqualTo(1);
            assertThat(image.getCOSObject().getDictionaryObject(COSName.DECODE_PARMS))
                    .isNotNull();
            assertThat(QrCodes.read(image.getImage())).contains(TEXT);
        }
    }

    @Test
    void versionAndModulesAgreeAndTheMatrixHandedOutIsACopy() {
        BitMatrix first = QrCodes.modules(TEXT);
        first.clear();

        assertThat(QrCodes.modules(TEXT).getWidth()).isEqualTo(17 + 4 * QrCodes.version(TEXT) + 8);
        assertThat(QrCodes.modules(TEXT)).isNotEqualTo(first);
        assertThat(QrCodes.readableByStandardDetector(TEXT, 3)).isTrue();
    }
}
