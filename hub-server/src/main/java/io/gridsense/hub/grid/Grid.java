package io.gridsense.hub.grid;

/**
 * One grid of the hierarchy.
 *
 * @param geometry GeoJSON geometry text (Polygon or MultiPolygon, [lon, lat] order)
 */
public record Grid(String code, String name, GridLevel level, String parentCode, String geometry) {
}
