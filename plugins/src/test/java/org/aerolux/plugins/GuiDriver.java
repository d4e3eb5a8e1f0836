package org.aerolux.plugins;

import ij.IJ;
import ij.ImageJ;
import ij.ImagePlus;
import ij.Macro;
import ij.Menus;
import ij.WindowManager;
import ij.gui.GenericDialog;
import ij.plugin.frame.Recorder;
import java.awt.Button;
import java.awt.Checkbox;
import java.awt.Choice;
import java.awt.Component;
import java.awt.Container;
import java.awt.EventQueue;
import java.awt.Menu;
import java.awt.MenuItem;
import java.awt.Robot;
import java.awt.TextField;
import java.awt.Window;
import java.awt.event.ActionEvent;
import java.awt.event.KeyEvent;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;

/**
 * Drives real ImageJ with a display (started by {@link GuiIT} on its own Xvfb, in this child JVM): the AeroLux
 * commands in ImageJ's command table, a screenshot of the open Plugins &gt; AeroLux menu, dialog runs with the
 * Recorder on, replays of the recorded lines, and Esc during a run. Results go to files in the output folder
 * for the test to check.
 *
 * <p>Steps are named on the command line: {@code menu}, {@code record}, {@code cancel}.
 */
public final class GuiDriver {
    private final Path out;
    private final Robot robot;
    private final StringBuilder report = new StringBuilder();

    private GuiDriver(Path out) throws Exception {
        this.out = out;
        this.robot = new Robot();
        robot.setAutoDelay(40);
    }

    public static void main(String[] args) throws Exception {
        Path out = Path.of(args[0]);
        GuiDriver d = new GuiDriver(out);
        int code = 0;
        try {
            d.start();
            for (int i = 1; i < args.length; i++) {
                switch (args[i]) {
                    case "menu" -> d.menu();
                    case "record-import" -> d.recordImport();
                    default -> GuiSteps.run(args[i], d);
                }
            }
        } catch (Throwable t) {
            d.note("FAILED " + t);
            java.io.StringWriter w = new java.io.StringWriter();
            t.printStackTrace(new java.io.PrintWriter(w));
            d.note(w.toString());
            code = 1;
        } finally {
            d.write("report.txt", d.report.toString());
            System.exit(code);
        }
    }

    void note(String line) {
        report.append(line).append('\n');
        System.out.println("[gui] " + line);
    }

    void write(String name, String text) throws java.io.IOException {
        Files.writeString(out.resolve(name), text, StandardCharsets.UTF_8);
    }

    Path out() { return out; }

    Robot robot() { return robot; }

    private void start() throws Exception {
        EventQueue.invokeAndWait(() -> new ImageJ());
        waitFor("the ImageJ window", () -> IJ.getInstance() != null && IJ.getInstance().isShowing());
        robot.waitForIdle();
        note("ImageJ " + IJ.getFullVersion() + " up");
    }

    /** The AeroLux commands of ImageJ's command table, and a screenshot of the open Plugins > AeroLux menu. */
    private void menu() throws Exception {
        Hashtable<?, ?> commands = Menus.getCommands();
        Map<String, String> ours = new TreeMap<>();
        for (Map.Entry<?, ?> e : commands.entrySet())
            if (String.valueOf(e.getValue()).startsWith("org.aerolux.")) ours.put(String.valueOf(e.getKey()), String.valueOf(e.getValue()));
        StringBuilder sb = new StringBuilder();
        ours.forEach((k, v) -> sb.append(k).append('\t').append(v).append('\n'));
        Menu plugins = Menus.getImageJMenu("Plugins");
        Menu aerolux = Menus.getImageJMenu("Plugins>AeroLux");
        List<String> items = new ArrayList<>();
        for (int i = 0; i < aerolux.getItemCount(); i++) items.add(aerolux.getItem(i).getLabel());
        sb.append("menu\t").append(String.join("|", items)).append('\n');
        write("commands.txt", sb.toString());

        // open Plugins > AeroLux with the keyboard: F10 opens the menu bar's first menu (XToolkit), arrows move
        int pluginsIndex = indexOf(IJ.getInstance().getMenuBar(), "Plugins");
        int aeroluxIndex = -1, selectable = 0;
        for (int i = 0; i < plugins.getItemCount(); i++) {
            MenuItem it = plugins.getItem(i);
            if (it.getLabel().equals("-")) continue;
            if (it.getLabel().equals("AeroLux")) aeroluxIndex = selectable;
            selectable++;
        }
        note("Plugins is menu " + pluginsIndex + ", AeroLux is its item " + aeroluxIndex);
        focusImageJ();
        key(KeyEvent.VK_F10);
        java.awt.MenuBar bar = IJ.getInstance().getMenuBar();
        for (int i = 0; i < pluginsIndex; i++) {
            // with the keyboard, Right first opens the submenus that the highlighted first item leads to
            for (MenuItem first = firstItem(bar.getMenu(i)); first instanceof Menu m; first = firstItem(m)) key(KeyEvent.VK_RIGHT);
            key(KeyEvent.VK_RIGHT);
        }
        for (int i = 0; i < aeroluxIndex; i++) key(KeyEvent.VK_DOWN);
        key(KeyEvent.VK_RIGHT);
        Thread.sleep(800);
        screenshot("menu.png");
        for (int i = 0; i < 3; i++) key(KeyEvent.VK_ESCAPE);
        Thread.sleep(300);
    }

    private static MenuItem firstItem(Menu menu) {
        for (int i = 0; i < menu.getItemCount(); i++) if (!menu.getItem(i).getLabel().equals("-")) return menu.getItem(i);
        return null;
    }

    private static int indexOf(java.awt.MenuBar bar, String label) {
        for (int i = 0; i < bar.getMenuCount(); i++) if (bar.getMenu(i).getLabel().equals(label)) return i;
        throw new IllegalStateException("no menu " + label);
    }

    /** Import GeoTIFF through its dialog with the Recorder on; then the recorded line replayed. */
    private void recordImport() throws Exception {
        Path file = Path.of(System.getProperty("aerolux.gui.landsat"));
        startRecorder();
        String text = runDialog("AeroLux Import GeoTIFF", null, gd -> setText(gd, 0, file.toString()));
        waitFor("the imported image", () -> WindowManager.getCurrentImage() != null);
        ImagePlus a = WindowManager.getCurrentImage();
        String first = a.getTitle() + " " + a.getWidth() + "x" + a.getHeight() + "x" + a.getStackSize() + " " + a.getProp("AeroLux.EPSG");
        String line = recordedLine("AeroLux Import GeoTIFF");
        write("record-import.txt", line + "\n" + first + "\n");
        closeAll();
        IJ.runMacro(line);
        ImagePlus b = WindowManager.getCurrentImage();
        String again = b == null ? "none" : b.getTitle() + " " + b.getWidth() + "x" + b.getHeight() + "x" + b.getStackSize() + " " + b.getProp("AeroLux.EPSG");
        Files.writeString(out.resolve("record-import.txt"), again + "\n", java.nio.file.StandardOpenOption.APPEND);
        note("recorded " + line + " (dialog " + text + ")");
        closeAll();
    }

    void startRecorder() throws Exception {
        if (Recorder.getInstance() == null) EventQueue.invokeAndWait(() -> new Recorder());
        waitFor("the Recorder", () -> Recorder.getInstance() != null && Recorder.record);
    }

    /** The last line the Recorder recorded for a command. */
    String recordedLine(String command) throws Exception {
        AtomicReference<String> line = new AtomicReference<>();
        waitFor("a recorded " + command, () -> {
            String[] lines = Recorder.getInstance().getText().split("\n");
            for (int i = lines.length - 1; i >= 0; i--)
                if (lines[i].startsWith("run(\"" + command + "\"")) {
                    line.set(lines[i].trim());
                    return true;
                }
            return false;
        });
        return line.get();
    }

    /** What a dialog's fields are set to. */
    interface DialogFiller {
        void fill(GenericDialog gd) throws Exception;
    }

    /**
     * Runs a menu command as a click would (its own thread, no macro options), waits for its dialog, fills it,
     * presses OK, and returns the dialog's field values as text.
     */
    String runDialog(String command, ImagePlus on, DialogFiller filler) throws Exception {
        return runDialog(command, on, filler, null);
    }

    /** As {@link #runDialog(String, ImagePlus, DialogFiller)}, filling the "Advanced..." dialog too when {@code advanced} is given. */
    String runDialog(String command, ImagePlus on, DialogFiller filler, DialogFiller advanced) throws Exception {
        GenericDialog gd = openDialog(command, on);
        fill(gd, filler);
        if (advanced != null) {
            GenericDialog adv = openAdvanced(gd, command);
            fill(adv, advanced);
            press(adv, 0);
        }
        String values = describe(gd);
        press(gd, 0);
        return values;
    }

    /** Runs a menu command as a click would and waits for its dialog. */
    GenericDialog openDialog(String command, ImagePlus on) throws Exception {
        if (on != null) WindowManager.setCurrentWindow(on.getWindow());
        IJ.doCommand(command);
        return waitForDialog(command);
    }

    /** Clicks the dialog's "Advanced..." button and waits for the advanced dialog. */
    GenericDialog openAdvanced(GenericDialog gd, String command) throws Exception {
        Button advanced = null;
        for (Component k : all(gd)) if (k instanceof Button b && b.getLabel().equals("Advanced...")) advanced = b;
        if (advanced == null) throw new IllegalStateException("no Advanced... button in " + command);
        Button b = advanced;
        EventQueue.invokeLater(() -> {
            for (java.awt.event.ActionListener l : b.getActionListeners())
                l.actionPerformed(new ActionEvent(b, ActionEvent.ACTION_PERFORMED, b.getLabel()));
        });
        return waitForDialog(command + " - advanced");
    }

    static GenericDialog waitForDialog(String title) throws InterruptedException {
        AtomicReference<GenericDialog> dialog = new AtomicReference<>();
        waitFor("the dialog " + title, () -> {
            for (Window w : Window.getWindows())
                if (w instanceof GenericDialog g && g.isShowing() && title.equals(g.getTitle())) {
                    dialog.set(g);
                    return true;
                }
            return false;
        });
        return dialog.get();
    }

    private static void fill(GenericDialog gd, DialogFiller filler) throws Exception {
        AtomicReference<Exception> failure = new AtomicReference<>();
        EventQueue.invokeAndWait(() -> {
            try {
                filler.fill(gd);
            } catch (Exception e) {
                failure.set(e);
            }
        });
        if (failure.get() != null) throw failure.get();
    }

    /** Presses a button of the dialog: 0 OK, 1 Cancel. */
    static void press(GenericDialog gd, int button) throws Exception {
        Button b = gd.getButtons()[button];
        EventQueue.invokeAndWait(() -> gd.actionPerformed(new ActionEvent(b, ActionEvent.ACTION_PERFORMED, b.getLabel())));
    }

    /** Every component of a container, depth first. */
    static List<Component> all(Container c) {
        List<Component> out = new ArrayList<>();
        for (Component k : c.getComponents()) {
            out.add(k);
            if (k instanceof Container inner) out.addAll(all(inner));
        }
        return out;
    }

    /** The texts a user sees in a dialog, one a line: labels, checkbox labels (with their state), buttons, choices. */
    static String components(Container c) {
        StringBuilder sb = new StringBuilder();
        for (Component k : all(c)) {
            if (!k.isVisible()) continue;
            if (k instanceof java.awt.Label l) sb.append("label\t").append(l.getText()).append('\n');
            else if (k instanceof Checkbox b) sb.append("checkbox\t").append(b.getLabel()).append('\n');
            else if (k instanceof Button b) sb.append("button\t").append(b.getLabel()).append('\n');
            else if (k instanceof Choice ch) sb.append("choice\t").append(ch.getSelectedItem()).append('\n');
            else if (k instanceof TextField t) sb.append("text\t").append(t.getText()).append('\n');
        }
        return sb.toString();
    }

    static void setText(GenericDialog gd, int index, String text) {
        List<Component> fields = new ArrayList<>();
        if (gd.getStringFields() != null) for (Object o : gd.getStringFields()) fields.add((Component) o);
        ((TextField) fields.get(index)).setText(text);
    }

    static void setNumber(GenericDialog gd, int index, double value) {
        ((TextField) gd.getNumericFields().get(index)).setText(IJ.d2s(value, 0));
    }

    static void setCheckbox(GenericDialog gd, int index, boolean state) {
        ((Checkbox) gd.getCheckboxes().get(index)).setState(state);
    }

    static void setChoice(GenericDialog gd, int index, String item) {
        ((Choice) gd.getChoices().get(index)).select(item);
    }

    private static String describe(Container c) {
        StringBuilder sb = new StringBuilder();
        for (Component k : c.getComponents()) {
            if (k instanceof TextField t) sb.append('[').append(t.getText()).append(']');
            else if (k instanceof Checkbox b) sb.append(b.getLabel()).append('=').append(b.getState()).append(' ');
            else if (k instanceof Choice ch) sb.append('<').append(ch.getSelectedItem()).append('>');
            else if (k instanceof Container inner) sb.append(describe(inner));
        }
        return sb.toString();
    }

    void closeAll() throws Exception {
        for (int id : WindowManager.getIDList() == null ? new int[0] : WindowManager.getIDList()) {
            ImagePlus imp = WindowManager.getImage(id);
            if (imp != null) {
                imp.changes = false;
                EventQueue.invokeAndWait(imp::close);
            }
        }
        waitFor("no images", () -> WindowManager.getImageCount() == 0);
    }

    void focusImageJ() throws Exception {
        EventQueue.invokeAndWait(() -> {
            IJ.getInstance().toFront();
            IJ.getInstance().requestFocus();
        });
        java.awt.Point p = IJ.getInstance().getLocationOnScreen();
        robot.mouseMove(p.x + IJ.getInstance().getWidth() / 2, p.y + IJ.getInstance().getHeight() - 12);
        robot.waitForIdle();
        Thread.sleep(200);
    }

    void key(int code) throws InterruptedException {
        robot.keyPress(code);
        robot.keyRelease(code);
        robot.waitForIdle();
        Thread.sleep(250); // menus open asynchronously; a key sent too early is lost
    }

    /** A screenshot of the whole X screen with ImageMagick's import. */
    void screenshot(String name) throws Exception {
        Process p = new ProcessBuilder("import", "-window", "root", out.resolve(name).toString()).inheritIO().start();
        if (p.waitFor() != 0) throw new IllegalStateException("import failed for " + name);
    }

    static void waitFor(String what, BooleanSupplier condition) throws InterruptedException {
        long end = System.currentTimeMillis() + 60_000;
        while (!condition.getAsBoolean()) {
            if (System.currentTimeMillis() > end) throw new IllegalStateException("timed out waiting for " + what);
            Thread.sleep(50);
        }
    }

    /**
     * Runs a command with options in a thread of its own, as a macro's run(...) would but without an interpreter
     * (ImageJ reads macro options only in threads named "Run$_...").
     */
    static Thread runAsMenuCommand(String command, String options) {
        Thread t = new Thread(() -> {
            Macro.setOptions(options);
            try {
                new ij.Executer(command).run();
            } finally {
                Macro.setOptions(null);
            }
        }, "Run$_" + command);
        t.start();
        return t;
    }
}
