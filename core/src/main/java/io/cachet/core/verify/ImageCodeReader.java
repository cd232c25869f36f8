package io.cachet.core.verify;

import io.cachet.core.budget.Deadline;
import io.cachet.core.seal.QrImageReader;
import io.cachet.core.seal.QrSearch;
import io.cachet.core.seal.SealText;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.List;
import javax.imageio.ImageIO;

/** Finds a QR code in a PNG or JPEG image (a phone photo or a scan). */
final class ImageCodeReader {
    /** Larger images are refused before decoding: 40 megapixels is more than any phone photo. */
    static final long MAX_PIXELS = 40_000_000L;

    private static final QrImageReader READER = new QrImageReader(List.of(SealText.CACHET_PREFIX));

    private ImageCodeReader() {}

    /**
     * Searches the PNG or JPEG image in {@code bytes} for a QR code until {@code deadline}; an image that cannot be
     * decoded, or has more than {@link #MAX_PIXELS} pixels, holds none.
     */
    static QrSearch read(byte[] bytes, Deadline deadline) {
        try {
            var input = ImageIO.createImageInputStream(new ByteArrayInputStream(bytes));
            if (input == null) {
                return new QrSearch.NotFound();
            }
            try (input) {
                var readers = ImageIO.getImageReaders(input);
                if (!readers.hasNext()) {
                    return new QrSearch.NotFound();
                }
                var reader = readers.next();
                try {
                    reader.setInput(input, true, true);
                    if ((long) reader.getWidth(0) * reader.getHeight(0) > MAX_PIXELS) {
                        return new QrSearch.NotFound();
                    }
                    BufferedImage image = reader.read(0);
                    return READER.search(image, deadline);
                } finally {
                    reader.dispose();
                }
            }
        } catch (IOException | RuntimeException e) {
            return new QrSearch.NotFound();
        }
    }
}
