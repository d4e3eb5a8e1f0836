"""Writes the cases of GdalParityMatrixTest with GDAL and says how GDAL reads each one back.

Input (stdin, JSON): {"dir": folder, "landsat": path, "cases": [{"id", "source", "type", "bands", "compression",
"predictor", "layout", "interleave", "bigtiff", "overviews", "nodata", "byteorder"}, ...]}.
Output (stdout): one JSON line per case, in order, as soon as the case is written: the file and the facts GDAL reports
(size, type, nodata, block, compression), and "expected": a raw file (band-sequential, little-endian, the file's own
type) holding the pixels exactly as GDAL's Python bindings read them. Lossless cases that GDAL reads back bit for bit
as their source share the source's raw file, so only sources and lossy cases cost a dump. A case GDAL cannot write
gives {"id", "ok": false, "error"}.

Files are written with gdal.Translate, the library form of gdal_translate (same creation options), in one process:
hundreds of gdal_translate processes would cost more than the whole matrix.
"""
import json
import math
import os
import sys

import numpy as np
from osgeo import gdal

gdal.UseExceptions()

WIDTH, HEIGHT = 301, 263  # odd, so that strips and tiles end partly filled
TYPES = {"uint8": (gdal.GDT_Byte, np.uint8), "int16": (gdal.GDT_Int16, np.int16),
         "uint16": (gdal.GDT_UInt16, np.uint16), "int32": (gdal.GDT_Int32, np.int32),
         "float32": (gdal.GDT_Float32, np.float32), "float64": (gdal.GDT_Float64, np.float64)}
LANDSAT_BANDS = {1: [4], 3: [3, 2, 1], 4: [4, 3, 2, 1], 6: [1, 2, 3, 4, 5, 6]}
OUT_OF_RANGE = {"uint8": -1.0, "uint16": -1.0, "int16": 40000.0, "int32": 3e9, "float32": 1e40}
COMPRESS = {"none": "NONE", "lzw": "LZW", "deflate": "DEFLATE", "zstd": "ZSTD", "packbits": "PACKBITS",
            "jpeg": "JPEG", "jpeg-ycbcr": "JPEG", "lerc": "LERC", "webp": "WEBP", "lzma": "LZMA"}


def synthetic(type_name, bands):
    """Gradients, edges and noise over the whole range of the type, with its extremes side by side (they make the
    predictors' sums wrap) and, for floats, NaN, infinities, -0, subnormals and large values."""
    rng = np.random.default_rng(1000 + 17 * bands + list(TYPES).index(type_name))
    y, x = np.mgrid[0:HEIGHT, 0:WIDTH].astype(np.float64)
    dtype = TYPES[type_name][1]
    planes = []
    for b in range(bands):
        base = (x / WIDTH * math.cos(b) + y / HEIGHT * math.sin(b + 1) + 2) / 4  # 0..1 gradient, a new direction per band
        base += 0.25 * (((x - 150) ** 2 + (y - 130) ** 2) < (40 + 10 * b) ** 2)   # a disc: sharp edges
        base += rng.normal(0, 0.03, base.shape)
        base = np.clip(base, 0, 1)
        if np.issubdtype(dtype, np.integer):
            info = np.iinfo(dtype)
            v = np.round(info.min + base * (float(info.max) - info.min)).astype(np.float64)
            v = np.clip(v, info.min, info.max).astype(dtype)
            v[0, 0:8] = [info.min, info.max, info.min, info.max, info.max, info.min, 0, 1]
            v[1, 0::7] = info.max
        else:
            v = ((base - 0.5) * 2000 * (b + 1)).astype(dtype)
            v[0, 0:10] = [np.nan, np.inf, -np.inf, -0.0, 1e-40 if dtype == np.float32 else 1e-310,
                          np.finfo(dtype).max, -np.finfo(dtype).max, 1e30, np.nan, 0.5]
            v[2, 3::11] = np.nan
        planes.append(v)
    return np.stack(planes)


class Sources:
    def __init__(self, folder, landsat):
        self.folder = folder
        self.landsat = landsat
        self.cache = {}

    def get(self, case):
        """(path of the source GeoTIFF, band list for Translate, its raw file, its bytes), made once."""
        key = (case["source"], case["type"], case["bands"])
        if key in self.cache:
            return self.cache[key]
        name = "src-%s-%s-%d" % key
        raw = os.path.join(self.folder, name + ".raw")
        if case["source"] == "landsat":
            path, band_list = self.landsat, LANDSAT_BANDS[case["bands"]]
        else:
            path, band_list = os.path.join(self.folder, name + ".tif"), None
            data = synthetic(case["type"], case["bands"])
            ds = gdal.GetDriverByName("GTiff").Create(path, WIDTH, HEIGHT, case["bands"], TYPES[case["type"]][0])
            ds.SetGeoTransform([500000.0, 10.0, 0.0, 4100000.0, 0.0, -10.0])
            ds.SetProjection('EPSG:32633')
            for b in range(case["bands"]):
                ds.GetRasterBand(b + 1).WriteArray(data[b])
            ds = None
        ds = gdal.Open(path)
        data = ds.ReadRaster(band_list=band_list)
        sample = ds.GetRasterBand(1 if band_list is None else band_list[0]).ReadAsArray(7, 5, 1, 1)[0, 0]
        ds = None
        with open(raw, "wb") as f:
            f.write(little_endian(data, case["type"]))
        self.cache[key] = (path, band_list, raw, data, float(sample))
        return self.cache[key]


def little_endian(data, type_name):
    return np.frombuffer(data, dtype=TYPES[type_name][1]).astype(np.dtype(TYPES[type_name][1]).newbyteorder("<")).tobytes()


def creation_options(case, height):
    c = case["compression"]
    opts = ["COMPRESS=" + COMPRESS[c], "INTERLEAVE=" + case["interleave"].upper(),
            "BIGTIFF=" + ("YES" if case["bigtiff"] else "NO"), "ENDIANNESS=" + case["byteorder"].upper()]
    if case["predictor"] != 1:
        opts.append("PREDICTOR=%d" % case["predictor"])
    if c == "jpeg-ycbcr":
        opts.append("PHOTOMETRIC=YCBCR")
    if c in ("jpeg", "jpeg-ycbcr"):
        opts.append("JPEG_QUALITY=85")
    if c == "lerc":
        opts.append("MAX_Z_ERROR=0")
    layout = case["layout"]
    if layout.startswith("tile"):
        n = layout[4:]
        opts += ["TILED=YES", "BLOCKXSIZE=" + n, "BLOCKYSIZE=" + n]
    else:
        rows = {"strip1": 1, "strips": 16 if c == "jpeg-ycbcr" else 8, "stripall": height}[layout]
        opts.append("BLOCKYSIZE=%d" % rows)
    return opts


def is_bigtiff(path):
    with open(path, "rb") as f:
        head = f.read(4)
    return (head[2] if head[:2] == b"II" else head[3]) == 43


def nodata_text(v):
    if v is None:
        return None
    return "nan" if math.isnan(v) else repr(float(v))


def write_case(case, sources, folder):
    path, band_list, src_raw, src_bytes, sample = sources.get(case)
    out = os.path.join(folder, case["id"] + ".tif")
    src = gdal.Open(path)
    nodata = case["nodata"]
    translate = dict(format="GTiff", creationOptions=creation_options(case, src.RasterYSize))
    if nodata == "out-of-range":
        # gdal_translate -a_nodata clamps to the type, but copies a source's nodata as it is: GDAL keeps a value
        # outside the type (e.g. -1 on Byte) as metadata that matches no pixel
        src = gdal.Translate("", src, options=gdal.TranslateOptions(format="VRT", bandList=band_list))
        for b in range(src.RasterCount):
            src.GetRasterBand(b + 1).SetNoDataValue(OUT_OF_RANGE[case["type"]])
    else:
        translate["bandList"] = band_list
    if nodata == "in-range":
        translate["noData"] = sample
    elif nodata == "nan":
        translate["noData"] = "nan"
    errors.clear()
    ds = gdal.Translate(out, src, options=gdal.TranslateOptions(**translate))
    ds = src = None
    if case["overviews"]:
        ds = gdal.Open(out, gdal.GA_Update)
        ds.BuildOverviews("NEAREST", [2, 4])
        ds = None
    if errors:
        raise RuntimeError(errors[0])
    aux = out + ".aux.xml"
    if os.path.exists(aux):  # GDAL's sidecar: a colour interpretation the TIFF cannot say is harmless here
        with open(aux) as f:
            if "NoData" in f.read():
                raise RuntimeError("GDAL put the nodata value in a .aux.xml sidecar")
        os.remove(aux)
    ds = gdal.Open(out)
    band = ds.GetRasterBand(1)
    md = ds.GetMetadata("IMAGE_STRUCTURE")
    fact = {"id": case["id"], "ok": True, "file": out, "width": ds.RasterXSize, "height": ds.RasterYSize,
            "bands": ds.RasterCount, "type": gdal.GetDataTypeName(band.DataType),
            "nodata": nodata_text(band.GetNoDataValue()), "block": band.GetBlockSize(),
            "compression": md.get("COMPRESSION", "NONE"), "interleave": md.get("INTERLEAVE", ""),
            "overviews": band.GetOverviewCount(), "geotransform": list(ds.GetGeoTransform()),
            "bigtiff": is_bigtiff(out)}
    try:
        data = ds.ReadRaster()
    except RuntimeError as e:
        fact["gdal_read_error"] = str(e).splitlines()[0]
        return fact
    ds = None
    if data == src_bytes:
        fact["expected"] = src_raw
    else:
        raw = os.path.join(folder, case["id"] + ".raw")
        with open(raw, "wb") as f:
            f.write(little_endian(data, case["type"]))
        fact["expected"] = raw
    fact["lossless"] = data == src_bytes
    return fact


errors = []


def record_errors(level, number, message):
    if level >= gdal.CE_Failure:
        errors.append(message)


def main():
    gdal.PushErrorHandler(record_errors)
    job = json.load(sys.stdin)
    folder = job["dir"]
    sources = Sources(folder, job["landsat"])
    for case in job["cases"]:
        try:
            fact = write_case(case, sources, folder)
        except Exception as e:  # GDAL refused to write it: the Java side fails the case with this message
            fact = {"id": case["id"], "ok": False, "error": "%s: %s" % (type(e).__name__, str(e).splitlines()[0] if str(e) else "")}
        print(json.dumps(fact), flush=True)


if __name__ == "__main__":
    main()
