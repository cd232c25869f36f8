package io.cachet.core.pdf;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * An RFC 3161 timestamp authority Cachet did not write: OpenSSL's {@code ts -reply} behind a small HTTP responder
 * (RFC 3161 §3.4), with its own three-level PKI made by the {@code openssl} command: a root CA, an issuing CA and
 * an RSA timestamp authority certificate (critical extended key usage timeStamping). Tokens carry the authority's
 * certificate and the issuing CA ({@code certs} in the TSA configuration), as commercial authorities do; CRLs of both
 * CAs come from {@code openssl ca -gencrl}.
 */
final class OpensslTimestampAuthority implements AutoCloseable {
    private final Path folder;
    private final HttpServer server;

    private OpensslTimestampAuthority(Path folder, HttpServer server) {
        this.folder = folder;
        this.server = server;
    }

    /** Creates the PKI in {@code folder} and starts answering on a free local port. */
    static OpensslTimestampAuthority start(Path folder) throws IOException {
        Files.createDirectories(folder);
        Files.writeString(
                folder.resolve("ext.cnf"),
                String.join(
                        "\n",
                        "[root]",
                        "basicConstraints=critical,CA:TRUE",
                        "keyUsage=critical,keyCertSign,cRLSign",
                        "subjectKeyIdentifier=hash",
                        "[issuing]",
                        "basicConstraints=critical,CA:TRUE,pathlen:0",
                        "keyUsage=critical,keyCertSign,cRLSign",
                        "subjectKeyIdentifier=hash",
                        "authorityKeyIdentifier=keyid",
                        "[tsa]",
                        "basicConstraints=critical,CA:FALSE",
                        "keyUsage=critical,digitalSignature,nonRepudiation",
                        "extendedKeyUsage=critical,timeStamping",
                        "subjectKeyIdentifier=hash",
                        "authorityKeyIdentifier=keyid",
                        ""));
        openssl(
                folder,
                "req",
                "-x509",
                "-newkey",
                "rsa:2048",
                "-nodes",
                "-keyout",
                "root.key",
                "-out",
                "root.pem",
                "-days",
                "3650",
                "-subj",
                "/O=OpenSSL Interop/CN=Interop Timestamp Root CA",
                "-config",
                "ext.cnf",
                "-extensions",
                "root");
        certificate(folder, "issuing", "/O=OpenSSL Interop/CN=Interop Timestamp Issuing CA", "root", "issuing");
        certificate(folder, "tsa", "/O=OpenSSL Interop/CN=Interop Timestamp Authority", "issuing", "tsa");
        Files.writeString(folder.resolve("serial"), "01\n");
        Files.writeString(
                folder.resolve("tsa.cnf"),
                String.join(
                        "\n",
                        "[tsa]",
                        "default_tsa = interop",
                        "[interop]",
                        "dir = " + folder,
                        "serial = $dir/serial",
                        "crypto_device = builtin",
                        "signer_cert = $dir/tsa.pem",
                        "certs = $dir/issuing.pem",
                        "signer_key = $dir/tsa.key",
                        "signer_digest = sha256",
                        "default_policy = 1.3.6.1.4.1.99999.1",
                        "digests = sha256, sha384, sha512",
                        "accuracy = secs:1",
                        "ordering = yes",
                        "tsa_name = yes",
                        "ess_cert_id_chain = no",
                        "ess_cert_id_alg = sha256",
                        ""));
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        OpensslTimestampAuthority authority = new OpensslTimestampAuthority(folder, server);
        server.createContext("/tsr", exchange -> {
            try (exchange) {
                byte[] reply;
                try {
                    reply = authority.reply(exchange.getRequestBody().readAllBytes());
                } catch (RuntimeException e) {
                    byte[] message = String.valueOf(e.getMessage()).getBytes(StandardCharsets.UTF_8);
                    exchange.sendResponseHeaders(500, message.length);
                    exchange.getResponseBody().write(message);
                    return;
                }
                exchange.getResponseHeaders().set("Content-Type", "application/timestamp-reply");
                exchange.sendResponseHeaders(200, reply.length);
                exchange.getResponseBody().write(reply);
            }
        });
        server.start();
        return authority;
    }

    URI url() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/tsr");
    }

    /**
     * Makes the authority list its own certificate among the extra ones too ({@code certs} = its certificate and the
     * issuing CA's, a common configuration): each token then carries the signer's certificate twice; {@code false}
     * restores the usual configuration.
     */
    synchronized void sendSignerCertificateTwice(boolean twice) throws IOException {
        Path config = folder.resolve("tsa.cnf");
        if (twice) {
            Files.writeString(
                    folder.resolve("chain.pem"),
                    Files.readString(folder.resolve("tsa.pem")) + Files.readString(folder.resolve("issuing.pem")));
        }
        Files.writeString(
                config,
                Files.readString(config)
                        .replaceAll(
                                "certs = \\$dir/[a-z]+\\.pem",
                                java.util.regex.Matcher.quoteReplacement(
                                        "certs = $dir/" + (twice ? "chain" : "issuing") + ".pem")));
    }

    /** The root CA certificate: what a home trusts for this authority's timestamps. */
    Path rootCertificate() {
        return folder.resolve("root.pem");
    }

    Path authorityCertificate() {
        return folder.resolve("tsa.pem");
    }

    /** A fresh, empty CRL of the root CA and one of the issuing CA, DER, from {@code openssl ca -gencrl}. */
    List<byte[]> crls() throws IOException {
        List<byte[]> crls = new ArrayList<>();
        for (String ca : List.of("root", "issuing")) {
            Path database = folder.resolve(ca + "-index.txt");
            Files.writeString(database, "");
            Files.writeString(folder.resolve(ca + "-crlnumber"), "01\n");
            Files.writeString(
                    folder.resolve(ca + "-ca.cnf"),
                    String.join(
                            "\n",
                            "[ca]",
                            "default_ca = this",
                            "[this]",
                            "database = " + database,
                            "crlnumber = " + folder.resolve(ca + "-crlnumber"),
                            "default_md = sha256",
                            "default_crl_days = 30",
                            ""));
            openssl(
                    folder,
                    "ca",
                    "-gencrl",
                    "-config",
                    ca + "-ca.cnf",
                    "-keyfile",
                    ca + ".key",
                    "-cert",
                    ca + ".pem",
                    "-out",
                    ca + ".crl.pem");
            openssl(folder, "crl", "-in", ca + ".crl.pem", "-outform", "DER", "-out", ca + ".crl");
            crls.add(Files.readAllBytes(folder.resolve(ca + ".crl")));
        }
        return crls;
    }

    /** Answers one encoded TimeStampReq with OpenSSL's TimeStampResp. */
    synchronized byte[] reply(byte[] request) {
        try {
            Path query = folder.resolve("query.tsq");
            Path response = folder.resolve("reply.tsr");
            Files.write(query, request);
            Files.deleteIfExists(response);
            openssl(folder, "ts", "-reply", "-config", "tsa.cnf", "-queryfile", "query.tsq", "-out", "reply.tsr");
            return Files.readAllBytes(response);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }

    private static void certificate(Path folder, String name, String subject, String issuer, String extensions)
            throws IOException {
        openssl(
                folder,
                "req",
                "-newkey",
                "rsa:2048",
                "-nodes",
                "-keyout",
                name + ".key",
                "-out",
                name + ".csr",
                "-subj",
                subject);
        openssl(
                folder,
                "x509",
                "-req",
                "-in",
                name + ".csr",
                "-CA",
                issuer + ".pem",
                "-CAkey",
                issuer + ".key",
                "-CAcreateserial",
                "-out",
                name + ".pem",
                "-days",
                "825",
                "-sha256",
                "-extfile",
                "ext.cnf",
                "-extensions",
                extensions);
    }

    static void openssl(Path folder, String... arguments) throws IOException {
        List<String> command = new ArrayList<>();
        command.add("openssl");
        command.addAll(List.of(arguments));
        Process process = new ProcessBuilder(command)
                .directory(folder.toFile())
                .redirectErrorStream(true)
                .start();
        byte[] output = process.getInputStream().readAllBytes();
        try {
            if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new IOException("openssl " + String.join(" ", arguments) + " failed: "
                        + new String(output, StandardCharsets.UTF_8));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }
}
