package io.gridsense.hub.access;

import io.gridsense.hub.incident.CommandLevel;

/**
 * A person who logs in: an admin, an operator of a command centre at a level whose scope is a grid subtree, a
 * gridworker (whose user name is their worker id) or a mediator. The password hash never leaves the
 * repository in this record.
 */
public record User(String username, Role role, String scopeCode, CommandLevel level, String displayName, boolean disabled) {
}
