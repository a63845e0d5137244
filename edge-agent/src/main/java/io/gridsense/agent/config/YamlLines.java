package io.gridsense.agent.config;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;

/**
 * The line of every field in a YAML document, keyed by JSON pointer ({@code /cameras/0/url}), so a config
 * error can name the line of the field it is about rather than where the parser happened to stop.
 */
final class YamlLines {

    private YamlLines() {
    }

    static Map<String, Integer> of(String yaml) {
        Map<String, Integer> lines = new HashMap<>();
        try (JsonParser p = new YAMLFactory().createParser(yaml)) {
            JsonToken t;
            while ((t = p.nextToken()) != null) {
                if (t == JsonToken.FIELD_NAME) {
                    String parent = p.getParsingContext().getParent().pathAsPointer().toString();
                    lines.putIfAbsent(parent + "/" + p.currentName(), p.currentTokenLocation().getLineNr());
                }
            }
        } catch (IOException e) {
            // a syntax error: the caller reports the parser's own location
        }
        return lines;
    }
}
