#!/usr/bin/python3
"""Reliability diagrams of the aerial models, drawn from the numbers in their test reports (no image pixels).

    /usr/bin/python3 models/plot_aerial.py farseg-aerial farseg-aerial-fa

Writes models/reports/farseg-aerial-reliability.png: per model, foreground pixels of the test tile pooled, 15 bins,
accuracy against mean confidence at T = 1 and at the temperature fitted on the validation tile's foreground; and
models/reports/farseg-aerial-comparison.json: the paired comparison of the first two models, image by image
(difference first - second per test image, its mean and spread, and on how many images the first is lower).
"""
import json
import os
import sys

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))


METRICS = ("ece_fg", "cece_fg", "nll_fg", "brier_fg", "ece_all", "cece_all", "nll", "brier", "miou")


def compare(a, b):
    out = {"first": a["model"], "second": b["model"], "difference": "first - second, per test image", "results": {}}
    for key in ("t1", "t_all", "t_fg"):
        pa = {e["image"]: e for e in a["results"][key]["per_image"]}
        pb = {e["image"]: e for e in b["results"][key]["per_image"]}
        rows = {}
        for m in METRICS:
            d = [pa[i][m] - pb[i][m] for i in sorted(pa) if pa[i][m] is not None and pb[i][m] is not None]
            mean = sum(d) / len(d)
            sd = (sum((v - mean) ** 2 for v in d) / (len(d) - 1)) ** 0.5 if len(d) > 1 else float("nan")
            rows[m] = {"mean": round(mean, 6), "sd": round(sd, 6), "images": len(d),
                       "first_lower": sum(v < 0 for v in d)}
        out["results"][key] = rows
    return out


def main(argv=None):
    """NAME... [--stem STEM]: outputs reports/STEM-comparison.json and STEM-reliability.png (STEM farseg-aerial)."""
    args = list(argv if argv is not None else sys.argv[1:])
    stem = "farseg-aerial"
    if "--stem" in args:
        i = args.index("--stem")
        stem = args[i + 1]
        del args[i:i + 2]
    names = args or ["farseg-aerial", "farseg-aerial-fa"]
    reports = []
    for name in names:
        with open(os.path.join(HERE, "reports", f"{name}-test.json")) as f:
            reports.append(json.load(f))
    if len(reports) >= 2:
        path = os.path.join(HERE, "reports", f"{stem}-comparison.json")
        with open(path, "w") as f:
            json.dump(compare(reports[0], reports[1]), f, indent=2)
            f.write("\n")
        print(f"wrote {path}")
    fig, axes = plt.subplots(1, len(names), figsize=(5 * len(names), 5), squeeze=False)
    for ax, name, rep in zip(axes[0], names, reports):
        ax.plot([0, 1], [0, 1], color="0.6", lw=1, ls="--", label="perfect calibration")
        for key, style in (("t1", "o-"), ("t_fg", "s-")):
            r = rep["results"][key]
            rel = r["reliability_fg"]
            pts = [(c, a) for c, a, n in zip(rel["confidence"], rel["accuracy"], rel["count"]) if n > 0]
            ax.plot([p[0] for p in pts], [p[1] for p in pts], style, ms=4,
                    label=f"T = {r['temperature']:.3g}: ECE {r['mean']['ece_fg']:.3f}, CECE {r['mean']['cece_fg']:.3f}")
        ax.set_xlim(0, 1)
        ax.set_ylim(0, 1)
        ax.set_xlabel("mean confidence (max softmax) in bin")
        ax.set_ylabel("accuracy in bin")
        ax.set_title(f"{name}: test tile {rep['test_tiles'][0]}, foreground pixels\n"
                     f"(label not land), 15 bins; mIoU {rep['dataset']['miou']:.3f}", fontsize=10)
        ax.legend(fontsize=8, loc="upper left")
        ax.grid(alpha=0.3)
    fig.tight_layout()
    out = os.path.join(HERE, "reports", f"{stem}-reliability.png")
    fig.savefig(out, dpi=90)
    print(f"wrote {out}")


def markdown(names):
    """The write-up's tables, printed from the reports."""
    reps = []
    for name in names:
        with open(os.path.join(HERE, "reports", f"{name}-test.json")) as f:
            reps.append(json.load(f))
    classes = reps[0]["classes"]
    print("| model | " + " | ".join(f"IoU {c}" for c in classes) + " | mIoU | pixel acc. |")
    print("|---|" + "---|" * (len(classes) + 2))
    for r in reps:
        d = r["dataset"]
        print(f"| {r['model']} | " + " | ".join(f"{d['iou'][c]:.3f}" for c in classes)
              + f" | **{d['miou']:.3f}** | {d['pixel_accuracy']:.3f} |")
    print()
    print("| model | T | ECE fg | CECE fg | NLL fg | Brier fg | ECE all | CECE all | NLL all | Brier all |")
    print("|---|---|---|---|---|---|---|---|---|---|")
    for r in reps:
        for key, label in (("t1", "1"), ("t_all", "T_all"), ("t_fg", "T_fg")):
            res = r["results"][key]
            m = res["mean"]
            print(f"| {r['model']} | {label} = {res['temperature']:.3f} | {m['ece_fg']:.4f} | {m['cece_fg']:.4f} | "
                  f"{m['nll_fg']:.4f} | {m['brier_fg']:.4f} | {m['ece_all']:.4f} | {m['cece_all']:.4f} | "
                  f"{m['nll']:.4f} | {m['brier']:.4f} |")


if __name__ == "__main__":
    if "--markdown" in sys.argv:
        markdown([a for a in sys.argv[1:] if a != "--markdown"] or ["farseg-aerial", "farseg-aerial-fa"])
    else:
        main()
