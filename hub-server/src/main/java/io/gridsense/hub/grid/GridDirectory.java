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

    /**
     * The grid and its ancestors as "/root/…/code/" (what incident scope checks match on with a prefix), or null
     * for an unknown grid. A broken parent chain stops at the last known ancestor.
     */
    public String path(String code) {
        GridIndex ix = index.get();
        java.util.ArrayDeque<String> chain = new java.util.ArrayDeque<>();
        String c = code;
        while (c != null && chain.size() < 16) {
            Optional<Grid> g = ix.byCode(c);
            if (g.isEmpty()) {
                break;
            }
            chain.addFirst(c);
            c = g.get().parentCode();
        }
        return chain.isEmpty() ? null : "/" + String.join("/", chain) + "/";
    }

    /** Whether a grid lies in the subtree of another (itself included). */
    public boolean isWithin(String code, String ancestor) {
        String p = path(code);
        return p != null && ancestor != null && p.contains("/" + ancestor + "/");
    }

    /** The ancestor of a grid (or itself) at a level, if any. */
    public Optional<Grid> ancestorAt(String code, GridLevel level) {
        String c = code;
        for (int hops = 0; c != null && hops < 16; hops++) {
            Optional<Grid> g = index.get().byCode(c);
            if (g.isEmpty()) {
                return Optional.empty();
            }
            if (g.get().level() == level) {
                return g;
            }
            c = g.get().parentCode();
        }
        return Optional.empty();
    }

    /** How many grids the live index holds. */
    public int size() {
        return index.get().size();
    }

    /** Every grid as stored. */
    public List<Grid> all() {
        return db.read(repo::all);
    }
}
