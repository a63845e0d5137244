package io.gridsense.agent.onvif;

import java.io.IOException;

/** An ONVIF call that failed, with the kind of failure and a plain-words message a person can act on. */
public final class OnvifException extends IOException {

    /** What went wrong, so callers can choose to retry, ask for a password or give up. */
    public enum Kind { NOT_AUTHORIZED, FAULT, TIMEOUT, UNREACHABLE, NOT_ONVIF }

    private final Kind kind;

    public OnvifException(Kind kind, String message) {
        super(message);
        this.kind = kind;
    }

    public OnvifException(Kind kind, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }
}
