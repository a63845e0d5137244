package io.gridsense.agent.onvif.device;

/** A request the device service refuses, answered as a SOAP fault with an ONVIF subcode (ter:…). */
final class DeviceFault extends Exception {

    private final boolean sender;
    private final String subcode;

    DeviceFault(boolean sender, String subcode, String reason) {
        super(reason);
        this.sender = sender;
        this.subcode = subcode;
    }

    /** "Sender" when the request was wrong, "Receiver" when the device could not do it. */
    String code() {
        return sender ? "Sender" : "Receiver";
    }

    String subcode() {
        return subcode;
    }
}
