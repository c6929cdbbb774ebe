"""What images cost a cold build: the demo site as it is, and with photos in a page bundle.

Usage: python tools/bench/images.py [--images 3] [--width 2400] [--repeat 5]

Two copies of examples/demo are made in a temporary folder: one as it is, and one where a post
becomes a page bundle (`content/NAME/index.md`) holding `--images` photo-like JPEGs of `--width`
by two thirds of it (smooth colour and grain, so they compress as photos do), each shown in the
post, one a captioned figure. Each round builds both from nothing (`python -m octavo build SITE
-o OUT --jobs N`, the records folder and output removed first, so every copy is resized), the two
sides taking turns going first. It prints the median seconds of each and their ratio.
"""

from __future__ import annotations

import argparse
import random
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from PIL import Image, ImageFilter

REPO = Path(__file__).resolve().parents[2]
DEMO = REPO / "examples" / "demo"
# The demo post that becomes a bundle.
POST = "building-a-blog-engine-with-monorepo-architecture"


def photo(path: Path, width: int, seed: int) -> None:
    """Writes a photo-like JPEG: smooth colours under fine grain, as a camera's are."""
    height = width * 2 // 3
    rng = random.Random(seed)
    small = Image.new("RGB", (16, 11))
    small.putdata([tuple(rng.randrange(256) for _ in range(3)) for _ in range(16 * 11)])
    smooth = small.resize((width, height), Image.Resampling.BICUBIC)
    grain = Image.effect_noise((width, height), 24).convert("RGB")
    blended = Image.blend(smooth, grain, 0.12).filter(ImageFilter.SMOOTH)
    blended.save(path, "JPEG", quality=88)


def with_images(site: Path, count: int, width: int) -> None:
    """Makes the demo post a bundle holding `count` photos, each shown in it."""
    source = site / "content" / f"{POST}.md"
    bundle = site / "content" / POST
    bundle.mkdir()
    text = source.read_text()
    source.unlink()
    shown = []
    for number in range(count):
        photo(bundle / f"photo-{number}.jpg", width, number)
        title = ' "A photo, captioned"' if number == 0 else ""
        shown.append(f"![Photo {number} of the team]({f'photo-{number}.jpg'}{title})")
    (bundle / "index.md").write_text(text + "\n" + "\n\n".join(shown) + "\n")


def cold_build(site: Path, output: Path, jobs: int) -> tuple[float, float]:
    """Builds `site` from nothing into `output`; returns the seconds it took, and the processor
    seconds of the build and its workers (steadier on a busy machine)."""
    shutil.rmtree(site / ".octavo", ignore_errors=True)
    shutil.rmtree(output, ignore_errors=True)
    command = [sys.executable, "-m", "octavo", "build", str(site), "-o", str(output)]
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    subprocess.run([*command, "--jobs", str(jobs)], check=True, capture_output=True)
    seconds = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime
    return seconds, cpu


def measure(count: int, width: int, repeat: int, jobs: int) -> dict[str, list[tuple[float, float]]]:
    """Times `repeat` rounds of cold builds of the demo without and with images."""
    times: dict[str, list[tuple[float, float]]] = {"without": [], "with": []}
    with tempfile.TemporaryDirectory() as scratch:
        sites = {side: Path(scratch) / side for side in times}
        for site in sites.values():
            shutil.copytree(DEMO, site, ignore=shutil.ignore_patterns("public", ".octavo"))
        with_images(sites["with"], count, width)
        for round_number in range(repeat):
            order = list(times) if round_number % 2 == 0 else list(reversed(times))
            for side in order:
                times[side].append(cold_build(sites[side], Path(scratch) / f"out-{side}", jobs))
    return times


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--images", type=int, default=3)
    parser.add_argument("--width", type=int, default=2400)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--jobs", type=int, default=0, help="processes (default: every core)")
    args = parser.parse_args(argv)
    jobs = args.jobs or len(__import__("os").sched_getaffinity(0))
    times = measure(args.images, args.width, args.repeat, jobs)
    wall = {side: statistics.median(t for t, _ in runs) for side, runs in times.items()}
    cpu = {side: statistics.median(c for _, c in runs) for side, runs in times.items()}
    print(f"demo cold build, median of {args.repeat}, --jobs {jobs} (wall, processor seconds):")
    print(f"  without images: {wall['without']:.2f} s, {cpu['without']:.2f} s")
    print(
        f"  with {args.images} photos of {args.width} px: {wall['with']:.2f} s, {cpu['with']:.2f} s"
    )
    print(f"  ratio: {wall['with'] / wall['without']:.2f}x, {cpu['with'] / cpu['without']:.2f}x")
    return 0


if __name__ == "__main__":
    sys.exit(main())
