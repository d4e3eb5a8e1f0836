#!/usr/bin/env bash
# Regenerates the committed seed corpora of the Jazzer fuzz tests (core/src/test/resources/org/aerolux/core/fuzz/)
# from the real sample files and the test fixtures, cropped or cut small (a few KB each): GDAL-written GeoTIFFs in
# several layouts, PNG/JPEG crops, broken variants, the ONNX test models, and card sidecars.
# Usage: bench/fuzz-seeds.sh   (from anywhere; needs gdal_translate and /usr/bin/python3)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
data="$root/../shared/data"
res="$root/core/src/test/resources/org/aerolux/core/fuzz"
tiff="$res/TiffReaderFuzzTestInputs/tiff"; onnx="$res/ModelCardFuzzTestInputs/onnx"; side="$res/SidecarFuzzTestInputs/sidecar"
rm -rf "$tiff" "$onnx" "$side"; mkdir -p "$tiff" "$onnx" "$side"
l7="$data/geotiff/L7_ETMs.tif"
gt() { gdal_translate -q "$@"; rm -f "${@: -1}.aux.xml"; }
gt -srcwin 100 100 12 10 "$l7" "$tiff/landsat_strips.tif"
gt -srcwin 0 0 20 18 -b 3 -b 2 -b 1 -co TILED=YES -co BLOCKXSIZE=16 -co BLOCKYSIZE=16 -co COMPRESS=DEFLATE "$l7" "$tiff/landsat_tiled_deflate.tif"
gt -srcwin 5 5 8 8 -co BIGTIFF=YES "$l7" "$tiff/landsat_bigtiff.tif"
gt -srcwin 5 5 9 7 -b 1 -ot UInt16 -co COMPRESS=LZW -co PREDICTOR=2 "$l7" "$tiff/uint16_lzw_predictor.tif"
gt -srcwin 5 5 8 8 -b 1 -b 2 -co INTERLEAVE=BAND -co COMPRESS=PACKBITS "$l7" "$tiff/planar_packbits.tif"
gt -srcwin 0 0 8 6 -b 1 -ot Float32 -a_nodata nan -a_srs EPSG:4326 -a_ullr 10 50 10.08 49.94 "$l7" "$tiff/float32_nan_geographic.tif"
gt -srcwin 0 0 8 6 -b 1 -ot Int16 -a_nodata -9999 -mo AREA_OR_POINT=Point "$l7" "$tiff/int16_nodata_pixelispoint.tif"
gt -srcwin 0 0 8 6 -b 1 -co COMPRESS=JPEG -co TILED=YES "$l7" "$tiff/jpeg_in_tiff.tif" 2>/dev/null || true
gt -srcwin 0 0 8 8 -b 1 -a_srs "+proj=aea +lat_1=29.5 +lat_2=45.5 +lat_0=37.5 +lon_0=-96 +datum=NAD83" "$l7" "$tiff/albers.tif"
gt -of PNG -srcwin 0 0 12 12 "$data/natural/color.png" "$tiff/photo.png"
gt -of JPEG -srcwin 0 0 12 12 "$data/natural/rocket.jpg" "$tiff/photo.jpg"
head -c 700 "$tiff/landsat_strips.tif" > "$tiff/truncated.tif"
/usr/bin/python3 - "$tiff" <<'PY'
import struct, sys, os
d = sys.argv[1]
# a TIFF whose directory claims 10^6 x 10^6 RGB pixels with 64 bytes of data
n = 11; ifd = 8; bits = ifd + 2 + 12 * n + 4; data = bits + 6
b = bytearray(data + 64); b[0:8] = b'II' + struct.pack('<HI', 42, ifd); struct.pack_into('<H', b, ifd, n)
ents = [(256,4,1,10**6),(257,4,1,10**6),(258,3,3,bits),(259,3,1,1),(262,3,1,2),(273,4,1,data),(277,3,1,3),(278,4,1,10**6),(279,4,1,64),(284,3,1,1),(339,3,1,1)]
for i,(t,ty,c,v) in enumerate(ents):
    o = ifd + 2 + 12 * i
    struct.pack_into('<HHI', b, o, t, ty, c)
    struct.pack_into('<HH' if ty == 3 and c == 1 else '<I', b, o + 8, *((v, 0) if ty == 3 and c == 1 else (v,)))
struct.pack_into('<HHH', b, bits, 8, 8, 8)
open(os.path.join(d, 'claims_1e6_squared.tif'), 'wb').write(b)
# the strip GeoTIFF with its GeoKey directory claiming 400 keys
src = open(os.path.join(d, 'landsat_strips.tif'), 'rb').read()
buf = bytearray(src); off = struct.unpack_from('<I', buf, 4)[0]; cnt = struct.unpack_from('<H', buf, off)[0]
for i in range(cnt):
    e = off + 2 + 12 * i
    tag, ty, c = struct.unpack_from('<HHI', buf, e)
    if tag == 34735:
        vo = struct.unpack_from('<I', buf, e + 8)[0]; struct.pack_into('<H', buf, vo + 6, 400)
open(os.path.join(d, 'geokeys_400.tif'), 'wb').write(buf)
open(os.path.join(d, 'empty.tif'), 'wb').write(b'')
open(os.path.join(d, 'bigtiff_header_only.tif'), 'wb').write(b'II+\x00\x08\x00\x00\x00' + struct.pack('<Q', 16))
PY
# the decoders and layouts of issue 15 (GDAL parity), from a small synthetic raster (no shared data): predictors
# 2 and 3 on LZW/Deflate/ZSTD, 8-bit LZW strips, big-endian, 4-band JPEG, one tile per band, sparse, MINISWHITE,
# a local engineering CRS, nodata -1 on Byte
tiff_parity_seeds() {
  local t="$1" src="$1/.synthetic.tif" fsrc="$1/.synthetic-float.tif"
  /usr/bin/python3 - "$src" "$fsrc" <<'PY'
import sys
import numpy as np
from osgeo import gdal
y, x = np.mgrid[0:20, 0:24]
for path, kind, data in [(sys.argv[1], gdal.GDT_Byte, ((x * 11 + y * 7) % 256)),
                         (sys.argv[2], gdal.GDT_Float32, ((x - 12.5) * (y + 0.25))[:10, :14])]:
    ds = gdal.GetDriverByName('GTiff').Create(path, data.shape[1], data.shape[0], 3, kind)
    ds.SetGeoTransform([1000, 2, 0, 2000, 0, -2]); ds.SetProjection('EPSG:32633')
    for b in range(3): ds.GetRasterBand(b + 1).WriteArray(data + b)
    ds = None
PY
  gt -co COMPRESS=LZW -co PREDICTOR=2 -co BLOCKYSIZE=4 "$src" "$t/uint8_lzw_p2_strips.tif"
  gt -co COMPRESS=ZSTD -co PREDICTOR=2 -co TILED=YES -co BLOCKXSIZE=16 -co BLOCKYSIZE=16 "$src" "$t/uint8_zstd_p2_tiled.tif"
  gt -co COMPRESS=ZSTD -co PREDICTOR=3 -co INTERLEAVE=BAND "$fsrc" "$t/float32_zstd_p3_band.tif"
  gt -co COMPRESS=DEFLATE -co PREDICTOR=3 -co ENDIANNESS=BIG -co BLOCKYSIZE=5 "$fsrc" "$t/float32_deflate_p3_bigendian.tif"
  gt -co COMPRESS=LZW -co PREDICTOR=2 -co ENDIANNESS=BIG -ot Int16 "$fsrc" "$t/int16_lzw_p2_bigendian.tif"
  gt -b 1 -b 2 -b 3 -b 1 -co COMPRESS=JPEG -co TILED=YES -co BLOCKXSIZE=16 -co BLOCKYSIZE=16 "$src" "$t/jpeg_4band.tif"
  gt -co INTERLEAVE=BAND -co TILED=YES -co BLOCKXSIZE=32 -co BLOCKYSIZE=32 -co COMPRESS=DEFLATE "$src" "$t/band_one_tile.tif"
  gt -b 1 -co PHOTOMETRIC=MINISWHITE "$src" "$t/miniswhite.tif"
  gt -b 1 -a_srs 'LOCAL_CS["Site grid",UNIT["US survey foot",0.304800609601219,AUTHORITY["EPSG","9003"]]]' "$src" "$t/local_crs.tif"
  /usr/bin/python3 - "$t" <<'PY'
import os, sys
import numpy as np
from osgeo import gdal
t = sys.argv[1]
ds = gdal.GetDriverByName('GTiff').Create(os.path.join(t, 'sparse_lzw.tif'), 64, 48, 1, gdal.GDT_Int16,
                                          ['TILED=YES', 'BLOCKXSIZE=16', 'BLOCKYSIZE=16', 'SPARSE_OK=TRUE', 'COMPRESS=LZW'])
ds.GetRasterBand(1).SetNoDataValue(-7)
ds.GetRasterBand(1).WriteArray(np.arange(16 * 16, dtype=np.int16).reshape(16, 16), 16, 16)
ds = None
ds = gdal.Translate(os.path.join(t, 'nodata_minus1_byte.tif'), os.path.join(t, '.synthetic.tif'), bandList=[1])
ds.GetRasterBand(1).SetNoDataValue(-1)
ds = None
PY
  rm -f "$src" "$fsrc" "$t"/*.aux.xml
}
tiff_parity_seeds "$tiff"
cp "$root"/models/test/*.onnx "$onnx/"
head -c 300 "$root/models/test/conv3x3.onnx" > "$onnx/truncated.onnx"
printf 'not a model\n' > "$onnx/text.onnx"
cat > "$side/dominant.onnx.json" <<'J'
{"aerolux.model_type": "segmentation", "aerolux.name": "dominant-test", "aerolux.version": "1",
 "aerolux.classes": [{"name": "red", "color": "#ff0000"}, {"name": "green", "color": "#00ff00"}, {"name": "blue", "color": "#0000ff"}],
 "aerolux.input_bands": ["red", "green", "blue"], "aerolux.mean": [0, 0, 0], "aerolux.std": [1, 1, 1],
 "aerolux.output": "logits", "aerolux.scale": 25.5, "aerolux.tile_size": 64, "aerolux.overlap": 16,
 "aerolux.size_multiple": 8, "aerolux.temperature": 1.0, "aerolux.resolution_m": 0.3, "aerolux.license": "MIT",
 "aerolux.training": "synthetic"}
J
cat > "$side/enhancement.onnx.json" <<'J'
{"aerolux.model_type": "enhancement", "aerolux.name": "cue", "aerolux.version": "1", "aerolux.input_bands": ["red","green","blue"],
 "aerolux.scale": 255, "aerolux.mean": [0,0,0], "aerolux.std": [1,1,1], "aerolux.tile_size": 1024, "aerolux.overlap": 256,
 "aerolux.size_multiple": 16, "aerolux.output": "image", "aerolux.temperature": 1, "aerolux.resolution_m": 0, "aerolux.license": "MIT",
 "aerolux.training": "pairs"}
J
cat > "$side/deepness.onnx.json" <<'J'
{"model_type": "Segmentor", "class_names": "{\"0\": \"background\", \"1\": \"building\"}", "resolution": 30, "tiles_size": 256,
 "tiles_overlap": 10, "standardization_mean": "[0.0, 0.0, 0.0]", "standardization_std": "[1.0, 1.0, 1.0]"}
J
printf '{"aerolux.model_type": "segmentation", "aerolux.tile_size": -5, "aerolux.classes": "[{\\"name\\": 1}]"}' > "$side/bad_values.onnx.json"
printf '[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[' > "$side/deep.onnx.json"
printf '{"aerolux.name": ' > "$side/cut.onnx.json"
printf '{"aerolux.scale": 1e999, "aerolux.mean": [NaN], "aerolux.overlap": 9999999999999}' > "$side/numbers.onnx.json"
ls -la "$tiff" "$onnx" "$side" | awk '{print $5, $9}'
