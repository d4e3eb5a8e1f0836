#!/usr/bin/env bash
# Regenerates the committed seed corpora of the Jazzer fuzz tests (core/src/test/resources/org/aerolux/core/fuzz/),
# a few KB each: GDAL-written GeoTIFFs in many layouts, a PNG and a JPEG, broken variants, the ONNX test models and
# card sidecars. Every raster is synthetic, made here (numpy + GDAL's Python bindings, fixed seeds): nothing is read
# from ../shared/data (the team's rule: no copies, crops or pictures of it in the project).
# The landsat_* seeds keep their historical names: they have the layout of the Landsat sample (6 Byte bands,
# SIRGAS 2000 / UTM 25S, 28.5 m pixels), not its pixels.
# Seeds named finding_* are crash inputs found by fuzzing (bench/fuzz.sh) and kept by hand: this script never
# deletes them; it replaces every other seed.
# Usage: bench/fuzz-seeds.sh   (from anywhere; needs gdal_translate and /usr/bin/python3 with numpy and osgeo)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
res="$root/core/src/test/resources/org/aerolux/core/fuzz"
tiff="$res/TiffReaderFuzzTestInputs/tiff"; onnx="$res/ModelCardFuzzTestInputs/onnx"; side="$res/SidecarFuzzTestInputs/sidecar"
mkdir -p "$tiff" "$onnx" "$side"
find "$tiff" "$onnx" "$side" -maxdepth 1 -type f ! -name 'finding_*' -delete
work="$(mktemp -d)"; trap 'rm -rf "$work"' EXIT
gt() { gdal_translate -q "$@"; rm -f "${@: -1}.aux.xml"; }
# the synthetic sources: gradients, edges, texture and noise in several types
/usr/bin/python3 - "$work" <<'PY'
import os, sys
import numpy as np
from osgeo import gdal
w = sys.argv[1]
rng = np.random.default_rng(20261203)
y, x = np.mgrid[0:36, 0:40].astype(np.float64)
def create(name, arrays, kind, gt=None, srs=None):
    ds = gdal.GetDriverByName('GTiff').Create(os.path.join(w, name), arrays[0].shape[1], arrays[0].shape[0], len(arrays), kind)
    if gt: ds.SetGeoTransform(gt)
    if srs: ds.SetProjection(srs)
    for b, a in enumerate(arrays): ds.GetRasterBand(b + 1).WriteArray(a)
    ds = None
u8 = lambda a: np.clip(np.round(a), 0, 255).astype(np.uint8)
disc = (x - 19.5) ** 2 + (y - 17.5) ** 2 < 11.0 ** 2
bands = [u8(40 + 3 * x + 2 * y),                                         # diagonal gradient
         u8(np.where((x // 5) % 2 == 1, 70, 185) + y),                     # vertical edges on a ramp
         u8(rng.integers(0, 256, x.shape)),                                # white noise
         u8(np.where(disc, 215, 35) + rng.normal(0, 6, x.shape)),         # a bright disc, noisy
         u8(128 + 90 * np.sin(x / 2.5) * np.cos(y / 3.5)),                 # texture
         u8(np.where(y + 0.5 * x > 24, 250, 5) + rng.integers(-5, 6, x.shape))]  # an oblique step near the extremes
utm = [290001.0, 28.5, 0.0, 9121000.5, 0.0, -28.5]
create('multiband.tif', bands, gdal.GDT_Byte, utm, 'EPSG:31985')
create('uint16.tif', [np.clip(np.round(65535 * ((x * 0.61 + y * 0.37) % 1.0) * (0.6 + 0.4 * rng.random(x.shape))), 0, 65535)
                      .astype(np.uint16)], gdal.GDT_UInt16, utm, 'EPSG:31985')
f = ((x - 4.5) * 0.75 + (y - 3) ** 2 * 0.125 + rng.normal(0, 0.01, x.shape)).astype(np.float32)
f[2, 3] = f[5, 7] = np.nan                                                # nodata pixels (the seed declares NaN)
create('float32.tif', [f], gdal.GDT_Float32)
i16 = np.round(400 * np.sin(x / 3) + 25 * y - 300).astype(np.int16)
i16[1, 2] = i16[4, 6] = -9999                                             # nodata pixels
create('int16.tif', [i16], gdal.GDT_Int16, utm, 'EPSG:31985')
py, px = np.mgrid[0:12, 0:12].astype(np.float64)                          # a 12 x 12 colour "photo": no georeferencing
create('photo.tif', [u8(np.where(px > py, 230, 20 + 15 * px)), u8(255 * (py / 11) ** 2),
                     u8(np.where((px - 6) ** 2 + (py - 5) ** 2 < 12, 240, 60) + rng.normal(0, 10, px.shape))], gdal.GDT_Byte)
PY
src="$work/multiband.tif"
gt -srcwin 14 12 12 10 "$src" "$tiff/landsat_strips.tif"
gt -srcwin 0 0 20 18 -b 3 -b 2 -b 1 -co TILED=YES -co BLOCKXSIZE=16 -co BLOCKYSIZE=16 -co COMPRESS=DEFLATE "$src" "$tiff/landsat_tiled_deflate.tif"
gt -srcwin 5 5 8 8 -co BIGTIFF=YES "$src" "$tiff/landsat_bigtiff.tif"
gt -srcwin 5 5 9 7 -co COMPRESS=LZW -co PREDICTOR=2 "$work/uint16.tif" "$tiff/uint16_lzw_predictor.tif"
gt -srcwin 4 10 8 8 -b 1 -b 4 -co INTERLEAVE=BAND -co COMPRESS=PACKBITS "$src" "$tiff/planar_packbits.tif"
gt -srcwin 0 0 8 6 -a_nodata nan -a_srs EPSG:4326 -a_ullr 10 50 10.08 49.94 "$work/float32.tif" "$tiff/float32_nan_geographic.tif"
gt -srcwin 0 0 8 6 -a_nodata -9999 -mo AREA_OR_POINT=Point "$work/int16.tif" "$tiff/int16_nodata_pixelispoint.tif"
gt -srcwin 5 14 8 6 -b 4 -co COMPRESS=JPEG -co TILED=YES "$src" "$tiff/jpeg_in_tiff.tif" 2>/dev/null || true
gt -srcwin 0 0 8 8 -b 5 -a_srs "+proj=aea +lat_1=29.5 +lat_2=45.5 +lat_0=37.5 +lon_0=-96 +datum=NAD83" "$src" "$tiff/albers.tif"
gt -of PNG "$work/photo.tif" "$tiff/photo.png"
gt -of JPEG "$work/photo.tif" "$tiff/photo.jpg"
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
  local t="$1" src="$work/parity.tif" fsrc="$work/parity-float.tif"
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
  /usr/bin/python3 - "$t" "$src" <<'PY'
import os, sys
import numpy as np
from osgeo import gdal
t = sys.argv[1]
ds = gdal.GetDriverByName('GTiff').Create(os.path.join(t, 'sparse_lzw.tif'), 64, 48, 1, gdal.GDT_Int16,
                                          ['TILED=YES', 'BLOCKXSIZE=16', 'BLOCKYSIZE=16', 'SPARSE_OK=TRUE', 'COMPRESS=LZW'])
ds.GetRasterBand(1).SetNoDataValue(-7)
ds.GetRasterBand(1).WriteArray(np.arange(16 * 16, dtype=np.int16).reshape(16, 16), 16, 16)
ds = None
ds = gdal.Translate(os.path.join(t, 'nodata_minus1_byte.tif'), sys.argv[2], bandList=[1])
ds.GetRasterBand(1).SetNoDataValue(-1)
ds = None
PY
  rm -f "$t"/*.aux.xml
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
