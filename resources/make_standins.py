"""Draw the stand-in photographs for the bundled sample volume.

The sample links six photographs (images/00703786.jpg … 00703792.jpg; 00703790 is not
linked) whose originals are not available. This script draws calm, photo-like pictures
in their place — a room with people, a table or rows of seats, a banner — each visibly
labelled ``STAND-IN 替代图片`` with its file name and the caption the sample prints
under it, so nobody mistakes them for the archive's photographs.

Deterministic: the same file name always gives the same picture (seeded by the name;
byte-identical with the same Pillow/libjpeg build and font). Chinese text needs the
WenQuanYi Micro Hei font (Debian ``fonts-wqy-microhei``); without it the label is ASCII.

    python resources/make_standins.py [--out images/]
"""

from __future__ import annotations

import argparse
import random
import zlib
from pathlib import Path

from PIL import Image, ImageDraw, ImageFilter, ImageFont

SIZE = (1024, 683)
QUALITY = 85
FONT_CANDIDATES = (
    Path("/usr/share/fonts/truetype/wqy/wqy-microhei.ttc"),
    Path("/usr/share/fonts/wqy-microhei/wqy-microhei.ttc"),
)

# The captions exactly as the sample prints them under each link (credit included).
CAPTIONS: dict[str, str] = {
    "00703786.jpg": "杨浦区总工会召开再就业工作会议,表彰十佳创业带头人(张鸿祥摄)",
    "00703787.jpg": "市农委工会的领导鼓励下岗职工自强不息,走创业之路(刘琦虹摄)",
    "00703788.jpg": "普陀区总工会举办上海“西宫”人才市场,推进下岗职工再就业(金今摄)",
    "00703789.jpg": "农工商集团为下岗女工举办收银员岗位培训(周元生摄)",
    "00703791.jpg": "宝钢集团公司工会主席卞恩君与一钢公司“协解”职工签订再就业无息贷款合同(陆建明摄)",
    "00703792.jpg": "海运工会为“4050”人员的再就业举办中式点心培训班(顾惠根摄)",
}

Colour = tuple[int, int, int]


def _font(size: int) -> tuple[ImageFont.FreeTypeFont | ImageFont.ImageFont, bool]:
    """(font, has Chinese glyphs)."""
    for candidate in FONT_CANDIDATES:
        if candidate.is_file():
            return ImageFont.truetype(str(candidate), size), True
    return ImageFont.load_default(size), False


def _scene(caption: str) -> str:
    if "培训" in caption:
        return "class"
    if "市场" in caption:
        return "market"
    return "meeting"


def _mix(a: Colour, b: Colour, t: float) -> Colour:
    return (
        round(a[0] + (b[0] - a[0]) * t),
        round(a[1] + (b[1] - a[1]) * t),
        round(a[2] + (b[2] - a[2]) * t),
    )


def _background(rng: random.Random) -> Image.Image:
    """A wall lit from one side above a darker floor: two soft vertical gradients."""
    height = SIZE[1]
    wall_top: Colour = (rng.randint(196, 216), rng.randint(190, 206), rng.randint(172, 188))
    wall_low: Colour = _mix(wall_top, (120, 112, 100), 0.35)
    floor_top: Colour = (rng.randint(118, 138), rng.randint(100, 116), rng.randint(82, 96))
    floor_low: Colour = _mix(floor_top, (40, 34, 30), 0.5)
    horizon = int(height * 0.58)
    column = Image.new("RGB", (1, height))
    for y in range(height):
        if y < horizon:
            column.putpixel((0, y), _mix(wall_top, wall_low, y / horizon))
        else:
            column.putpixel((0, y), _mix(floor_top, floor_low, (y - horizon) / (height - horizon)))
    image = column.resize(SIZE)
    # Light falling from a window on one side.
    light = Image.linear_gradient("L").rotate(90 if rng.random() < 0.5 else -90).resize(SIZE)
    glow = Image.new("RGB", SIZE, (255, 248, 230))
    return Image.composite(glow, image, light.point(lambda v: v * 0.22))


def _person(draw: ImageDraw.ImageDraw, x: int, base: int, scale: float, rng: random.Random) -> None:
    """A seated or standing figure: shoulders and a head, in muted clothing."""
    clothes: Colour = rng.choice(
        [(58, 64, 78), (92, 84, 72), (70, 78, 66), (110, 62, 58), (140, 136, 128), (40, 42, 46)]
    )
    skin: Colour = (rng.randint(196, 222), rng.randint(160, 182), rng.randint(128, 150))
    hair: Colour = (rng.randint(20, 44),) * 3  # type: ignore[assignment]
    w = int(64 * scale)
    h = int(90 * scale)
    draw.rounded_rectangle(
        (x - w // 2, base - h, x + w // 2, base), radius=int(22 * scale), fill=clothes
    )
    r = int(17 * scale)
    cy = base - h - int(12 * scale)
    draw.ellipse((x - r, cy - r, x + r, cy + r), fill=skin)
    draw.chord((x - r, cy - r - 2, x + r, cy + r - 2), 180, 360, fill=hair)


def _banner(draw: ImageDraw.ImageDraw, rng: random.Random, y: int) -> None:
    width = SIZE[0]
    left = rng.randint(150, 230)
    colour: Colour = (rng.randint(150, 176), rng.randint(40, 56), rng.randint(40, 52))
    draw.rectangle((left, y, width - left, y + 46), fill=colour)
    # Suggest lettering with pale blocks rather than text that could be read as real.
    x = left + 40
    while x < width - left - 50:
        draw.rectangle((x, y + 13, x + 24, y + 33), fill=(230, 214, 170))
        x += 38


def _draw_scene(image: Image.Image, scene: str, rng: random.Random) -> None:
    draw = ImageDraw.Draw(image)
    width, height = SIZE
    horizon = int(height * 0.58)
    # Windows on the back wall.
    for i in range(rng.randint(2, 3)):
        wx = 60 + i * 330 + rng.randint(0, 60)
        draw.rectangle(
            (wx, 150, wx + 150, 330), fill=(222, 228, 230), outline=(150, 140, 124), width=6
        )
        draw.line((wx + 75, 150, wx + 75, 330), fill=(150, 140, 124), width=4)
    _banner(draw, rng, 70)

    if scene == "meeting":
        # A long table seen from the front with people behind it.
        for i in range(6):
            _person(draw, 150 + i * 145 + rng.randint(-12, 12), horizon + 30, 1.25, rng)
        draw.polygon(
            [
                (70, horizon + 20),
                (width - 70, horizon + 20),
                (width - 20, horizon + 120),
                (20, horizon + 120),
            ],
            fill=(96, 60, 40),
        )
        draw.rectangle((20, horizon + 120, width - 20, horizon + 160), fill=(70, 44, 30))
        for i in range(6):
            cx = 150 + i * 145
            draw.rectangle((cx - 24, horizon + 50, cx + 24, horizon + 62), fill=(236, 232, 220))
    elif scene == "class":
        # Rows of seated trainees facing a teacher at a board.
        draw.rectangle((360, 120, 670, 250), fill=(52, 72, 60), outline=(120, 100, 80), width=5)
        _person(draw, 700, horizon + 10, 1.2, rng)
        for row, (base, scale) in enumerate(
            ((horizon + 110, 1.0), (horizon + 200, 1.3), (horizon + 300, 1.6))
        ):
            count = 7 - row * 2
            for i in range(count):
                x = int((i + 0.5) * width / count) + rng.randint(-20, 20)
                _person(draw, x, base, scale, rng)
    else:  # market: booths along the wall and a crowd in front
        for i in range(4):
            bx = 40 + i * 250
            draw.rectangle(
                (bx, horizon - 150, bx + 200, horizon + 40),
                fill=(214, 206, 190),
                outline=(120, 110, 96),
                width=4,
            )
            draw.rectangle((bx, horizon - 150, bx + 200, horizon - 120), fill=(60, 90, 140))
        for i in range(9):
            x = 60 + i * 115 + rng.randint(-25, 25)
            _person(draw, x, horizon + 150 + rng.randint(-20, 40), 1.35 + rng.random() * 0.3, rng)


def _grain(image: Image.Image, rng: random.Random) -> Image.Image:
    noise = Image.frombytes("L", SIZE, rng.randbytes(SIZE[0] * SIZE[1]))
    noise = noise.filter(ImageFilter.GaussianBlur(0.6))
    return Image.blend(image, Image.merge("RGB", (noise, noise, noise)), 0.035)


def _wrap(
    draw: ImageDraw.ImageDraw,
    text: str,
    font: ImageFont.ImageFont | ImageFont.FreeTypeFont,
    width: int,
) -> list[str]:
    lines: list[str] = []
    current = ""
    for char in text:
        if draw.textlength(current + char, font=font) > width and current:
            lines.append(current)
            current = char
        else:
            current += char
    if current:
        lines.append(current)
    return lines


def _label(image: Image.Image, name: str, caption: str) -> Image.Image:
    """A dark band at the bottom: the stand-in mark, the file name and the caption."""
    big, has_cjk = _font(30)
    small, _ = _font(22)
    head = (
        f"STAND-IN 替代图片 · {name}"
        if has_cjk
        else f"STAND-IN (not the original photograph) - {name}"
    )
    body = caption if has_cjk else "caption: see the sample volume (no CJK font when generated)"
    draw = ImageDraw.Draw(image)
    lines = _wrap(draw, body, small, SIZE[0] - 60)
    band = 30 + 40 + 32 * len(lines) + 18
    overlay = Image.new("RGBA", SIZE, (0, 0, 0, 0))
    ImageDraw.Draw(overlay).rectangle((0, SIZE[1] - band, SIZE[0], SIZE[1]), fill=(16, 16, 18, 205))
    labelled = Image.alpha_composite(image.convert("RGBA"), overlay).convert("RGB")
    draw = ImageDraw.Draw(labelled)
    y = SIZE[1] - band + 22
    draw.text((30, y), head, font=big, fill=(255, 214, 90))
    y += 46
    for line in lines:
        draw.text((30, y), line, font=small, fill=(238, 238, 232))
        y += 32
    # A corner mark too, so a crop of the picture still says what it is.
    draw.rectangle((SIZE[0] - 190, 16, SIZE[0] - 16, 56), fill=(16, 16, 18))
    draw.text((SIZE[0] - 176, 22), "STAND-IN", font=big, fill=(255, 214, 90))
    return labelled


def make_standin(name: str, caption: str) -> Image.Image:
    rng = random.Random(zlib.crc32(name.encode("ascii")))
    image = _background(rng)
    _draw_scene(image, _scene(caption), rng)
    image = image.filter(ImageFilter.GaussianBlur(1.4))
    image = _grain(image, rng)
    return _label(image, name, caption)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=Path(__file__).resolve().parents[1] / "images")
    args = parser.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    for name, caption in CAPTIONS.items():
        target = args.out / name
        make_standin(name, caption).save(target, "JPEG", quality=QUALITY, optimize=True)
        print(f"{target}  {target.stat().st_size // 1024} KB")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
