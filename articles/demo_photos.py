"""Demo photos for seed_demo: a simple scene per section (river, skyline, hills, railway, harbour, tea garden,
stadium, market) in the section's colours, turned and laid out differently for every story, the same on every run."""

import colorsys
import io
import random

from PIL import Image, ImageDraw

WIDTH, HEIGHT = 1200, 675


def _mix(a, b, t):
    return tuple(round(x + (y - x) * t) for x, y in zip(a, b, strict=True))


def _shift(colour, hue=0.0, light=0.0, sat=0.0):
    """`colour` with its hue turned by `hue` (0..1), its lightness and saturation moved."""
    h, lightness, s = colorsys.rgb_to_hls(*(c / 255 for c in colour))
    h, lightness, s = (h + hue) % 1, min(1, max(0, lightness + light)), min(1, max(0, s + sat))
    return tuple(round(c * 255) for c in colorsys.hls_to_rgb(h, lightness, s))


def _gradient(draw, top, bottom, y0, y1):
    for y in range(y0, y1):
        draw.line([(0, y), (WIDTH, y)], fill=_mix(top, bottom, (y - y0) / max(1, y1 - y0)))


def _ridge(rng, base, rough, step=60):
    return [(x, base - rng.randint(0, rough)) for x in range(-step, WIDTH + 2 * step, step)]


def _sun(draw, rng, colour, horizon):
    x, y, r = rng.randint(120, WIDTH - 120), rng.randint(60, horizon - 120), rng.randint(35, 60)
    draw.ellipse([x - r, y - r, x + r, y + r], fill=colour)


def _river(draw, rng, palette):
    """Boats on the Brahmaputra: far bank, wide water with ripples, country boats with sails."""
    horizon = rng.randint(300, 360)
    _gradient(draw, palette["sky"], palette["haze"], 0, horizon)
    _sun(draw, rng, palette["sun"], horizon)
    draw.polygon([(0, horizon), *_ridge(rng, horizon, 50, 80), (WIDTH, horizon)], fill=palette["far"])
    _gradient(draw, palette["water"], _shift(palette["water"], light=-0.15), horizon, HEIGHT)
    for _ in range(70):
        x, y = rng.randint(0, WIDTH), rng.randint(horizon + 10, HEIGHT)
        draw.line([(x, y), (x + rng.randint(20, 70), y)], fill=_shift(palette["water"], light=0.12), width=2)
    for _ in range(rng.randint(2, 4)):
        x, y, size = rng.randint(80, WIDTH - 200), rng.randint(horizon + 60, HEIGHT - 60), rng.randint(60, 130)
        draw.polygon(
            [(x, y), (x + size * 2, y), (x + size * 1.7, y + size // 3), (x + size * 0.3, y + size // 3)],
            fill=palette["dark"],
        )
        draw.line([(x + size, y), (x + size, y - size * 1.3)], fill=palette["dark"], width=4)
        draw.polygon(
            [(x + size + 4, y - size * 1.25), (x + size + 4, y - 8), (x + size * 1.8, y - 8)], fill=palette["accent"]
        )


def _tea_garden(draw, rng, palette):
    """Rows of tea bushes over rolling ground, shade trees standing among them."""
    horizon = rng.randint(180, 260)
    _gradient(draw, palette["sky"], palette["haze"], 0, horizon)
    _sun(draw, rng, palette["sun"], horizon + 60)
    draw.polygon([(0, horizon + 20), *_ridge(rng, horizon + 20, 70, 100), (WIDTH, horizon + 20)], fill=palette["far"])
    draw.rectangle([0, horizon, WIDTH, HEIGHT], fill=_shift(palette["green"], light=-0.18))
    row, y = 0, horizon + 15
    while y < HEIGHT + 40:
        size = 14 + row * 5
        tone = _shift(palette["green"], light=0.06 * (row % 2) - 0.02 * row, hue=rng.uniform(-0.01, 0.01))
        for x in range(-size, WIDTH + size, int(size * 1.6)):
            wobble = rng.randint(-3, 3)
            draw.ellipse([x, y + wobble, x + size * 2, y + size + wobble], fill=tone)
        y += size + 6
        row += 1
    for _ in range(rng.randint(3, 6)):
        x, y = rng.randint(40, WIDTH - 40), rng.randint(horizon + 20, horizon + 140)
        draw.rectangle([x - 4, y - 90, x + 4, y], fill=palette["dark"])
        draw.ellipse([x - 55, y - 140, x + 55, y - 80], fill=_shift(palette["green"], light=-0.1, hue=0.03))


def _hills(draw, rng, palette):
    """Layer after layer of blue hills in the mist, a road winding up them."""
    _gradient(draw, palette["sky"], palette["haze"], 0, HEIGHT)
    _sun(draw, rng, palette["sun"], 300)
    layers = rng.randint(4, 6)
    for layer in range(layers):
        base = 230 + layer * (400 // layers)
        tone = _mix(palette["haze"], palette["dark"], (layer + 1) / (layers + 0.5))
        draw.polygon(
            [(0, HEIGHT), *_ridge(rng, base, 140 - layer * 15, rng.choice([70, 90, 120])), (WIDTH, HEIGHT)], fill=tone
        )
    x = rng.randint(300, 900)
    road = [(x + rng.randint(-160, 160) * (i % 2 * 2 - 1), HEIGHT - i * 45) for i in range(8)]
    draw.line(road, fill=palette["accent"], width=6, joint="curve")


def _skyline(draw, rng, palette):
    """A city at dusk: towers with lit windows, a bridge, the river in front."""
    water = rng.randint(500, 560)
    _gradient(draw, palette["sky"], palette["haze"], 0, water)
    _sun(draw, rng, palette["sun"], water - 80)
    x = -20
    while x < WIDTH:
        width, height = rng.randint(50, 120), rng.randint(120, 380)
        tone = _shift(palette["dark"], light=rng.uniform(-0.05, 0.12))
        draw.rectangle([x, water - height, x + width, water], fill=tone)
        for wy in range(water - height + 14, water - 10, 22):
            for wx in range(x + 10, x + width - 10, 18):
                if rng.random() < 0.45:
                    draw.rectangle([wx, wy, wx + 7, wy + 10], fill=palette["sun"])
        x += width + rng.randint(4, 20)
    _gradient(draw, palette["water"], _shift(palette["water"], light=-0.2), water, HEIGHT)
    deck = water + 30
    draw.rectangle([0, deck, WIDTH, deck + 10], fill=palette["accent"])
    for px in range(rng.randint(60, 140), WIDTH, 260):
        draw.rectangle([px, deck - 70, px + 10, HEIGHT], fill=palette["accent"])
        draw.arc([px - 130, deck - 90, px + 140, deck + 70], 180, 360, fill=palette["accent"], width=5)


def _railway(draw, rng, palette):
    """A train on tracks running into the distance across the plains."""
    horizon = rng.randint(260, 330)
    _gradient(draw, palette["sky"], palette["haze"], 0, horizon)
    _sun(draw, rng, palette["sun"], horizon)
    draw.rectangle([0, horizon, WIDTH, HEIGHT], fill=palette["green"])
    vanish = rng.randint(450, 750)
    for rail in (-1, 1):
        draw.line([(vanish + rail * 6, horizon), (WIDTH // 2 + rail * 420, HEIGHT)], fill=palette["dark"], width=8)
    for i in range(1, 18):
        t = (i / 18) ** 2
        y = horizon + (HEIGHT - horizon) * t
        half = 6 + 430 * t
        cx = vanish + (WIDTH // 2 - vanish) * t
        draw.line([(cx - half, y), (cx + half, y)], fill=_shift(palette["dark"], light=0.15), width=max(2, int(10 * t)))
    x0, y0 = rng.randint(40, 200), horizon - 10
    for car in range(rng.randint(3, 6)):
        left = x0 + car * 150
        draw.rectangle([left, y0 - 70, left + 140, y0 + 10], fill=palette["accent"])
        for w in range(3):
            draw.rectangle([left + 14 + w * 42, y0 - 55, left + 42 + w * 42, y0 - 30], fill=palette["haze"])


def _harbour(draw, rng, palette):
    """A cargo ship stacked with containers, cranes on the quay."""
    horizon = rng.randint(330, 400)
    _gradient(draw, palette["sky"], palette["haze"], 0, horizon)
    _sun(draw, rng, palette["sun"], horizon)
    _gradient(draw, palette["water"], _shift(palette["water"], light=-0.18), horizon, HEIGHT)
    for crane in range(rng.randint(2, 4)):
        x = 80 + crane * rng.randint(250, 330)
        draw.rectangle([x, horizon - 220, x + 14, horizon], fill=palette["accent"])
        draw.line([(x - 60, horizon - 210), (x + 200, horizon - 210)], fill=palette["accent"], width=10)
    hull_y, left = horizon + rng.randint(40, 90), rng.randint(120, 300)
    right = left + rng.randint(600, 800)
    draw.polygon(
        [(left, hull_y), (right, hull_y), (right - 60, hull_y + 90), (left + 40, hull_y + 90)], fill=palette["dark"]
    )
    colours = [
        palette["accent"],
        palette["sun"],
        _shift(palette["accent"], hue=0.5),
        _shift(palette["green"], light=0.1),
    ]
    for col in range(left + 30, right - 80, 46):
        for level in range(rng.randint(1, 4)):
            top = hull_y - (level + 1) * 30
            draw.rectangle([col, top, col + 42, top + 27], fill=rng.choice(colours))


def _stadium(draw, rng, palette):
    """A floodlit ground: the stands full of people, the pitch with its lines."""
    _gradient(draw, palette["sky"], palette["haze"], 0, 260)
    stands_top = rng.randint(150, 220)
    draw.rectangle([0, stands_top, WIDTH, 400], fill=palette["dark"])
    crowd = [palette["accent"], palette["sun"], palette["haze"], _shift(palette["accent"], hue=0.4)]
    for y in range(stands_top + 8, 392, 14):
        for x in range(rng.randint(0, 10), WIDTH, 14):
            if rng.random() < 0.7:
                draw.ellipse([x, y, x + 8, y + 8], fill=rng.choice(crowd))
    _gradient(draw, palette["green"], _shift(palette["green"], light=-0.12), 400, HEIGHT)
    for stripe in range(0, WIDTH, 120):
        draw.rectangle([stripe, 400, stripe + 60, HEIGHT], fill=_shift(palette["green"], light=0.04))
    draw.rectangle([60, 430, WIDTH - 60, HEIGHT - 20], outline=(245, 245, 245), width=5)
    draw.line([(WIDTH // 2, 430), (WIDTH // 2, HEIGHT - 20)], fill=(245, 245, 245), width=5)
    draw.ellipse([WIDTH // 2 - 70, 480, WIDTH // 2 + 70, 600], outline=(245, 245, 245), width=5)
    for x in (rng.randint(30, 120), WIDTH - rng.randint(60, 150)):
        draw.rectangle([x, 30, x + 10, stands_top], fill=palette["dark"])
        draw.rectangle([x - 30, 10, x + 40, 40], fill=palette["sun"])


def _market(draw, rng, palette):
    """A market street at a festival: stalls under striped awnings, goods piled in colour."""
    _gradient(draw, palette["sky"], palette["haze"], 0, 300)
    draw.rectangle([0, 300, WIDTH, HEIGHT], fill=_shift(palette["haze"], light=-0.25))
    colours = [palette["accent"], palette["sun"], palette["green"], _shift(palette["accent"], hue=0.15)]
    x = rng.randint(-40, 0)
    while x < WIDTH:
        width = rng.randint(170, 240)
        a, b = rng.sample(colours, 2)
        draw.rectangle([x + 10, 250, x + width - 10, 470], fill=_shift(palette["dark"], light=0.1))
        for n, sx in enumerate(range(x, x + width, 30)):
            draw.polygon([(sx, 220), (sx + 30, 220), (sx + 36, 270), (sx - 6, 270)], fill=a if n % 2 else b)
        for _ in range(14):
            gx, gy = rng.randint(x + 20, x + width - 40), rng.randint(400, 450)
            draw.ellipse([gx, gy, gx + 24, gy + 24], fill=rng.choice(colours))
        x += width + rng.randint(10, 40)
    for _ in range(rng.randint(5, 9)):
        px, py = rng.randint(20, WIDTH - 40), rng.randint(520, 620)
        draw.ellipse([px, py - 60, px + 26, py - 34], fill=(120, 80, 60))
        draw.rectangle([px - 4, py - 34, px + 30, py + 30], fill=rng.choice(colours))


SCENES = {
    "assam": (_river, {"sky": (120, 170, 215), "haze": (235, 215, 180), "water": (70, 120, 150)}),
    "guwahati": (_skyline, {"sky": (60, 50, 110), "haze": (240, 150, 90), "water": (40, 60, 100)}),
    "north-east": (_hills, {"sky": (150, 185, 215), "haze": (225, 230, 235), "dark": (40, 70, 100)}),
    "india": (_railway, {"sky": (245, 200, 120), "haze": (250, 235, 200), "green": (150, 160, 80)}),
    "world": (_harbour, {"sky": (90, 140, 200), "haze": (200, 220, 235), "water": (30, 80, 130)}),
    "business": (_tea_garden, {"sky": (170, 205, 225), "haze": (230, 240, 225), "green": (60, 140, 60)}),
    "sports": (_stadium, {"sky": (20, 30, 70), "haze": (70, 90, 150), "green": (50, 140, 70)}),
    "culture": (_market, {"sky": (250, 180, 120), "haze": (255, 225, 190), "accent": (190, 40, 90)}),
}
_DEFAULTS = {
    "sky": (130, 180, 220),
    "haze": (230, 230, 220),
    "far": (90, 120, 110),
    "water": (60, 110, 150),
    "green": (70, 140, 70),
    "dark": (40, 45, 55),
    "sun": (250, 210, 90),
    "accent": (170, 40, 40),
}
SCENE_NAMES = list(SCENES)


# The light of another hour: (sky, haze) each story's sky leans towards, and how far.
# The light of another hour: the (sky, haze) a story's sky leans towards, how far, and how much
# lighter or darker everything else is.
LIGHTS = [
    ((250, 190, 140), (255, 230, 200), 0.55, 0.04),  # early morning
    (None, None, 0.0, 0.0),  # the section's own
    ((70, 50, 110), (245, 140, 80), 0.6, -0.06),  # dusk
    ((150, 160, 172), (205, 208, 212), 0.65, -0.03),  # monsoon clouds
    ((20, 25, 60), (60, 70, 120), 0.7, -0.14),  # night
]


def palette_for(section_slug, rng, accent):
    """The section's colours, turned for each story: another hour, another light."""
    _draw, own = SCENES.get(section_slug, (None, {}))
    base = {**_DEFAULTS, **own, "accent": own.get("accent", accent)}
    sky, haze, weight, darker = rng.choice(LIGHTS)
    hue, light = rng.uniform(-0.05, 0.05), rng.uniform(-0.06, 0.06)
    palette = {name: _shift(colour, hue=hue, light=light + darker) for name, colour in base.items()}
    if sky is not None:
        palette["sky"], palette["haze"] = _mix(base["sky"], sky, weight), _mix(base["haze"], haze, weight)
    palette["sun"] = base["sun"]
    return palette


def draw_photo(section_slug, seed, accent=(170, 40, 40)):
    """A 1200×675 JPEG of the section's scene in its colours, drawn afresh for each `seed`."""
    rng = random.Random(f"{section_slug}:{seed}")
    draw_scene = SCENES[section_slug][0] if section_slug in SCENES else SCENES[SCENE_NAMES[seed % len(SCENES)]][0]
    image = Image.new("RGB", (WIDTH, HEIGHT))
    draw = ImageDraw.Draw(image)
    draw_scene(draw, rng, palette_for(section_slug, rng, accent))
    if rng.random() < 0.5:
        image = image.transpose(Image.Transpose.FLIP_LEFT_RIGHT)  # seen from the other side
    buffer = io.BytesIO()
    image.save(buffer, format="JPEG", quality=80)
    return buffer.getvalue()
