package io.gridsense.agent.onvif;

import java.net.URI;

/** One service a device offers (GetServices): its WSDL namespace and address. */
public record ServiceAddress(String namespace, URI xaddr) {
}
