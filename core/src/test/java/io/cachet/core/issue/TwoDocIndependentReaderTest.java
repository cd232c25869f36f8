package io.cachet.core.issue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.cachet.core.TestHomes;
import io.cachet.core.services.CachetServices;
import java.io.File;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.commons.codec.binary.Base32;
import org.bouncycastle.asn1.ASN1EncodableVector;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.DERSequence;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Readers Cachet did not write see every issued certificate's 2D-Doc: Poppler's {@code pdftoppm} renders the signed
 * PDF's page at 300 dpi, libdmtx's {@code dmtxread} finds and decodes the DataMatrix on the whole page, and OpenSSL
 * verifies its ECDSA signature over the text before {@code <US>} with the office's public key (and refuses it once
 * one character of that text changes). The tools come from Debian (poppler-utils, dmtx-utils, openssl; installed
 * by {@code .ci/run}); the test is skipped where one is missing.
 */
class TwoDocIndependentReaderTest {
    private static final char US = 0x1F;

    @TempDir
    static Path folder;

    static CachetServices services;

    @BeforeAll
    static void home() {
        services = TestHomes.create(folder.resolve("home"), Clock.systemUTC());
    }

    static List<String> types() {
        return TestHomes.bundledTypeIds();
    }

    @ParameterizedTest
    @MethodSource("types")
    void libdmtxReadsTheDataMatrixOfThePrintedPageAndOpensslVerifiesItsSignature(String type) throws Exception {
        Optional<Path> pdftoppm = tool("pdftoppm");
        Optional<Path> dmtxread = tool("dmtxread");
        Optional<Path> openssl = tool("openssl");
        assumeTrue(pdftoppm.isPresent(), "pdftoppm (poppler-utils) is not installed");
        assumeTrue(dmtxread.isPresent(), "dmtxread (dmtx-utils) is not installed");
        assumeTrue(openssl.isPresent(), "openssl is not installed");
        Path work = Files.createDirectories(folder.resolve(type));
        IssuedCertificate issued = services.issuance()
                .issue(type, TestHomes.sample(services, type), work.resolve("certificate.pdf"), Locale.FRENCH);

        run(
                pdftoppm.get().toString(),
                "-r",
                "300",
                "-gray",
                "-png",
                "-singlefile",
                issued.file().toString(),
                work.resolve("page").toString());
        String read = new String(
                run(
                        dmtxread.get().toString(),
                        "-N1",
                        "-m",
                        "30000",
                        work.resolve("page.png").toString()),
                StandardCharsets.ISO_8859_1);

        assertThat(read).isEqualTo(issued.twoDoc().orElseThrow());
        String signedText = read.substring(0, read.indexOf(US));
        byte[] rs = new Base32().decode(read.substring(read.indexOf(US) + 1));
        assertThat(rs).hasSize(64);
        ASN1EncodableVector pair = new ASN1EncodableVector();
        pair.add(new ASN1Integer(new BigInteger(1, Arrays.copyOfRange(rs, 0, 32))));
        pair.add(new ASN1Integer(new BigInteger(1, Arrays.copyOfRange(rs, 32, 64))));
        Files.write(work.resolve("signature.der"), new DERSequence(pair).getEncoded());
        Files.writeString(
                work.resolve("office.pem"),
                "-----BEGIN PUBLIC KEY-----\n"
                        + Base64.getMimeEncoder(64, new byte[] {'\n'})
                                .encodeToString(services.keys()
                                        .activeSigner("PAR")
                                        .certificate()
                                        .getPublicKey()
                                        .getEncoded())
                        + "\n-----END PUBLIC KEY-----\n",
                StandardCharsets.US_ASCII);
        Files.writeString(work.resolve("signed.txt"), signedText, StandardCharsets.ISO_8859_1);
        Files.writeString(
                work.resolve("tampered.txt"), signedText.replace("DC04", "DC05"), StandardCharsets.ISO_8859_1);

        assertThat(openssl(openssl.get(), work, "signed.txt")).contains("Verified OK");
        assertThat(openssl(openssl.get(), work, "tampered.txt")).contains("Verification failure");
    }

    private static String openssl(Path openssl, Path work, String data) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(
                        openssl.toString(),
                        "dgst",
                        "-sha256",
                        "-verify",
                        work.resolve("office.pem").toString(),
                        "-signature",
                        work.resolve("signature.der").toString(),
                        work.resolve(data).toString())
                .redirectErrorStream(true)
                .start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return output;
    }

    /** Runs a tool that must succeed; its standard output. */
    private static byte[] run(String... command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command)
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
        byte[] output = process.getInputStream().readAllBytes();
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).as(command[0]).isTrue();
        assertThat(process.exitValue()).as(String.join(" ", command)).isZero();
        return output;
    }

    private static Optional<Path> tool(String name) {
        return Stream.of(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator))
                .map(directory -> Path.of(directory, name))
                .filter(Files::isExecutable)
                .findFirst();
    }
}
