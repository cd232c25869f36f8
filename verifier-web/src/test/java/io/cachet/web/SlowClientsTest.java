package io.cachet.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.javalin.Javalin;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Clients that send slowly or open many connections, on raw sockets from other loopback addresses (127.0.0.2 and
 * up are this machine too on Linux): they must not keep the verifier from answering others.
 */
class SlowClientsTest {
    /** Few workers: without the protections, the 32 slow bodies below would hold every one of them. */
    private static final VerifierConfig.Connections SMALL =
            new VerifierConfig.Connections(16, 4, 1024, Duration.ofSeconds(3));

    private final List<Javalin> started = new ArrayList<>();
    private final List<Socket> sockets = new ArrayList<>();
    private final ExecutorService tricklers = Executors.newCachedThreadPool();

    @AfterEach
    void stopAll() throws IOException {
        tricklers.shutdownNow();
        for (Socket socket : sockets) {
            socket.close();
        }
        started.forEach(Javalin::stop);
    }

    private Javalin serve(VerifierConfig.Connections connections) {
        VerifierConfig config = new VerifierConfig(
                        "127.0.0.1", 0, VerifierConfig.DEFAULT_MAX_REQUEST_BYTES, "", List.of(), 0)
                .withHost("0.0.0.0")
                .withConnections(connections);
        Javalin app = VerifierApp.create(TestCertificates.get().services.verification(), config)
                .start(config.host(), config.port());
        started.add(app);
        return app;
    }

    private Socket connectFrom(String address, int port) throws IOException {
        Socket socket = new Socket();
        sockets.add(socket);
        socket.bind(new InetSocketAddress(address, 0));
        socket.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
        return socket;
    }

    /** Starts a verification whose 1,000-byte body then comes one byte every two seconds. */
    private Future<String> trickle(Socket socket) throws IOException {
        OutputStream out = socket.getOutputStream();
        out.write(("POST /api/v1/verify HTTP/1.1\r\nHost: verifier\r\nContent-Type: application/json\r\n"
                        + "Content-Length: 1000\r\n\r\n{")
                .getBytes(StandardCharsets.US_ASCII));
        out.flush();
        return tricklers.submit(() -> {
            Future<String> answer = tricklers.submit(() -> RawHttp.readAll(socket.getInputStream()));
            try {
                for (int i = 0; i < 30 && !answer.isDone(); i++) {
                    Thread.sleep(2_000);
                    out.write(' ');
                    out.flush();
                }
            } catch (IOException e) {
                // The server closed the connection: what it said is in the answer.
            }
            return answer.get(30, TimeUnit.SECONDS);
        });
    }

    /** One client, so one kept-alive connection from 127.0.0.1 (each new client would keep its own open). */
    private static final HttpClient CLIENT =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private static HttpResponse<String> health(int port) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/health"))
                .timeout(Duration.ofSeconds(2))
                .build();
        return CLIENT.send(request, HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void healthAnswersPromptlyWhileSlowBodiesTrickleIn() throws Exception {
        Javalin app = serve(SMALL);
        QueuedThreadPool pool = (QueuedThreadPool) app.jettyServer().server().getThreadPool();
        int idleBusy = pool.getBusyThreads();
        List<Future<String>> slow = new ArrayList<>();
        for (String address : List.of(
                "127.0.0.2",
                "127.0.0.3",
                "127.0.0.4",
                "127.0.0.5",
                "127.0.0.6",
                "127.0.0.7",
                "127.0.0.8",
                "127.0.0.9")) {
            for (int i = 0; i < 4; i++) {
                slow.add(trickle(connectFrom(address, app.port())));
            }
        }

        Thread.sleep(1_000);
        // Waiting for their bodies, they hold no worker thread (the acceptor and selector are always busy).
        assertThat(pool.getBusyThreads()).isLessThanOrEqualTo(idleBusy + 2);
        // Every answer within 2 s (the client's timeout throws otherwise), for longer than a trickle's period.
        for (int i = 0; i < 8; i++) {
            assertThat(health(app.port()).statusCode()).isEqualTo(200);
            Thread.sleep(500);
        }

        // And the trickles themselves are cut: below 1,024 bytes a second, 408.
        for (Future<String> answer : slow) {
            assertThat(answer.get(30, TimeUnit.SECONDS)).startsWith("HTTP/1.1 408");
        }
    }

    @Test
    void oneAddressCannotOpenMoreThanItsConnections() throws Exception {
        // A long idle timeout: the admitted connections must outlive the wait for the extra one to be closed, however
        // loaded the machine is.
        Javalin app = serve(new VerifierConfig.Connections(16, 4, 1024, Duration.ofSeconds(60)));
        // Five connections from one address: the server admits them in the order it notices them, which is not
        // always the order they were made, so whichever it noticed fifth is the one it closes.
        List<Socket> connections = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            connections.add(connectFrom("127.0.0.2", app.port()));
        }
        List<Socket> closed = new ArrayList<>();
        long until = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        while (closed.isEmpty() && System.nanoTime() < until) {
            for (Socket socket : connections) {
                socket.setSoTimeout(100);
                try {
                    if (socket.getInputStream().read() == -1) {
                        closed.add(socket);
                    }
                } catch (SocketTimeoutException stillOpen) {
                    // admitted, or not noticed yet
                } catch (IOException reset) {
                    closed.add(socket);
                }
            }
        }
        assertThat(closed).as("closed by the server").hasSize(1);
        // The four admitted ones still work, and so does another address.
        Socket first = connections.stream()
                .filter(socket -> !closed.contains(socket))
                .findFirst()
                .orElseThrow();
        first.setSoTimeout(5_000);
        first.getOutputStream()
                .write("GET /health HTTP/1.1\r\nHost: v\r\nConnection: close\r\n\r\n"
                        .getBytes(StandardCharsets.US_ASCII));
        assertThat(RawHttp.readAll(first.getInputStream())).startsWith("HTTP/1.1 200");
        assertThat(health(app.port()).statusCode()).isEqualTo(200);
    }

    @Test
    void aClosedConnectionFreesItsPlace() throws Exception {
        Javalin app = serve(SMALL);
        for (int i = 0; i < 4; i++) {
            connectFrom("127.0.0.3", app.port()).close();
        }
        // Jetty notices the closes asynchronously: within ten seconds, a new connection from the address is served.
        String answer = "";
        for (int attempt = 0; attempt < 20 && !answer.startsWith("HTTP/1.1 200"); attempt++) {
            Thread.sleep(500);
            try (Socket again = connectFrom("127.0.0.3", app.port())) {
                again.setSoTimeout(5_000);
                again.getOutputStream()
                        .write("GET /health HTTP/1.1\r\nHost: v\r\nConnection: close\r\n\r\n"
                                .getBytes(StandardCharsets.US_ASCII));
                answer = RawHttp.readAll(again.getInputStream());
            } catch (IOException refused) {
                answer = "";
            }
        }

        assertThat(answer).startsWith("HTTP/1.1 200");
    }

    @Test
    void aConnectionThatStopsSendingItsHeadersIsClosedAfterTheIdleTimeout() throws Exception {
        Javalin app = serve(SMALL);
        Socket socket = connectFrom("127.0.0.2", app.port());
        socket.getOutputStream().write("GET /health HTTP/1.1\r\nHo".getBytes(StandardCharsets.US_ASCII));
        socket.setSoTimeout(10_000);
        long start = System.nanoTime();

        InputStream in = socket.getInputStream();
        String answer;
        try {
            answer = RawHttp.readAll(in);
        } catch (SocketTimeoutException e) {
            answer = "still open after 10 s";
        }

        assertThat(answer).doesNotContain("still open");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofSeconds(2));
    }

    @Test
    void aClientExpecting100ContinueIsAskedForItsBodyAndAnswered() throws Exception {
        Javalin app = serve(SMALL);
        Socket socket = connectFrom("127.0.0.1", app.port());
        socket.setSoTimeout(10_000);
        String body = "{\"code\": \"not a code\"}";
        OutputStream out = socket.getOutputStream();
        out.write(
                ("POST /api/v1/verify HTTP/1.1\r\nHost: v\r\nContent-Type: application/json\r\nExpect: 100-continue\r\n"
                                + "Connection: close\r\nContent-Length: " + body.length() + "\r\n\r\n")
                        .getBytes(StandardCharsets.US_ASCII));
        out.flush();

        byte[] interim = new byte[25];
        int read = socket.getInputStream().readNBytes(interim, 0, interim.length);
        assertThat(new String(interim, 0, read, StandardCharsets.US_ASCII)).startsWith("HTTP/1.1 100");
        out.write(body.getBytes(StandardCharsets.US_ASCII));
        out.flush();

        assertThat(RawHttp.readAll(socket.getInputStream()))
                .contains("HTTP/1.1 200")
                .contains("\"verdict\"");
    }
}
