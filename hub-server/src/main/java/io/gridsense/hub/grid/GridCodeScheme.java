package io.gridsense.hub.grid;

import java.util.Optional;

/**
 * How grid codes are built, so that a district file is checked on import and a code alone tells its level and
 * parent. {@link #FREE} (the default) accepts any code of 1–64 characters, as before. The administrative scheme
 * builds on the 12-digit statistical division code (省2 市2 县2 乡镇/街道3 村/社区3):
 * <ul>
 *   <li>district: 6 digits of province, city and county (county part not 00) + {@code 000000}</li>
 *   <li>street: the district's first 6 + 3 digits (not 000) + {@code 000}</li>
 *   <li>community: the street's first 9 + 3 digits (not 000)</li>
 *   <li>grid: the community code + separator + {@code gridDigits} digits (not all 0)</li>
 *   <li>micro-grid: the grid code + separator + {@code microgridDigits} digits (not all 0)</li>
 * </ul>
 * Spec strings ({@link #parse}): {@code free}, or {@code admin12+3+2} (no separator: grid 3, micro-grid 2
 * digits) or {@code admin12-2-2} (with "-" between the parts, as the demo district's {@code 330106001001-01}).
 */
public record GridCodeScheme(boolean free, int gridDigits, int microgridDigits, String separator) {

    /** Any code of 1–64 characters; level and parent come from the file. */
    public static final GridCodeScheme FREE = new GridCodeScheme(true, 0, 0, "");

    public GridCodeScheme {
        if (!free && (gridDigits < 1 || gridDigits > 9 || microgridDigits < 1 || microgridDigits > 9)) {
            throw new IllegalArgumentException("grid and micro-grid digits must be 1..9, got " + gridDigits + " and "
                    + microgridDigits);
        }
        if (separator == null || separator.length() > 1 || !separator.isEmpty() && Character.isDigit(separator.charAt(0))) {
            throw new IllegalArgumentException("separator must be empty or one non-digit character");
        }
    }

    /** {@code free}, {@code admin12+G+M} or {@code admin12<sep>G<sep>M} (sep one non-digit character, e.g. "-"). */
    public static GridCodeScheme parse(String spec) {
        String s = spec == null ? "" : spec.trim();
        if (s.equalsIgnoreCase("free") || s.isEmpty()) {
            return FREE;
        }
        String bad = "grid code scheme '" + s + "': expected free, admin12+G+M or admin12-G-M (G, M digits of grid "
                + "and micro-grid, 1..9)";
        if (!s.startsWith("admin12") || s.length() != "admin12".length() + 4) {
            throw new IllegalArgumentException(bad);
        }
        char sep1 = s.charAt(7);
        char sep2 = s.charAt(9);
        char g = s.charAt(8);
        char m = s.charAt(10);
        if (sep1 != sep2 || !Character.isDigit(g) || !Character.isDigit(m)) {
            throw new IllegalArgumentException(bad);
        }
        return new GridCodeScheme(false, g - '0', m - '0', sep1 == '+' ? "" : String.valueOf(sep1));
    }

    /** The spec string this scheme parses from. */
    public String spec() {
        return free ? "free" : "admin12" + (separator.isEmpty() ? "+" : separator) + gridDigits
                + (separator.isEmpty() ? "+" : separator) + microgridDigits;
    }

    /** The level a code has under this scheme; empty under {@link #FREE}. Throws when the code breaks the scheme. */
    public Optional<GridLevel> levelOf(String code) {
        if (free) {
            return Optional.empty();
        }
        String division = code.length() >= 12 ? code.substring(0, 12) : code;
        if (division.length() != 12 || !digits(division)) {
            throw rule(code, "must start with the 12-digit administrative division code");
        }
        String rest = code.substring(12);
        if (rest.isEmpty()) {
            if (division.substring(6).equals("000000")) {
                if (division.startsWith("00", 4)) {
                    throw rule(code, "a district code needs a county part (digits 5-6) other than 00");
                }
                return Optional.of(GridLevel.DISTRICT);
            }
            if (division.startsWith("000", 6)) {
                throw rule(code, "a street or community code needs a street part (digits 7-9) other than 000");
            }
            return Optional.of(division.endsWith("000") ? GridLevel.STREET : GridLevel.COMMUNITY);
        }
        if (division.startsWith("000", 6) || division.endsWith("000")) {
            throw rule(code, "grids lie in a community: digits 7-9 and 10-12 must not be 000");
        }
        int gridLen = separator.length() + gridDigits;
        int microLen = gridLen + separator.length() + microgridDigits;
        if (rest.length() != gridLen && rest.length() != microLen) {
            throw rule(code, "after the 12-digit community code comes " + part(gridDigits) + " (grid)"
                    + " and optionally " + part(microgridDigits) + " (micro-grid)");
        }
        checkPart(code, rest.substring(0, gridLen), gridDigits, "grid");
        if (rest.length() == gridLen) {
            return Optional.of(GridLevel.GRID);
        }
        checkPart(code, rest.substring(gridLen), microgridDigits, "micro-grid");
        return Optional.of(GridLevel.MICROGRID);
    }

    /** The code of the enclosing grid derived from a code (null for a district); empty under {@link #FREE}. */
    public Optional<String> parentOf(String code) {
        Optional<GridLevel> level = levelOf(code);
        if (level.isEmpty()) {
            return Optional.empty();
        }
        return Optional.ofNullable(switch (level.get()) {
            case DISTRICT -> null;
            case STREET -> code.substring(0, 6) + "000000";
            case COMMUNITY -> code.substring(0, 9) + "000";
            case GRID -> code.substring(0, 12);
            case MICROGRID -> code.substring(0, 12 + separator.length() + gridDigits);
        });
    }

    /**
     * Checks one grid of a district file: the code follows the scheme, and the level and parent the file gives
     * (if any) are the ones the code implies. Returns the grid with level and parent filled in from the code.
     */
    public Grid check(Grid g, boolean levelGiven) {
        if (free) {
            return g;
        }
        GridLevel level;
        String parent;
        try {
            level = levelOf(g.code()).orElseThrow();
            parent = parentOf(g.code()).orElse(null);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("grid " + g.code() + " (" + g.name() + "): " + e.getMessage(), e);
        }
        if (levelGiven && g.level() != level) {
            throw new IllegalArgumentException("grid " + g.code() + " (" + g.name() + "): level " + g.level().wireName()
                    + " but under scheme " + spec() + " the code is a " + level.wireName() + " code");
        }
        if (g.parentCode() != null && !g.parentCode().equals(parent)) {
            throw new IllegalArgumentException("grid " + g.code() + " (" + g.name() + "): parent " + g.parentCode()
                    + " but under scheme " + spec() + " the code's parent is " + parent);
        }
        return new Grid(g.code(), g.name(), level, parent, g.geometry());
    }

    private void checkPart(String code, String part, int n, String what) {
        String d = part.substring(separator.length());
        if (!part.startsWith(separator) || d.length() != n || !digits(d) || d.chars().allMatch(ch -> ch == '0')) {
            throw rule(code, "the " + what + " part must be " + part(n) + ", not all 0");
        }
    }

    private String part(int n) {
        return (separator.isEmpty() ? "" : "'" + separator + "' + ") + n + " digits";
    }

    private IllegalArgumentException rule(String code, String why) {
        return new IllegalArgumentException("code " + code + " does not follow grid code scheme " + spec() + ": " + why);
    }

    private static boolean digits(String s) {
        return !s.isEmpty() && s.chars().allMatch(ch -> ch >= '0' && ch <= '9');
    }
}
