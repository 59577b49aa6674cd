"""Pictures for the demo, drawn with Pillow: brick-built models for design-contest entries and campaign covers.

Each model is a front view built from a grid of coloured studs (a lighthouse, a house, a rocket…), rendered as
staggered bricks with studs on top, so every design looks like a distinct build rather than noise."""

from __future__ import annotations

import io
import math
import random
from collections.abc import Callable

from PIL import Image, ImageDraw

RGB = tuple[int, int, int]

COLOURS: dict[str, RGB] = {
    "red": (201, 26, 9),
    "blue": (0, 85, 191),
    "yellow": (242, 205, 55),
    "green": (35, 120, 65),
    "white": (244, 244, 244),
    "black": (27, 42, 52),
    "tan": (228, 205, 158),
    "orange": (254, 138, 24),
    "dark red": (114, 14, 15),
    "sand green": (160, 188, 172),
    "azure": (54, 174, 191),
    "lavender": (205, 164, 222),
    "dark grey": (99, 95, 98),
    "light grey": (160, 165, 169),
    "brown": (88, 42, 18),
    "lime": (187, 233, 11),
    "dark tan": (149, 138, 115),
    "pink": (228, 173, 200),
    "dark blue": (10, 52, 99),
    "dark green": (24, 70, 50),
    "gold": (170, 127, 46),
    "trans blue": (140, 200, 235),
}

# (primary, secondary, accent, dark, light)
PALETTES = [
    ("red", "white", "yellow", "dark grey", "light grey"),
    ("blue", "yellow", "red", "black", "white"),
    ("sand green", "tan", "dark red", "dark tan", "white"),
    ("dark green", "brown", "pink", "dark grey", "tan"),
    ("yellow", "black", "azure", "dark grey", "light grey"),
    ("azure", "white", "orange", "dark blue", "light grey"),
    ("dark red", "tan", "gold", "brown", "white"),
    ("orange", "dark blue", "lime", "black", "light grey"),
    ("lavender", "white", "azure", "dark blue", "pink"),
    ("green", "lime", "red", "brown", "yellow"),
    ("light grey", "dark grey", "red", "black", "white"),
    ("dark blue", "gold", "white", "black", "azure"),
]

Grid = list[list[str | None]]


class Model:
    """A front-view grid of colour keys ('primary', 'glass'…), row 0 at the bottom."""

    def __init__(self, width: int, height: int):
        self.width, self.height = width, height
        self.cells: Grid = [[None] * width for _ in range(height)]

    def fill(self, x0: int, x1: int, y0: int, y1: int, key: str | None) -> None:
        for y in range(max(0, y0), min(self.height, y1)):
            for x in range(max(0, x0), min(self.width, x1)):
                self.cells[y][x] = key

    def centred(self, width: int, y0: int, y1: int, key: str | None, shift: int = 0) -> None:
        x0 = (self.width - width) // 2 + shift
        self.fill(x0, x0 + width, y0, y1, key)

    def disc(self, cx: float, cy: float, r: float, key: str | None, rng: random.Random, speckle: str = "") -> None:
        for y in range(self.height):
            for x in range(self.width):
                if (x + 0.5 - cx) ** 2 + ((y + 0.5 - cy) * 1.2) ** 2 <= r * r:
                    self.cells[y][x] = speckle if speckle and rng.random() < 0.12 else key


def _tower(m: Model, rng: random.Random) -> None:
    base = rng.randint(6, 8)
    top = m.height - rng.randint(6, 8)
    stripe = rng.randint(2, 3)
    for y in range(1, top):
        width = base - (y * 2) // max(top, 1)
        m.centred(width, y, y + 1, "primary" if (y // stripe) % 2 == 0 else "secondary")
    m.centred(base + 4, 0, 1, "dark")
    m.centred(2, top // 3, top // 3 + 2, "glass")
    m.centred(2, 2 * top // 3, 2 * top // 3 + 2, "glass")
    m.centred(base + 2, top, top + 1, "dark")
    m.centred(base - 2, top + 1, top + 3, "glass")
    for i, y in enumerate(range(top + 3, m.height - 1)):
        m.centred(max(2, base - 2 - 2 * i), y, y + 1, "accent")


def _house(m: Model, rng: random.Random) -> None:
    w = rng.randint(12, min(16, m.width - 4))
    h = rng.randint(6, 9)
    m.centred(w + 2, 0, 1, "dark")
    m.centred(w, 1, h, "primary")
    x0 = (m.width - w) // 2
    for x in range(x0 + 1, x0 + w - 2, 4):
        m.fill(x, x + 2, 3, 5, "glass")
        if h > 7:
            m.fill(x, x + 2, 6, 8, "glass")
    m.fill(x0 + w // 2 - 1, x0 + w // 2 + 1, 1, 4, "dark")
    for i in range(w // 2 + 2):
        m.centred(w + 2 - 2 * i, h + i, h + i + 1, "secondary")
    m.fill(x0 + w - 4, x0 + w - 2, h + 1, h + 5, "accent")


def _vehicle(m: Model, rng: random.Random) -> None:
    w = rng.randint(15, min(20, m.width - 2))
    x0 = (m.width - w) // 2
    body = rng.randint(3, 4)
    m.fill(x0, x0 + w, 1, 1 + body, "primary")
    m.fill(x0, x0 + w, 1 + body // 2, 2 + body // 2, "secondary")
    cab = rng.randint(6, 9)
    cab_x = x0 + (w - cab if rng.random() < 0.5 else 1)
    m.fill(cab_x, cab_x + cab, 1 + body, 4 + body, "primary")
    m.fill(cab_x + 1, cab_x + cab - 1, 2 + body, 4 + body, "glass")
    m.fill(cab_x + 1, cab_x + cab - 1, 4 + body, 5 + body, "accent")
    for wx in (x0 + 2, x0 + w - 5) if w < 18 else (x0 + 2, x0 + w // 2 - 1, x0 + w - 5):
        m.fill(wx, wx + 3, 0, 2, "dark")


def _rocket(m: Model, rng: random.Random) -> None:
    w = rng.choice([4, 6])
    h = m.height - rng.randint(3, 5)
    m.centred(w, 2, h, "primary")
    for y in range(4, h - 2, 4):
        m.centred(2, y, y + 1, "glass")
    m.centred(w, h // 2, h // 2 + 1, "secondary")
    for i, y in enumerate(range(h, m.height)):
        m.centred(max(2, w - 2 * i), y, y + 1, "accent")
    m.centred(w + 6, 0, 2, "accent")
    m.centred(w + 2, 2, 4, "secondary")
    m.centred(w - 2, 0, 1, "dark")


def _tree(m: Model, rng: random.Random) -> None:
    trunk = rng.randint(2, 3)
    h = rng.randint(4, 6)
    m.centred(trunk + 6, 0, 1, "dark")
    m.centred(trunk, 1, h + 2, "dark")
    r = rng.uniform(5.5, min(8.5, m.width / 2 - 1))
    cx = m.width / 2
    m.disc(cx, h + r * 0.8, r, "primary", rng, speckle="accent")
    m.disc(cx - r * 0.6, h + r * 0.5, r * 0.55, "secondary", rng, speckle="accent")
    m.disc(cx + r * 0.7, h + r * 0.6, r * 0.5, "primary", rng)


def _ship(m: Model, rng: random.Random) -> None:
    w = rng.randint(14, min(20, m.width - 2))
    for y in range(4):
        m.centred(w - 6 + 2 * y, y + 1, y + 2, "primary" if y < 3 else "secondary")
    m.centred(w + 2, 0, 1, "glass")
    cabin = rng.randint(4, 6)
    m.centred(cabin, 5, 8, "light", shift=-w // 4)
    m.centred(cabin - 2, 6, 7, "glass", shift=-w // 4)
    mast_h = m.height - 1
    m.centred(1, 5, mast_h, "dark", shift=w // 6)
    for i, y in enumerate(range(7, mast_h - 1)):
        width = max(1, (mast_h - y) // 2)
        x = (m.width - 1) // 2 + w // 6 + 1
        m.fill(x, x + width, y, y + 1, "secondary" if i % 3 else "accent")


def _bridge(m: Model, rng: random.Random) -> None:
    tower_h = m.height - rng.randint(2, 4)
    left, right = 3, m.width - 5
    for x in (left, right):
        m.fill(x, x + 2, 0, tower_h, "dark")
        m.fill(x, x + 2, tower_h - 2, tower_h, "accent")
    deck = rng.randint(4, 6)
    m.fill(0, m.width, deck, deck + 1, "primary")
    m.fill(0, m.width, deck - 1, deck, "secondary")
    span = right - left - 2
    for i in range(span):
        sag = int(deck + 2 + (tower_h - deck - 4) * ((2 * i / max(span - 1, 1) - 1) ** 2))
        m.fill(left + 2 + i, left + 3 + i, sag, sag + 1, "accent")
    m.fill(left + 4, left + 8, deck + 1, deck + 3, "light")
    m.fill(left + 5, left + 7, deck + 2, deck + 3, "glass")
    m.fill(0, m.width, 0, 1, "glass")


def _castle(m: Model, rng: random.Random) -> None:
    wall_h = rng.randint(6, 8)
    w = m.width - 6
    m.centred(w, 0, wall_h, "primary")
    x0 = (m.width - w) // 2
    for x in range(x0, x0 + w, 2):
        m.fill(x, x + 1, wall_h, wall_h + 1, "primary")
    tower_h = wall_h + rng.randint(4, 7)
    for tx in (x0 - 1, x0 + w - 4):
        m.fill(tx, tx + 5, 0, tower_h, "secondary")
        for x in range(tx, tx + 5, 2):
            m.fill(x, x + 1, tower_h, tower_h + 1, "secondary")
        m.fill(tx + 2, tx + 3, tower_h - 4, tower_h - 2, "glass")
        m.fill(tx + 2, tx + 3, tower_h + 1, tower_h + 3, "dark")
        m.fill(tx + 3, tx + 5, tower_h + 2, tower_h + 3, "accent")
    m.centred(4, 0, 4, "dark")
    m.centred(2, 4, 5, "dark")


def _robot(m: Model, rng: random.Random) -> None:
    body_w = rng.randint(6, 8)
    leg_h = rng.randint(3, 4)
    m.centred(2, 0, leg_h, "dark", shift=-2)
    m.centred(2, 0, leg_h, "dark", shift=2)
    m.centred(body_w + 2, 0, 1, "secondary")
    body_h = rng.randint(5, 7)
    m.centred(body_w, leg_h, leg_h + body_h, "primary")
    m.centred(body_w - 4, leg_h + 2, leg_h + 4, "accent")
    arm = (m.width - body_w) // 2
    m.fill(arm - 2, arm, leg_h + 2, leg_h + body_h, "secondary")
    m.fill(arm + body_w, arm + body_w + 2, leg_h + 2, leg_h + body_h, "secondary")
    head = leg_h + body_h
    m.centred(body_w - 2, head, head + 4, "light")
    m.centred(1, head + 2, head + 3, "glass", shift=-1)
    m.centred(1, head + 2, head + 3, "glass", shift=2)
    m.centred(1, head + 4, head + 6, "dark")
    m.centred(3, head + 6, head + 7, "accent")


def _train(m: Model, rng: random.Random) -> None:
    w = rng.randint(14, min(20, m.width - 2))
    x0 = (m.width - w) // 2
    m.fill(x0, x0 + w, 1, 2, "dark")
    m.fill(x0 + 1, x0 + w - 6, 2, 6, "primary")
    m.fill(x0 + 1, x0 + w - 6, 4, 5, "accent")
    m.fill(x0 + w - 6, x0 + w, 2, 9, "secondary")
    m.fill(x0 + w - 5, x0 + w - 1, 6, 8, "glass")
    m.fill(x0 + w - 7, x0 + w + 1, 9, 10, "dark")
    m.fill(x0 + 2, x0 + 4, 6, 9, "dark")
    m.fill(x0 + 1, x0 + 5, 9, 10, "accent")
    for wx in range(x0 + 1, x0 + w - 1, 4):
        m.fill(wx, wx + 2, 0, 2, "dark")
    m.fill(0, m.width, 0, 1, None)
    for wx in range(x0 + 1, x0 + w - 1, 4):
        m.fill(wx, wx + 2, 0, 1, "dark")


KINDS: dict[str, Callable[[Model, random.Random], None]] = {
    "tower": _tower,
    "house": _house,
    "vehicle": _vehicle,
    "rocket": _rocket,
    "tree": _tree,
    "ship": _ship,
    "bridge": _bridge,
    "castle": _castle,
    "robot": _robot,
    "train": _train,
}


def _shade(rgb: RGB, factor: float) -> RGB:
    if factor >= 1:
        return tuple(int(c + (255 - c) * (factor - 1)) for c in rgb)  # type: ignore[return-value]
    return tuple(int(c * factor) for c in rgb)  # type: ignore[return-value]


def _gradient(size: tuple[int, int], top: RGB, bottom: RGB) -> Image.Image:
    img = Image.new("RGB", size)
    draw = ImageDraw.Draw(img)
    w, h = size
    for y in range(h):
        t = y / max(h - 1, 1)
        draw.line([(0, y), (w, y)], fill=tuple(int(a + (b - a) * t) for a, b in zip(top, bottom, strict=True)))
    return img


def _render(model: Model, colours: dict[str, RGB], size: tuple[int, int], background: tuple[RGB, RGB],
            rng: random.Random, mirror: bool = False, zoom: float = 1.0) -> Image.Image:  # fmt: skip
    w, h = size
    img = _gradient(size, *background)
    draw = ImageDraw.Draw(img)
    plate_h = int(h * 0.1)
    plate = colours.get("plate", (75, 151, 74))
    draw.rectangle([0, h - plate_h, w, h], fill=plate)
    stud = min(w * 0.82 / model.width, (h - plate_h) * 0.82 / (model.height * 1.2)) * zoom
    row = stud * 1.2
    left = (w - model.width * stud) / 2
    bottom = h - plate_h
    if zoom > 1:
        bottom += model.height * row * (zoom - 1) / (2 * zoom) * zoom * 0.5
    for x in range(0, w, max(int(stud), 6)):
        draw.rectangle([x + stud * 0.2, bottom - stud * 0.18, x + stud * 0.8, bottom], fill=_shade(plate, 0.85))
    # A soft shadow under the model.
    draw.ellipse([left, bottom - row * 0.3, left + model.width * stud, bottom + row * 0.5], fill=_shade(plate, 0.75))
    for y in range(model.height):
        cells = model.cells[y][::-1] if mirror else model.cells[y]
        x = 0
        offset = y % 2
        while x < model.width:
            key = cells[x]
            if key is None:
                x += 1
                continue
            run = 1
            limit = rng.choice([2, 3, 4]) if (x + offset) % 2 == 0 else 2
            while x + run < model.width and cells[x + run] == key and run < limit:
                run += 1
            colour = colours[key]
            x0, x1 = left + x * stud, left + (x + run) * stud
            y1 = bottom - y * row
            y0 = y1 - row
            draw.rectangle([x0, y0, x1 - 1, y1 - 1], fill=colour, outline=_shade(colour, 0.6))
            draw.line([(x0 + 2, y0 + 2), (x1 - 3, y0 + 2)], fill=_shade(colour, 1.35), width=max(1, int(stud / 12)))
            above = model.cells[y + 1] if y + 1 < model.height else [None] * model.width
            above = above[::-1] if mirror else above
            for sx in range(x, x + run):
                if above[sx] is None:
                    sx0 = left + sx * stud + stud * 0.2
                    draw.rectangle([sx0, y0 - stud * 0.18, sx0 + stud * 0.6, y0], fill=_shade(colour, 0.9),
                                   outline=_shade(colour, 0.6))  # fmt: skip
            x += run
    return img


def design_images(kind: str, seed: int, count: int, size: tuple[int, int] = (800, 600)) -> list[bytes]:
    """1–3 PNG images of one design: the full model, the same build mirrored in its alternative colours,
    and a close-up of the top."""
    rng = random.Random(seed)
    model = Model(24, 20)
    KINDS.get(kind, _house)(model, rng)
    palette = rng.choice(PALETTES)
    names = ("primary", "secondary", "accent", "dark", "light")
    colours = {k: COLOURS[c] for k, c in zip(names, palette, strict=True)} | {"glass": COLOURS["trans blue"]}
    alt = rng.choice([p for p in PALETTES if p != palette])
    alt_colours = {k: COLOURS[c] for k, c in zip(names, alt, strict=True)} | {"glass": COLOURS["trans blue"]}
    skies = [((214, 234, 248), (250, 250, 255)), ((255, 236, 210), (255, 250, 240)), ((226, 220, 245), (250, 248, 255)),
             ((210, 240, 225), (248, 255, 250)), ((60, 70, 110), (150, 160, 200))]  # fmt: skip
    sky = rng.choice(skies)
    views = [
        lambda: _render(model, colours, size, sky, random.Random(seed)),
        lambda: _render(model, alt_colours, size, rng.choice(skies), random.Random(seed + 1), mirror=True),
        lambda: _render(model, colours, size, sky, random.Random(seed), zoom=1.6),
    ]
    return [_png(view()) for view in views[:count]]


def _png(img: Image.Image) -> bytes:
    out = io.BytesIO()
    img.save(out, format="PNG", compress_level=0)  # re-encoded by process_image anyway
    return out.getvalue()


def _cup(draw: ImageDraw.ImageDraw, x: float, y: float, s: float, cup: RGB, sleeve: RGB, steam: RGB) -> None:
    draw.polygon([(x, y), (x + s, y), (x + s * 0.85, y + s * 1.3), (x + s * 0.15, y + s * 1.3)], fill=cup)
    draw.rectangle([x - s * 0.05, y - s * 0.12, x + s * 1.05, y], fill=_shade(cup, 0.85))
    draw.polygon([(x + s * 0.06, y + s * 0.4), (x + s * 0.94, y + s * 0.4), (x + s * 0.89, y + s * 0.8),
                  (x + s * 0.11, y + s * 0.8)], fill=sleeve)  # fmt: skip
    for i in range(3):
        cx = x + s * (0.25 + i * 0.25)
        points = [(cx + math.sin(t / 3) * s * 0.06, y - s * 0.2 - t * s * 0.04) for t in range(12)]
        draw.line(points, fill=steam, width=max(2, int(s / 25)))


def cover_image(kind: str, seed: int, size: tuple[int, int] = (1200, 500)) -> bytes:
    """A campaign cover: cups for the café challenge, a brick wall for the design contest, a night-sky cup for
    the naming contest."""
    rng = random.Random(seed)
    w, h = size
    if kind == "bricks":
        img = Image.new("RGB", size, (40, 40, 48))
        draw = ImageDraw.Draw(img)
        stud = 40
        keys = ["red", "blue", "yellow", "green", "orange", "azure", "white", "lime", "dark blue"]
        for row, y in enumerate(range(0, h + stud, int(stud * 1.2))):
            x = -stud if row % 2 else 0
            while x < w:
                run = rng.choice([2, 2, 3, 4])
                colour = COLOURS[rng.choice(keys)]
                draw.rectangle([x, y, x + run * stud - 2, y + stud * 1.2 - 2], fill=colour, outline=_shade(colour, 0.6))
                for sx in range(run):
                    draw.ellipse([x + sx * stud + 10, y + 8, x + sx * stud + 30, y + 22], fill=_shade(colour, 1.2))
                x += run * stud
        return _png(img)
    if kind == "naming":
        img = _gradient(size, (18, 24, 58), (70, 40, 90))
        draw = ImageDraw.Draw(img)
        for _ in range(140):
            x, y, r = rng.uniform(0, w), rng.uniform(0, h * 0.8), rng.uniform(1, 3)
            draw.ellipse([x - r, y - r, x + r, y + r], fill=(255, 250, 220))
        _cup(draw, w * 0.42, h * 0.3, h * 0.42, (245, 240, 230), (200, 90, 40), (255, 255, 255))
        draw.rectangle([0, h * 0.92, w, h], fill=(235, 235, 245))
        return _png(img)
    img = _gradient(size, (246, 225, 196), (214, 160, 110))
    draw = ImageDraw.Draw(img)
    for _ in range(18):
        x, y, r = rng.uniform(0, w), rng.uniform(0, h), rng.uniform(20, 60)
        draw.ellipse([x - r, y - r * 0.5, x + r, y + r * 0.5], fill=(120, 170, 90))
    for i in range(5):
        s = rng.uniform(90, 130)
        colours = [(255, 255, 255), (120, 80, 50), (60, 130, 90), (230, 120, 60), (80, 110, 160)]
        _cup(draw, 80 + i * 230, h * 0.45, s, colours[i], (200, 170, 120), (250, 250, 250))
    return _png(img)
