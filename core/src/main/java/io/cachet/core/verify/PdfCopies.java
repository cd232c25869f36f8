package io.cachet.core.verify;

import static java.util.Objects.requireNonNull;

import io.cachet.core.seal.QrImageReader;
import io.cachet.core.seal.SealText;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.util.List;
import java.util.Optional;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.io.MemoryUsageSetting;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDResources;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.graphics.PDXObject;
import org.apache.pdfbox.pdmodel.graphics.image.PDImageXObject;
import org.apache.pdfbox.pdmodel.interactive.form.PDAcroForm;
import org.apache.pdfbox.pdmodel.interactive.form.PDField;
import org.apache.pdfbox.pdmodel.interactive.form.PDSignatureField;
import org.apache.pdfbox.rendering.ImageType;
import org.apache.pdfbox.rendering.PDFRenderer;

/**
 * Tells what an unsigned PDF is: a copy of a certificate (a scan, a print to PDF: a new file whose page shows the
 * QR code), to be verified like a photo; or a Cachet original whose signature is missing (removed, or never
 * issued), which is not authentic. Called only for a file the PDF layer parsed within its limits and found without
 * any signature in any revision.
 *
 * <p>The marks of an original are what Cachet's renderer and signer put in a file and a copy does not keep: the
 * producer {@code Cachet}, a signature field, the certification ({@code /Perms}), {@code /SigFlags}. A forger who
 * erases them gains nothing: a copy's verdict rests on its seal alone, exactly as a photo's, and the report says the
 * file is not the signed original.
 */
final class PdfCopies {
    /** What an unsigned PDF is. */
    sealed interface Unsigned {
        /** A Cachet original without its signature; {@code mark} says what shows it. */
        record Original(String mark) implements Unsigned {
            public Original {
                requireNonNull(mark, "mark is null");
            }
        }

        /** No Cachet QR code could be read on its first page: not a copy of a certificate. */
        record NoCode(String why) implements Unsigned {
            public NoCode {
                requireNonNull(why, "why is null");
            }
        }

        /** A copy of a certificate whose first page shows this seal. */
        record Copy(String sealText) implements Unsigned {
            public Copy {
                requireNonNull(sealText, "sealText is null");
            }
        }
    }

    /** As the PDF layer: at most this much decoded stream data is held while reading the file. */
    private static final long MAX_DECODED_BYTES = 64L * 1024 * 1024;

    /** An image on the page is decoded whole only up to this many pixels (a 300 dpi A4 scan has 8.7 million). */
    private static final long MAX_IMAGE_PIXELS = 10_000_000L;

    /** The page is rendered at {@link #RENDER_DPI}, but never to more pixels than this (one byte each, grey). */
    static final double MAX_RENDER_PIXELS = 16_000_000d;

    private static final float RENDER_DPI = 200;

    private static final QrImageReader READER = new QrImageReader(List.of(SealText.CACHET_PREFIX));

    private PdfCopies() {}

    static Unsigned examine(byte[] pdf) {
        try (PDDocument document = Loader.loadPDF(
                pdf, "", null, null, MemoryUsageSetting.setupMainMemoryOnly(MAX_DECODED_BYTES).streamCache)) {
            Optional<String> mark = originalMark(document);
            if (mark.isPresent()) {
                return new Unsigned.Original(mark.get());
            }
            if (document.getNumberOfPages() == 0) {
                return new Unsigned.NoCode("the PDF has no page");
            }
            return readCode(document.getPage(0), document)
                    .<Unsigned>map(Unsigned.Copy::new)
                    .orElseGet(() -> new Unsigned.NoCode("no Cachet QR code could be read on the first page"));
        } catch (IOException | RuntimeException e) {
            // The PDF layer parsed this file already; a page that cannot be drawn simply shows no code.
            return new Unsigned.NoCode(
                    "the first page could not be read: " + e.getClass().getSimpleName());
        }
    }

    private static Optional<String> originalMark(PDDocument document) {
        String producer = document.getDocumentInformation().getProducer();
        if (producer != null && producer.strip().startsWith("Cachet")) {
            return Optional.of("it was produced by Cachet (producer '" + producer.strip() + "')");
        }
        if (document.getDocumentCatalog().getCOSObject().containsKey(COSName.PERMS)) {
            return Optional.of("it carries a certification entry (/Perms)");
        }
        PDAcroForm form = document.getDocumentCatalog().getAcroForm(null);
        if (form != null) {
            if (form.getCOSObject().getInt(COSName.SIG_FLAGS, 0) != 0) {
                return Optional.of("its form declares signatures (/SigFlags)");
            }
            for (PDField field : form.getFieldTree()) {
                if (field instanceof PDSignatureField) {
                    return Optional.of("it has a signature field, '" + field.getFullyQualifiedName() + "'");
                }
            }
        }
        return Optional.empty();
    }

    /**
     * The scale (pixels per point) to render a page of this box at: {@link #RENDER_DPI}, less for a page so large that
     * it would exceed {@link #MAX_RENDER_PIXELS} (a page may declare any size); empty for an empty box.
     */
    static Optional<Float> renderScale(PDRectangle box) {
        double points = Math.abs((double) box.getWidth() * box.getHeight());
        if (!(points > 0) || Double.isInfinite(points)) {
            return Optional.empty();
        }
        return Optional.of((float) Math.min(RENDER_DPI / 72d, Math.sqrt(MAX_RENDER_PIXELS / points)));
    }

    /** The seal on the page: from an image on it when one decodes (a scan), else from a bounded rendering. */
    private static Optional<String> readCode(PDPage page, PDDocument document) throws IOException {
        PDResources resources = page.getResources();
        if (resources != null) {
            for (COSName name : resources.getXObjectNames()) {
                PDXObject object = resources.getXObject(name);
                if (object instanceof PDImageXObject image
                        && (long) image.getWidth() * image.getHeight() <= MAX_IMAGE_PIXELS) {
                    Optional<String> text = READER.read(image.getImage());
                    if (text.isPresent()) {
                        return text;
                    }
                }
            }
        }
        Optional<Float> scale = renderScale(page.getCropBox());
        if (scale.isEmpty()) {
            return Optional.empty();
        }
        PDFRenderer renderer = new PDFRenderer(document);
        // Images drawn on the page are decoded at the size they are drawn, not at the size they declare.
        renderer.setSubsamplingAllowed(true);
        BufferedImage rendered = renderer.renderImage(0, scale.get(), ImageType.GRAY);
        return READER.read(rendered);
    }
}
