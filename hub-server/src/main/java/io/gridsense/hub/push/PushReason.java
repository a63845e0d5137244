package io.gridsense.hub.push;

/**
 * Why a worker is pushed: they own the incident's grid, they are among the nearest on duty, or nobody answered
 * in time and they are the next nearest (REPUSH).
 */
public enum PushReason {
    GRID_OWNER, NEAREST, REPUSH
}
