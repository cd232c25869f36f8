package io.cachet.core.verify;

import io.cachet.core.seal.QrImageReader;
import io.cachet.core.seal.SealText;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.List;
import java.util.Optional;
import javax.imageio.ImageIO;

/** Finds a QR code in a PNG or JPEG image (a phone photo or a scan). */
final class ImageCodeReader {
    /** Larger images are refused before decoding: 40 megapixels is more than any phone photo. */
    static final long MAX_PIXELS = 40_000_000L;

    private static final QrImageReader READER = new QrImageReader(List.of(SealText.CACHET_PREFIX));

    private ImageCodeReader() {}

    static Optional<String> read(byte[] bytes) {
        try {
            var input = ImageIO.createImageInputStream(new ByteArrayInputStream(bytes));
            if (input == null) {
                return Optional.empty();
            }
            try (input) {
                var readers = ImageIO.getImageReaders(input);
                if (!readers.hasNext()) {
                    return Optional.empty();
                }
                var reader = readers.next();
                try {
                    reader.setInput(input, true, true);
                    if ((long) reader.getWidth(0) * reader.getHeight(0) > MAX_PIXELS) {
                        return Optional.empty();
                    }
                    BufferedImage image = reader.read(0);
                    return READER.read(image);
                } finally {
                    reader.dispose();
                }
            }
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }
}
