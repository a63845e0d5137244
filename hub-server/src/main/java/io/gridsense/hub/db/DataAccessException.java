package io.gridsense.hub.db;

import java.sql.SQLException;

/** An unchecked wrapper for a failed SQL statement, so callers above the repositories stay free of JDBC. */
public final class DataAccessException extends RuntimeException {
    public DataAccessException(SQLException cause) {
        super(cause.getMessage(), cause);
    }
}
