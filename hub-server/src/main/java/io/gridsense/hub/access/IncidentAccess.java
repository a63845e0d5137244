package io.gridsense.hub.access;

import io.gridsense.hub.grid.GridDirectory;
import io.gridsense.hub.incident.Incident;
import io.gridsense.hub.incident.LoopAction;
import io.gridsense.hub.push.PushRepository;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.EnumSet;
import java.util.Set;

/**
 * Who may see and move which incident. Admins: all. Operators: every case in their grid subtree, and every loop
 * action but the gridworker's own (arrive, feedback). Mediators: read within their subtree. Gridworkers: the
 * cases pushed or dispatched to them or reported by them; they take (accept), arrive, give feedback and may
 * declare a false alarm, but never dispatch, verify (close), send back or evaluate.
 */
public final class IncidentAccess {

    private static final Set<LoopAction> OPERATOR_ACTIONS = EnumSet.of(LoopAction.ACCEPT, LoopAction.REJECT,
            LoopAction.DISPATCH, LoopAction.VERIFY, LoopAction.REWORK, LoopAction.EVALUATE);

    private final GridDirectory grids;
    private final PushRepository pushes;

    public IncidentAccess(GridDirectory grids, PushRepository pushes) {
        this.grids = grids;
        this.pushes = pushes;
    }

    /**
     * The grid-path prefix a scoped principal's lists are limited to: null for the whole hub; the scope's path
     * otherwise. A scope grid that no longer exists yields a prefix nothing matches.
     */
    public String pathPrefix(Principal p) {
        if (p.role() == Role.ADMIN || p.scope() == null) {
            return null;
        }
        String path = grids.path(p.scope());
        return path == null ? "/\u0000no-such-scope/" : path;
    }

    /** Whether a grid code lies in the principal's scope (unscoped principals: every grid, and none too). */
    public boolean gridInScope(Principal p, String gridCode) {
        return pathPrefix(p) == null || (gridCode != null && grids.isWithin(gridCode, p.scope()));
    }

    private boolean inScope(Principal p, Incident i) {
        String prefix = pathPrefix(p);
        return prefix == null || (i.loop().gridPath() != null && i.loop().gridPath().startsWith(prefix));
    }

    private boolean workerHas(Connection c, Principal p, Incident i) throws SQLException {
        return p.subject().equals(i.loop().assignee()) || ("worker:" + p.subject()).equals(i.loop().reportedBy())
                || pushes.wasPushed(c, i.id(), p.subject());
    }

    public boolean canRead(Connection c, Principal p, Incident i) throws SQLException {
        return switch (p.role()) {
            case ADMIN -> true;
            case OPERATOR, MEDIATOR -> inScope(p, i);
            case WORKER -> workerHas(c, p, i);
            case AGENT -> false;
        };
    }

    public boolean canAct(Connection c, Principal p, Incident i, LoopAction a) throws SQLException {
        return switch (p.role()) {
            case ADMIN -> true;
            case OPERATOR -> inScope(p, i) && OPERATOR_ACTIONS.contains(a);
            case WORKER -> switch (a) {
                case ACCEPT -> pushes.wasPushed(c, i.id(), p.subject());
                case ARRIVE, FEEDBACK -> p.subject().equals(i.loop().assignee());
                case REJECT -> p.subject().equals(i.loop().assignee()) || pushes.wasPushed(c, i.id(), p.subject());
                default -> false;
            };
            case MEDIATOR, AGENT -> false;
        };
    }

    /** Whether the principal may report a case by hand in a grid. */
    public boolean canReport(Principal p, String gridCode) {
        return switch (p.role()) {
            case ADMIN, WORKER -> true;
            case OPERATOR -> gridInScope(p, gridCode);
            case MEDIATOR, AGENT -> false;
        };
    }
}
