package io.cachet.core.verify;

import io.cachet.core.budget.Deadline;
import io.cachet.core.seal.QrImageReader;
import io.cachet.core.seal.QrSearch;
import io.cachet.core.seal.SealText;
import io.cachet.core.twodoc.TwoDocHeader;
import io.cachet.core.twodoc.TwoDocMatrix;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.List;
import java.util.Optional;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.event.IIOReadProgressListener;

/** Finds a Cachet QR code in a PNG or JPEG image (a phone photo or a scan), else a 2D-Doc DataMatrix. */
final class ImageCodeReader {
    /** Larger images are refused before decoding: 40 megapixels is more than any phone photo. */
    static final long MAX_PIXELS = 40_000_000L;

    private static final QrImageReader READER = new QrImageReader(List.of(SealText.CACHET_PREFIX));

    private ImageCodeReader() {}

    /** Aborts a read in progress once the deadline has passed or the thread was interrupted. */
    private record AbortWhenExpired(Deadline deadline) implements IIOReadProgressListener {
        @Override
        public void imageProgress(ImageReader source, float percentageDone) {
            if (deadline.expired()) {
                source.abort();
            }
        }

        @Override
        public void sequenceStarted(ImageReader source, int minIndex) {}

        @Override
        public void sequenceComplete(ImageReader source) {}

        @Override
        public void imageStarted(ImageReader source, int imageIndex) {}

        @Override
        public void imageComplete(ImageReader source) {}

        @Override
        public void thumbnailStarted(ImageReader source, int imageIndex, int thumbnailIndex) {}

        @Override
        public void thumbnailProgress(ImageReader source, float percentageDone) {}

        @Override
        public void thumbnailComplete(ImageReader source) {}

        @Override
        public void readAborted(ImageReader source) {}
    }

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
                    // Decoding a large PNG or JPEG takes a while: the readers report progress between rows, and stop
                    // when asked to.
                    reader.addIIOReadProgressListener(new AbortWhenExpired(deadline));
                    BufferedImage image = reader.read(0);
                    QrSearch qr = READER.search(image, deadline); // gives up at once if the read was aborted
                    if (!(qr instanceof QrSearch.NotFound)) {
                        return qr;
                    }
                    // No Cachet QR code: perhaps a 2D-Doc's DataMatrix (a photo of its corner of the certificate).
                    Optional<String> twoDoc = TwoDocMatrix.search(image, deadline::expired)
                            .filter(text -> text.startsWith(TwoDocHeader.MARKER));
                    if (twoDoc.isPresent()) {
                        return new QrSearch.Found(twoDoc.get());
                    }
                    return deadline.expired()
                            ? new QrSearch.GaveUp(
                                    QrSearch.Why.OUT_OF_TIME,
                                    "the search for a QR code or a 2D-Doc DataMatrix ran out of time")
                            : qr;
                } finally {
                    reader.dispose();
                }
            }
        } catch (IOException | RuntimeException e) {
            return new QrSearch.NotFound();
        }
    }
}
