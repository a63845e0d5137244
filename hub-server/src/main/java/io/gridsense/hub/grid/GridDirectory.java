package io.gridsense.hub.grid;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.gridsense.hub.db.Database;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The live grid index, rebuilt from the database after every district import; lookups never touch the
 * database. Other hub instances pick up an import on their next {@link #reload()} (a later issue adds a
 * change notification).
 */
public final class GridDirectory {

    private final Database db;
    private final GridRepository repo;
    private final ObjectMapper mapper;
    private final AtomicReference<GridIndex> index;

    public GridDirectory(Database db, GridRepository repo, ObjectMapper mapper) {
        this.db = db;
        this.repo = repo;
        this.mapper = mapper;
        this.index = new AtomicReference<>(new GridIndex(List.of(), mapper));
    }

    /** Rebuilds the index from the grids table. */
    public void reload() {
        index.set(new GridIndex(db.read(repo::all), mapper));
    }

    /** The most specific grid containing a position. */
    public Optional<Grid> locate(double lat, double lon) {
        return index.get().locate(lat, lon);
    }

    /** The grid with a code, from the index. */
    public Optional<Grid> byCode(String code) {
        return index.get().byCode(code);
    }

    /** Every grid as stored. */
    public List<Grid> all() {
        return db.read(repo::all);
    }
}
