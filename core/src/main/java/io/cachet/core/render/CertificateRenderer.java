package io.cachet.core.render;

import static java.util.Objects.requireNonNull;

import com.openhtmltopdf.outputdevice.helper.BaseRendererBuilder.FontStyle;
import com.openhtmltopdf.pdfboxout.PDFontSupplier;
import com.openhtmltopdf.pdfboxout.PdfRendererBuilder;
import io.cachet.core.CachetException;
import io.cachet.core.seal.QrCodes;
import io.cachet.core.twodoc.TwoDocMatrix;
import io.cachet.core.types.CertificateType;
import io.cachet.core.types.TypeCatalog;
import java.awt.color.ColorSpace;
import java.awt.color.ICC_Profile;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import javax.imageio.ImageIO;
import org.apache.fontbox.ttf.TTFParser;
import org.apache.fontbox.ttf.TrueTypeFont;
import org.apache.pdfbox.io.RandomAccessReadBuffer;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.pdmodel.font.PDType0Font;
import org.thymeleaf.TemplateEngine;
import org.thymeleaf.context.Context;

/**
 * Renders a certificate: the type's Thymeleaf template → XHTML → openhtmltopdf → PDF/A-3a, tagged for
 * accessibility (PDF/UA-1: structure tree, language, title, alternative text), with embedded, subset TrueType fonts
 * and an sRGB output intent. One instance is shared (the template engine, the font bytes and parsed copies of the
 * fonts, each lent to one call at a time); each call builds its own renderer and document, so calls may run in
 * parallel.
 */
public final class CertificateRenderer {
    /** Pixels per QR module: with a QR of ≥ 35 mm, whole pixels at well over 300 dpi. */
    private static final int QR_PIXELS_PER_MODULE = 8;

    /**
     * The resolution the 2D-Doc DataMatrix is drawn for: whole pixels of at least 0.4 mm per module (§4.4), printed
     * at exactly its size so that a 300 dpi scan or rendering sees one pixel per pixel.
     */
    public static final int TWODOC_DPI = 300;

    private static final byte[] SRGB =
            ICC_Profile.getInstance(ColorSpace.CS_sRGB).getData();

    static {
        RendererLogging.install();
    }

    private final TemplateEngine engine;
    private final Map<String, FontFace> fonts;

    /**
     * One font file and its parsed copies. Parsing a 700 KB TrueType font for every document cost 8 % of a batch's
     * CPU; a parsed font is only read while a document uses it (metrics, then subsetting when the document is saved)
     * but is not thread-safe, so each render borrows a copy of its own and gives it back when the document is
     * written. There are at most as many copies as renders ever ran at once.
     */
    private static final class FontFace {
        private final String family;
        private final int weight;
        private final byte[] bytes;
        private final Queue<TrueTypeFont> idle = new ConcurrentLinkedQueue<>();

        FontFace(String family, int weight, byte[] bytes) {
            this.family = family;
            this.weight = weight;
            this.bytes = bytes;
        }

        TrueTypeFont borrow() throws IOException {
            TrueTypeFont parsed = idle.poll();
            return parsed != null ? parsed : new TTFParser().parse(new RandomAccessReadBuffer(bytes));
        }
    }

    public CertificateRenderer(TypeCatalog catalog) {
        requireNonNull(catalog, "catalog is null");
        this.engine = new TemplateEngine();
        engine.setTemplateResolver(new TypeTemplateResolver(catalog));
        engine.setMessageResolver(new TypeMessageResolver(catalog));
        this.fonts = new LinkedHashMap<>();
        catalog.fonts().forEach((file, bytes) -> fonts.put(file, face(file, bytes)));
        if (fonts.isEmpty()) {
            throw CachetException.configuration(
                    "the templates have no fonts (fonts/*.ttf): PDF/A needs embedded fonts");
        }
    }

    /** The XHTML for a request (exposed for tests and for template authors). */
    public String html(RenderRequest request) {
        CertificateType type = request.data().type();
        Context context = new Context(request.locale());
        context.setVariable("data", request.data().model());
        Map<String, Object> cert = new LinkedHashMap<>();
        cert.put("id", request.certificateId());
        cert.put("type", type.id());
        cert.put("title", title(type, request));
        cert.put("issuedAt", request.issuedAt());
        cert.put("expiresAt", request.expiresAt().orElse(null));
        cert.put("officeCode", request.officeCode());
        cert.put("officeName", request.officeName());
        context.setVariable("cert", cert);
        context.setVariable(
                "qr",
                request.sealText()
                        .map(text -> "data:image/png;base64,"
                                + Base64.getEncoder().encodeToString(QrCodes.png(text, QR_PIXELS_PER_MODULE)))
                        .orElse(""));
        request.twoDocText()
                .ifPresentOrElse(
                        text -> {
                            BufferedImage matrix = TwoDocMatrix.render(text, TWODOC_DPI);
                            context.setVariable(
                                    "twodoc",
                                    "data:image/png;base64,"
                                            + Base64.getEncoder().encodeToString(png(matrix)));
                            // Printed at its size at 300 dpi: width in millimetres of whole pixels.
                            context.setVariable(
                                    "twodocWidth",
                                    String.format(Locale.ROOT, "%.3fmm", matrix.getWidth() * 25.4 / TWODOC_DPI));
                        },
                        () -> {
                            context.setVariable("twodoc", "");
                            context.setVariable("twodocWidth", "0mm");
                        });
        context.setVariable("verifierUrl", request.verifierUrl());
        context.setVariable("specimen", request.specimen());
        context.setVariable("lang", request.locale().getLanguage());
        context.setVariable("fmt", new Formats());
        return engine.process(type.id(), context);
    }

    public byte[] render(RenderRequest request) {
        return renderXhtml(
                html(request),
                "certificate " + request.certificateId() + " of type "
                        + request.data().type().id());
    }

    /**
     * Any XHTML document rendered as this renderer renders certificates: PDF/A-3a, tagged for PDF/UA-1, with the
     * templates' embedded fonts (e.g. verification reports).
     *
     * @param what what is rendered, for the error message
     */
    public byte[] renderXhtml(String html, String what) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(64 * 1024);
        Map<FontFace, TrueTypeFont> borrowed = new LinkedHashMap<>();
        try (PDDocument document = new PDDocument()) {
            PdfRendererBuilder builder = new PdfRendererBuilder()
                    .usePDDocument(document)
                    .usePdfAConformance(PdfRendererBuilder.PdfAConformance.PDFA_3_A)
                    .usePdfUaAccessibility(true)
                    .useColorProfile(SRGB)
                    .withProducer("Cachet")
                    .withHtmlContent(html, null)
                    .toStream(out);
            for (FontFace face : fonts.values()) {
                builder.useFont(
                        new BorrowedFont(document, face, borrowed), face.family, face.weight, FontStyle.NORMAL, true);
            }
            builder.run();
        } catch (IOException | RuntimeException e) {
            throw CachetException.internal("cannot render " + what + ": " + e.getMessage(), e);
        } finally {
            // The document is written (fonts subset) or abandoned: the parsed fonts are free for another render.
            borrowed.forEach((face, parsed) -> face.idle.add(parsed));
        }
        return out.toByteArray();
    }

    /** Loads the face into the document the first time the layout asks for it (a page may not use every face). */
    private static final class BorrowedFont extends PDFontSupplier {
        private final PDDocument document;
        private final FontFace face;
        private final Map<FontFace, TrueTypeFont> borrowed;
        private PDFont font;

        BorrowedFont(PDDocument document, FontFace face, Map<FontFace, TrueTypeFont> borrowed) {
            super(null);
            this.document = document;
            this.face = face;
            this.borrowed = borrowed;
        }

        @Override
        public PDFont supply() {
            if (font == null) {
                try {
                    TrueTypeFont parsed = face.borrow();
                    borrowed.put(face, parsed);
                    // Subset: only the glyphs used are embedded (PDF/A-3 §6.2.11.4 requires the embedding).
                    font = PDType0Font.load(document, parsed, true);
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot load the font " + face.family, e);
                }
            }
            return font;
        }
    }

    private static byte[] png(BufferedImage image) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(2048);
        try {
            // A 1-bit image: ImageIO writes it as a 1-bit indexed PNG, as the QR code is.
            if (!ImageIO.write(image, "png", out)) {
                throw new IOException("no PNG writer");
            }
        } catch (IOException e) {
            throw CachetException.internal("cannot write the 2D-Doc DataMatrix as PNG: " + e.getMessage(), e);
        }
        return out.toByteArray();
    }

    private static String title(CertificateType type, RenderRequest request) {
        Properties messages = type.messages(request.locale());
        return messages.getProperty("title", type.title());
    }

    /** {@code DejaVuSans-Bold.ttf} → family {@code DejaVuSans}, weight 700. */
    private static FontFace face(String file, byte[] bytes) {
        String base = file.substring(0, file.length() - ".ttf".length());
        boolean bold = base.endsWith("-Bold");
        return new FontFace(bold ? base.substring(0, base.length() - "-Bold".length()) : base, bold ? 700 : 400, bytes);
    }
}
