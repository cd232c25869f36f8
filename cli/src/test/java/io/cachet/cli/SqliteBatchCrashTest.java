package io.cachet.cli;

import java.util.Map;

/** The batch crash test on the home's SQLite registry. */
class SqliteBatchCrashTest extends BatchCrashContract {
    @Override
    Map<String, String> registryEnvironment() {
        return Map.of();
    }
}
