package dev.warden.runner.blueprint;

import java.util.Map;

/** Which line of which file each element of a blueprint came from (JSON pointer to line). */
public record BlueprintSource(String file, Map<String, Integer> lines) {

    public BlueprintSource {
        lines = Map.copyOf(lines);
    }

    /** {@code file:line} of the element at the pointer, or of its nearest written parent. */
    public String where(String pointer) {
        String p = pointer;
        while (p != null && !p.isEmpty()) {
            Integer line = lines.get(p);
            if (line != null) {
                return file + ":" + line;
            }
            int slash = p.lastIndexOf('/');
            p = slash <= 0 ? null : p.substring(0, slash);
        }
        return file;
    }

    /** {@code /final/permissionSets/1} as {@code final.permissionSets[1]}, the way users read paths. */
    public static String readable(String pointer) {
        StringBuilder out = new StringBuilder();
        for (String part : pointer.split("/")) {
            if (part.isEmpty()) {
                continue;
            }
            if (part.matches("\\d+")) {
                out.append('[').append(part).append(']');
            } else {
                if (out.length() > 0) {
                    out.append('.');
                }
                out.append(part);
            }
        }
        return out.toString();
    }
}
