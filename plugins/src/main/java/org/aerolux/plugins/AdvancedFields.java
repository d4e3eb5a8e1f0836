package org.aerolux.plugins;

import ij.gui.GenericDialog;
import ij.plugin.frame.Recorder;
import java.awt.Choice;
import java.awt.TextField;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The expert fields of a dialog (tiling, batch, temperature, the CUDA-only settings), kept out of the everyday
 * dialog in an "Advanced..." dialog of their own, as StarDist does. The macro keys do not change:
 * <ul>
 *   <li>interactively the main dialog shows an {@code Advanced...} button that opens them; whether it was opened
 *       or not, the Recorder gets every advanced key with its value, so a recorded line always holds them all;</li>
 *   <li>from a macro (a recorded line, headless) the fields are part of the main dialog, which ImageJ never shows
 *       then, so each key is read from the macro options as before (absent keys take their defaults).</li>
 * </ul>
 * A field's label starts with its macro key, as ImageJ derives keys from the first word of a label.
 */
final class AdvancedFields {
    /** One field; {@code choices} null for a text field. */
    record Field(String key, String label, List<String> choices) {}

    /** The label of the button (and the title suffix of the second dialog). */
    static final String BUTTON = "Advanced...";

    private final String title;
    private final List<Field> fields;
    private final Map<String, String> values = new LinkedHashMap<>();

    AdvancedFields(String title, List<Field> fields, Map<String, String> initial) {
        this.title = title;
        this.fields = List.copyOf(fields);
        for (Field f : fields) values.put(f.key(), initial.getOrDefault(f.key(), ""));
    }

    /** Adds the fields themselves (macro) or the button that opens them (interactive). */
    void addTo(GenericDialog gd) {
        if (MacroOptions.isMacro()) {
            addFields(gd);
        } else {
            gd.addMessage("Tile size, overlap, blending, batch" + (values.containsKey("temperature") ? ", temperature" : "")
                    + " and the CUDA-only settings:");
            gd.addButton(BUTTON, e -> edit());
        }
    }

    /** The values (key to text): read from the dialog (macro), or as set in the advanced dialog and recorded. */
    Map<String, String> read(GenericDialog gd) {
        if (MacroOptions.isMacro()) {
            for (Field f : fields) values.put(f.key(), (f.choices() == null ? gd.getNextString() : gd.getNextChoice()).trim());
        } else if (Recorder.record) {
            for (Field f : fields) Recorder.recordOption(f.key(), values.get(f.key()));
        }
        return Map.copyOf(values);
    }

    private void addFields(GenericDialog gd) {
        for (Field f : fields) {
            String v = values.get(f.key());
            if (f.choices() == null) gd.addStringField(f.label(), v, 8);
            else gd.addChoice(f.label(), MacroOptions.choices(f.key(), f.choices()), v);
        }
    }

    /** The advanced dialog (on the event thread, modal over the main one); its fields are read without recording. */
    private void edit() {
        GenericDialog gd = new GenericDialog(title + " - advanced");
        addFields(gd);
        gd.showDialog();
        if (gd.wasCanceled()) return;
        int text = 0, choice = 0;
        for (Field f : fields) {
            String v = f.choices() == null ? ((TextField) gd.getStringFields().get(text++)).getText()
                    : ((Choice) gd.getChoices().get(choice++)).getSelectedItem();
            values.put(f.key(), v.trim());
        }
    }
}
