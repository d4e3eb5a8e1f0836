package org.aerolux.plugins;

import ij.Macro;
import java.util.ArrayList;
import java.util.List;

/**
 * The macro side of the dialogs. With macro options (a recorded line run in the GUI, or headless), dialogs start
 * from fixed defaults so a line means the same everywhere; interactively they start from the last values used.
 */
final class MacroOptions {
    private MacroOptions() {}

    /** True when the command runs from a macro line (its keys fill the dialog). */
    static boolean isMacro() { return Macro.getOptions() != null; }

    /** The value the macro line gives for {@code key}, or null. */
    static String value(String key) {
        String options = Macro.getOptions();
        return options == null ? null : Macro.getValue(options, key, null);
    }

    /**
     * The items of a choice plus the macro's value for {@code key} when it is not among them (e.g. a model given
     * as a path, or gpu:1): ImageJ accepts any value for a choice from a macro, but the headless dialog would
     * silently take the first item instead.
     */
    static String[] choices(String key, List<String> items) {
        List<String> all = new ArrayList<>(items);
        String v = value(key);
        if (v != null && !v.isBlank() && !all.contains(v)) all.add(v);
        return all.toArray(new String[0]);
    }

    /** The default of a field: {@code fixed} in a macro, else the value remembered from the last run. */
    static String initial(String remembered, String fixed) {
        return isMacro() || remembered == null ? fixed : remembered;
    }
}
