package io.cachet.web;

import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.component.LifeCycle;

/**
 * What the verifier sets on Jetty's server, beyond Javalin's settings: error answers, access log, the handlers in
 * front of the application, the connection cap, idle timeouts and the metrics listener (docs/verifier.md, "Limits and
 * budgets").
 */
final class JettySetup {
    private JettySetup() {}

    static void apply(
            Server server, VerifierConfig config, RequestGate gate, WebMetrics metrics, ClientAddress clients) {
        VerifierConfig.Connections connections = config.connections();
        metrics.bindJetty(server);
        server.setErrorHandler(new JettyErrors());
        server.setRequestLog(new AccessLog(metrics));
        // Javalin puts its servlet context inside the innermost wrapper: gate, then body-first, then the application.
        gate.setHandler(new BodyFirst(config.maxRequestBytes(), connections.minRequestBytesPerSecond()));
        server.setHandler(gate);
        if (connections.maxPerAddress() > 0) {
            server.addBean(new ConnectionsPerAddress(server, connections.maxPerAddress(), clients));
        }
        // The public connector exists only once Javalin starts the server (it makes it itself).
        server.addEventListener(new LifeCycle.Listener() {
            @Override
            public void lifeCycleStarting(LifeCycle event) {
                for (Connector connector : server.getConnectors()) {
                    if (connector instanceof ServerConnector network) {
                        network.setIdleTimeout(connections.idleTimeout().toMillis());
                    }
                }
                config.metricsListener().ifPresent(listener -> {
                    HttpConnectionFactory http =
                            server.getConnectors()[0].getConnectionFactory(HttpConnectionFactory.class);
                    ServerConnector metricsConnector =
                            new ServerConnector(server, new HttpConnectionFactory(http.getHttpConfiguration()));
                    metricsConnector.setName("metrics");
                    metricsConnector.setHost(listener.host());
                    metricsConnector.setPort(listener.port());
                    metricsConnector.setIdleTimeout(connections.idleTimeout().toMillis());
                    server.addConnector(metricsConnector);
                    gate.metricsOn(metricsConnector);
                });
            }
        });
    }
}
