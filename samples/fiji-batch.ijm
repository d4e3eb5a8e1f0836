// AeroLux headless batch for Fiji.
// 1. Segments every GeoTIFF (.tif, .tiff) of the input folder with farseg-demo:
//      OUT/segmentation/STEM_labels.tif, STEM_confidence.tif, STEM_objects.geojson, STEM_aerolux.json
// 2. Enhances every image of the same input folder (GeoTIFFs and PNG/JPEG photos) with cue-demo, or of the
//    folder photos=DIR when given:
//      OUT/enhanced/STEM_enhanced.tif (.png for a photo), STEM_aerolux.json
// Run (square brackets around paths that hold spaces):
//   ImageJ-linux64 --headless --console -macro samples/fiji-batch.ijm "in=/data/scenes out=/data/results"
//   ImageJ-linux64 --headless --console -macro samples/fiji-batch.ijm "in=[/data/my scenes] out=/data/results photos=/data/photos device=cpu"
// Optional: photos=DIR (the folder to enhance), device=auto|cpu|gpu (default auto), and the word overwrite.
// Interrupted runs resume: files whose outputs exist are skipped; add the word overwrite to redo them.
// Georeferencing (CRS and grid) is kept in every GeoTIFF written.
args = " " + getArgument() + " ";
input = call("ij.Macro.getValue", args, "in", "");
output = call("ij.Macro.getValue", args, "out", "");
photos = call("ij.Macro.getValue", args, "photos", input);
device = call("ij.Macro.getValue", args, "device", "auto");
overwrite = "";
if (indexOf(args, " overwrite ") >= 0) overwrite = " overwrite";
if (input == "" || output == "") exit("usage: -macro fiji-batch.ijm \"in=DIR out=DIR [photos=DIR] [device=auto|cpu|gpu] [overwrite]\"");
run("AeroLux System Check");
run("AeroLux Batch", "task=segment input=[" + input + "] output=[" + output + "/segmentation] model=farseg-demo"
    + " bands=default tile=auto overlap=auto blend=cosine device=" + device + " batch=4 temperature=auto"
    + " labels confidence vectors" + overwrite);
run("AeroLux Batch", "task=enhance input=[" + photos + "] output=[" + output + "/enhanced] model=cue-demo"
    + " bands=default tile=auto device=" + device + overwrite);
print("AeroLux batch done: " + output);
