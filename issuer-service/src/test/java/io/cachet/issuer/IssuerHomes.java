package io.cachet.issuer;

import io.cachet.core.home.CachetHome;
import io.cachet.core.home.HomeInitializer;
import io.cachet.core.services.CachetServices;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;

/** A development home of office PAR for the service's tests, and what the service needs of it. */
final class IssuerHomes {
    private IssuerHomes() {}

    static CachetServices create(Path folder) {
        CachetHome home = new CachetHome(folder.resolve("home"));
        new HomeInitializer(Clock.systemUTC(), Map.of())
                .initialize(
                        home,
                        new HomeInitializer.Request(
                                "PAR", "Direction territoriale de Paris", true, false, "http://localhost"));
        return new CachetServices(home, Optional.empty(), Map.of(), Clock.systemUTC());
    }

    /**
     * The number of certificates in the home's registry, every status counted: what a test compares to say that
     * nothing was issued (the status list's size only grows once it is a quarter full).
     */
    static long certificates(CachetServices services) throws SQLException {
        // The registry makes its tables on first use: a read through it first.
        services.registry().statusListSize();
        try (Connection connection = DriverManager.getConnection(
                        services.registry().location().jdbcUrl());
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("SELECT COUNT(*) FROM certificates")) {
            rows.next();
            return rows.getLong(1);
        }
    }

    static IssuerApp.Services of(CachetServices services, Path folder) {
        return issuing(services, folder.resolve("issued"));
    }

    /** What the service needs of {@code services}, PDFs written to {@code issued}. */
    static IssuerApp.Services issuing(CachetServices services, Path issued) {
        return new IssuerApp.Services(
                services.issuance(),
                services.registry(),
                services.catalog(),
                issued,
                services.preview(),
                services.verification(),
                Clock.systemUTC());
    }
}
