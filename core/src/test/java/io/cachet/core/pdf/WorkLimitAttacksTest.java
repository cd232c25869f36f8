package io.cachet.core.pdf;

import static io.cachet.core.pdf.LongTermFiles.EXTENDED;
import static io.cachet.core.pdf.LongTermFiles.ISSUED;
import static io.cachet.core.pdf.LongTermFiles.failedChecks;
import static io.cachet.core.pdf.RawUpdates.catalogBody;
import static io.cachet.core.pdf.RawUpdates.deflate;
import static io.cachet.core.pdf.RawUpdates.dssBody;
import static io.cachet.core.pdf.RawUpdates.lastId;
import static io.cachet.core.pdf.RawUpdates.lastSize;
import static io.cachet.core.pdf.RawUpdates.lastStartxref;
import static io.cachet.core.pdf.RawUpdates.rawUpdate;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.cachet.core.pdf.RawUpdates.RawEntry;
import io.cachet.core.report.ReasonCode;
import io.cachet.core.report.Verdict;
import io.cachet.core.report.VerificationReport;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import org.bouncycastle.asn1.x509.CRLReason;
import org.bouncycastle.cert.X509v2CRLBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CRLConverter;
import org.bouncycastle.cert.jcajce.JcaX509CertificateHolder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Updates built to make verification slow: many byte-identical copies of a listed object, thousands of listed objects
 * behind them, a store listing one huge CRL as often as allowed. Each must be checked within the limits
 * ({@link PdfSignatureVerifier#MAX_PDF_BYTES}, {@link ValidationData#MAX_ENTRIES}) in seconds, not minutes.
 */
@ExtendWith(LongTermFilesExtension.class)
class WorkLimitAttacksTest {
    private static LongTermFiles files;
    private static byte[] lt;

    @BeforeAll
    static void shareFiles(LongTermFiles shared) {
        files = shared;
        lt = shared.lt();
    }

    @Test
    void manyCopiesOfAListedObjectAreRefusedQuickly() {
        // A reader for which every unlisted header that looks like a copy costs a copy of the rest of the update is
        // quadratic in the update's size. 4 MB of "N 0 obj null endobj" copies would not
        // finish in 20 s (a 10 MB file, the size limit, would take many minutes of one core).
        int number = lastSize(lt);
        String one = number + " 0 obj\nnull\nendobj\n";
        StringBuilder body = new StringBuilder("\n");
        long at = lt.length + body.length();
        body.append(one.repeat(4 * 1024 * 1024 / one.length()));
        long xref = lt.length + body.length();
        body.append("xref\n0 1\n0000000000 65535 f\r\n")
                .append(number)
                .append(" 1\n")
                .append(String.format("%010d 00000 n\r\n", at))
                .append("trailer\n<< /Size ")
                .append(number + 1)
                .append(" /Root 1 0 R /Info 2 0 R /Prev ")
                .append(lastStartxref(lt))
                .append(' ')
                .append(lastId(lt))
                .append(" >>\nstartxref\n")
                .append(xref)
                .append("\n%%EOF\n");
        byte[] forged = Forgery.append(lt, body.toString());

        assertTimeoutPreemptively(Duration.ofSeconds(20), () -> files.verify(forged));
    }

    @Test
    void manyListedObjectsBehindManyCopiesAreRefusedQuickly() {
        // A reader that looked up each entry's definition with a linear scan of all definitions would do entries x
        // definitions comparisons: 9,000 listed objects
        // (under PdfSignatureVerifier.MAX_OBJECTS) written after ~550,000 byte-identical copies of one of them (which
        // RevisionXref accepts, since PDFBox writes such copies) would make some 5e9 comparisons in one update.
        int first = lastSize(lt);
        int listed = 9_000;
        String copy = first + " 0 obj()endobj\n";
        StringBuilder body = new StringBuilder("\n");
        int copies = (PdfSignatureVerifier.MAX_PDF_BYTES - lt.length - listed * 60) / copy.length();
        body.append(copy.repeat(copies));
        long[] offsets = new long[listed];
        for (int i = 0; i < listed; i++) {
            offsets[i] = lt.length + body.length();
            body.append(first + i).append(" 0 obj()endobj\n");
        }
        long xref = lt.length + body.length();
        body.append("xref\n0 1\n0000000000 65535 f\r\n")
                .append(first)
                .append(' ')
                .append(listed)
                .append('\n');
        for (long offset : offsets) {
            body.append(String.format("%010d 00000 n\r\n", offset));
        }
        body.append("trailer\n<< /Size ")
                .append(first + listed)
                .append(" /Root 1 0 R /Info 2 0 R /Prev ")
                .append(lastStartxref(lt))
                .append(' ')
                .append(lastId(lt))
                .append(" >>\nstartxref\n")
                .append(xref)
                .append("\n%%EOF\n");
        byte[] forged = Forgery.append(lt, body.toString());
        assertThat(forged.length).isLessThanOrEqualTo(PdfSignatureVerifier.MAX_PDF_BYTES);

        assertTimeoutPreemptively(Duration.ofSeconds(20), () -> files.verify(forged));
    }

    @Test
    void aStoreOfSixtyFourReferencesToOneHugeCrlIsCheckedInReasonableTime() throws Exception {
        // Anyone may append validation data to a genuine file. One CRL of the genuine root, just under
        // MAX_ENTRY_BYTES, listed MAX_ENTRIES times (one small compressed stream decoded 64 times).
        X509v2CRLBuilder builder = new X509v2CRLBuilder(
                new JcaX509CertificateHolder(files.root().certificate()).getSubject(), Date.from(EXTENDED));
        builder.setNextUpdate(Date.from(EXTENDED.plus(Duration.ofDays(30))));
        Date revoked = Date.from(ISSUED.minus(Duration.ofDays(1)));
        for (int i = 0; i < 26_000; i++) {
            builder.addCRLEntry(BigInteger.valueOf(1_000_000_000L + i), revoked, CRLReason.keyCompromise);
        }
        String algorithm = files.root().certificate().getSigAlgName();
        byte[] der = new JcaX509CRLConverter()
                .getCRL(builder.build(new JcaContentSignerBuilder(algorithm)
                        .build(files.root().privateKey())))
                .getEncoded();
        assertThat(der.length).isLessThan(ValidationData.MAX_ENTRY_BYTES);
        int crl = lastSize(lt);
        int dss = crl + 1;
        String body = dssBody(lt);
        String crls = (crl + " 0 R ").repeat(ValidationData.MAX_ENTRIES).strip();
        String huge = body.replaceFirst("/CRLs\\s*\\[[^\\]]*\\]", "/CRLs [" + crls + "]");
        assertThat(huge).isNotEqualTo(body);
        byte[] compressed = deflate(der);
        List<RawEntry> entries = new ArrayList<>();
        entries.add(RawEntry.object(
                crl,
                0,
                "<< /Filter /FlateDecode /Length " + compressed.length + " >>\nstream\n"
                        + new String(compressed, StandardCharsets.ISO_8859_1) + "\nendstream"));
        entries.add(RawEntry.object(dss, 0, huge));
        entries.add(RawEntry.object(1, 0, catalogBody(lt, dss)));
        byte[] update = rawUpdate(lt, entries);

        VerificationReport now = assertTimeoutPreemptively(Duration.ofSeconds(20), () -> files.verify(update));
        VerificationReport late = files.verifyAt(update, files.afterExpiry());

        // The CRL is the genuine root's and does not list the signer: appending it is allowed and proves the
        // signer was not revoked. Either it is read within the budget (VALID), or the budget stops the work.
        for (VerificationReport report : List.of(now, late)) {
            if (report.verdict() == Verdict.UNREADABLE) {
                assertThat(report.reasons()).as(failedChecks(report)).containsExactly(ReasonCode.BUDGET_EXCEEDED);
            } else {
                assertThat(report.verdict()).as(failedChecks(report)).isEqualTo(Verdict.VALID);
            }
        }
    }
}
