// AeroLux headless batch for Fiji: segment every GeoTIFF of a folder, then enhance every photo of another.
// Run:  ImageJ-linux64 --headless --console -macro samples/fiji-batch.ijm "in=/data/scenes out=/data/results"
// Interrupted runs resume: files whose outputs exist are skipped (add "overwrite" to redo them).
args = getArgument();
input = "";
output = "";
parts = split(args, " ");
for (i = 0; i < parts.length; i++) {
    if (startsWith(parts[i], "in=")) input = substring(parts[i], 3);
    if (startsWith(parts[i], "out=")) output = substring(parts[i], 4);
}
if (input == "" || output == "") exit("usage: -macro fiji-batch.ijm \"in=DIR out=DIR\"");
run("AeroLux System Check");
run("AeroLux Batch", "task=segment input=[" + input + "] output=[" + output + "/segmentation] model=farseg-demo"
    + " bands=default tile=auto overlap=auto blend=cosine device=auto batch=4 temperature=auto labels confidence vectors");
run("AeroLux Batch", "task=enhance input=[" + input + "] output=[" + output + "/enhanced] model=cue-demo device=auto");
print("AeroLux batch done: " + output);
