package io.gridsense.agent.onvif;

/** What a device says it is (GetDeviceInformation). */
public record DeviceInformation(String manufacturer, String model, String firmwareVersion, String serialNumber,
                                String hardwareId) {
}
