package io.gridsense.agent.command;

/** A command that cannot be carried out; the message goes back to the hub in the reply, in plain words. */
public final class CommandException extends Exception {
    public CommandException(String message) {
        super(message);
    }
}
