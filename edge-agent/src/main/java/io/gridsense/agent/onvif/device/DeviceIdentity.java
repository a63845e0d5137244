package io.gridsense.agent.onvif.device;

import io.gridsense.agent.onvif.DeviceInformation;

/**
 * Who the device service is and who may use it: its information, its endpoint reference (a stable
 * {@code urn:uuid:…}), the name scope it announces, and the one user with its password.
 */
public record DeviceIdentity(DeviceInformation information, String endpointReference, String name, String user,
                             String password) {

    /** Never print the password. */
    @Override
    public String toString() {
        return "DeviceIdentity[information=" + information + ", endpointReference=" + endpointReference + ", name=" + name
                + ", user=" + user + ", password=***]";
    }
}
