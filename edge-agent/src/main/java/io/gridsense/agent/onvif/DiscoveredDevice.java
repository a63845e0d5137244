package io.gridsense.agent.onvif;

import java.net.URI;
import java.util.List;

/** A device that answered a WS-Discovery probe: its endpoint reference, service addresses, types and scopes. */
public record DiscoveredDevice(String endpointReference, List<URI> xaddrs, List<String> types, List<String> scopes) {

    /** The first scope value under {@code onvif://www.onvif.org/<kind>/}, e.g. "name" or "hardware"; null if none. */
    public String scope(String kind) {
        String prefix = "onvif://www.onvif.org/" + kind + "/";
        return scopes.stream().filter(s -> s.startsWith(prefix)).map(s -> s.substring(prefix.length())).findFirst()
                .orElse(null);
    }
}
