package io.cachet.core.pdf;

import static org.assertj.core.api.Assertions.assertThat;

import io.cachet.core.TestHomes;
import io.cachet.core.report.Check;
import io.cachet.core.report.ReasonCode;
import io.cachet.core.services.CachetServices;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.zip.Deflater;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What PDFBox would decode or allocate while loading a file is bounded before PDFBox sees it. Each
 * hostile file is small (a few KB to a few hundred KB) and generated here; each must be refused by the structure
 * check ({@code pdf.structure}, {@code INPUT_TOO_LARGE}), which runs before PDFBox: nothing is inflated beyond the
 * limits, and PDFBox logs nothing per object.
 */
class PdfLoadLimitsTest {
    @TempDir
    static Path folder;

    static PdfSignatureVerifier verifier;

    @BeforeAll
    static void home() {
        CachetServices services = TestHomes.create(folder.resolve("home"), Clock.systemUTC());
        verifier = new PdfSignatureVerifier(services.trustStore());
    }

    @Test
    void aCrossReferenceStreamInflatingToAGigabyteIsRefusedBeforePdfBox() {
        // 1 GB of zero rows deflates to about 1 MB; PDFBox would inflate all of it to build its table.
        byte[] bomb = deflatedZeros(1L << 30);
        byte[] pdf = xrefStreamFile(bomb, "/W [1 4 2] /Size 4");

        assertRefusedBeforeLoading(pdf);
    }

    @Test
    void aTableDeclaringAMillionObjectsIsRefusedBeforePdfBox() {
        // A 4 KB file: a trailer /Size of a million, and a subsection header announcing them.
        StringBuilder body = new StringBuilder("%PDF-1.7\n");
        int catalog = body.length();
        body.append("1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n");
        int pages = body.length();
        body.append("2 0 obj\n<< /Type /Pages /Kids [] /Count 0 >>\nendobj\n");
        int xref = body.length();
        body.append("xref\n0 1000000\n0000000000 65535 f\r\n")
                .append(String.format("%010d 00000 n\r\n", catalog))
                .append(String.format("%010d 00000 n\r\n", pages));
        body.append("trailer\n<< /Size 1000000 /Root 1 0 R >>\nstartxref\n")
                .append(xref)
                .append("\n%%EOF\n");

        assertRefusedBeforeLoading(body.toString().getBytes(StandardCharsets.ISO_8859_1));
    }

    @Test
    void aStreamSectionDeclaringAMillionObjectsIsRefusedBeforePdfBox() {
        byte[] pdf = xrefStreamFile(deflate(new byte[7 * 4]), "/W [1 4 2] /Size 1000000");

        assertRefusedBeforeLoading(pdf);
    }

    @Test
    void anObjectStreamInflatingBeyondTheLimitIsRefusedBeforePdfBox() {
        // Object 1 is compressed in object stream 3, whose data inflates to 256 MB.
        byte[] bomb = deflatedZeros(256L << 20);
        StringBuilder head = new StringBuilder("%PDF-1.7\n");
        int stream = head.length();
        head.append("3 0 obj\n<< /Type /ObjStm /N 1 /First 4 /Filter /FlateDecode /Length ")
                .append(bomb.length)
                .append(" >>\nstream\n");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(head.toString().getBytes(StandardCharsets.ISO_8859_1));
        out.writeBytes(bomb);
        out.writeBytes("\nendstream\nendobj\n".getBytes(StandardCharsets.ISO_8859_1));
        int xref = out.size();
        // Rows of W [1 4 2]: 0 free, 1 in stream 3 at index 0, 2 free, 3 in use at its offset.
        byte[] rows = new byte[4 * 7];
        rows[0] = 0;
        rows[7] = 2;
        rows[7 + 4] = 3;
        rows[14] = 0;
        rows[21] = 1;
        rows[21 + 1] = (byte) (stream >> 24);
        rows[21 + 2] = (byte) (stream >> 16);
        rows[21 + 3] = (byte) (stream >> 8);
        rows[21 + 4] = (byte) stream;
        byte[] table = deflate(rows);
        out.writeBytes(("4 0 obj\n<< /Type /XRef /Size 5 /Index [0 4] /W [1 4 2] /Root 1 0 R /Filter /FlateDecode"
                        + " /Length " + table.length + " >>\nstream\n")
                .getBytes(StandardCharsets.ISO_8859_1));
        out.writeBytes(table);
        out.writeBytes(("\nendstream\nendobj\nstartxref\n" + xref + "\n%%EOF\n").getBytes(StandardCharsets.ISO_8859_1));

        assertRefusedBeforeLoading(out.toByteArray());
    }

    private static void assertRefusedBeforeLoading(byte[] pdf) {
        PdfVerification verification = verifier.verify(pdf);

        assertThat(verification.checks())
                .filteredOn(check -> check.outcome() == Check.Outcome.FAILED)
                .singleElement()
                .satisfies(check -> {
                    assertThat(check.name()).isEqualTo("pdf.structure");
                    assertThat(check.reason()).contains(ReasonCode.INPUT_TOO_LARGE);
                });
        // No check after the structure: PDFBox never loaded the file.
        assertThat(verification.checks()).noneMatch(check -> check.name().equals("pdf.format"));
    }

    /** A one-revision file whose only section is a cross-reference stream holding {@code data}. */
    private static byte[] xrefStreamFile(byte[] data, String keys) {
        StringBuilder head = new StringBuilder("%PDF-1.7\n");
        head.append("1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n");
        head.append("2 0 obj\n<< /Type /Pages /Kids [] /Count 0 >>\nendobj\n");
        int xref = head.length();
        head.append("3 0 obj\n<< /Type /XRef ")
                .append(keys)
                .append(" /Root 1 0 R /Filter /FlateDecode /Length ")
                .append(data.length)
                .append(" >>\nstream\n");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(head.toString().getBytes(StandardCharsets.ISO_8859_1));
        out.writeBytes(data);
        out.writeBytes(("\nendstream\nendobj\nstartxref\n" + xref + "\n%%EOF\n").getBytes(StandardCharsets.ISO_8859_1));
        return out.toByteArray();
    }

    private static byte[] deflatedZeros(long length) {
        Deflater deflater = new Deflater(Deflater.BEST_COMPRESSION);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] zeros = new byte[1 << 20];
        byte[] buffer = new byte[1 << 16];
        for (long written = 0; written < length; written += zeros.length) {
            deflater.setInput(zeros);
            while (!deflater.needsInput()) {
                out.write(buffer, 0, deflater.deflate(buffer));
            }
        }
        deflater.finish();
        while (!deflater.finished()) {
            out.write(buffer, 0, deflater.deflate(buffer));
        }
        deflater.end();
        return out.toByteArray();
    }

    private static byte[] deflate(byte[] data) {
        Deflater deflater = new Deflater();
        deflater.setInput(data);
        deflater.finish();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[4096];
        while (!deflater.finished()) {
            out.write(buffer, 0, deflater.deflate(buffer));
        }
        deflater.end();
        return out.toByteArray();
    }
}
