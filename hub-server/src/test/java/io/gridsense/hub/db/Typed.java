package io.gridsense.hub.db;

import java.util.List;

/** Typed wrappers for tests: lambdas inside AssertJ's overloaded assertThat need a concrete return type. */
final class Typed {
    private Typed() {
    }

    static boolean tx(Database db, SqlWork<Boolean> w) {
        return db.tx(w);
    }

    static <T> List<T> readList(Database db, ListWork<T> w) {
        return db.read(w::run);
    }

    static int readInt(Database db, IntWork w) {
        return db.read(w::run);
    }

    static boolean readBool(Database db, BoolWork w) {
        return db.read(w::run);
    }

    interface ListWork<T> {
        List<T> run(java.sql.Connection c) throws java.sql.SQLException;
    }

    interface IntWork {
        Integer run(java.sql.Connection c) throws java.sql.SQLException;
    }

    interface BoolWork {
        Boolean run(java.sql.Connection c) throws java.sql.SQLException;
    }
}
