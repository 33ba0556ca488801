#!/usr/bin/env python3
"""Synthesise the game's sound effects and its music loop into assets/sounds/.

Every sound is made here from sine waves and seeded noise (the standard
library only), so the game ships no third-party audio; the files are
released under CC0 (assets/sounds/CREDITS.txt).  Run it again after changing
a sound; the same script always writes the same bytes:

    python scripts/make_sounds.py

The cues (which the window plays, see ``ui/sound.py``): a card drawn, an
order placed, the orders revealed, a track crossing into a danger zone, the
ending; and a quiet loop to play under the game when music is on.
"""

from __future__ import annotations

import math
import random
import struct
import sys
import wave
from pathlib import Path

RATE = 22050
OUT = Path(__file__).resolve().parents[1] / "assets" / "sounds"


def silence(seconds: float) -> list[float]:
    return [0.0] * int(RATE * seconds)


def mix(into: list[float], sound: list[float], at: float, gain: float = 1.0, wrap: bool = False) -> None:
    start = int(at * RATE)
    n = len(into)
    for i, v in enumerate(sound):
        j = start + i
        if wrap:
            j %= n
        elif j >= n:
            break
        into[j] += v * gain


def tone(freq: float, seconds: float, decay: float, harmonics=(1.0,), attack: float = 0.005, vibrato: float = 0.0) -> list[float]:
    """A plucked or struck tone: partials with an exponential decay."""
    out = []
    for i in range(int(RATE * seconds)):
        t = i / RATE
        env = min(1.0, t / attack) * math.exp(-t / decay)
        f = freq * (1 + vibrato * math.sin(2 * math.pi * 5 * t))
        v = sum(a * math.sin(2 * math.pi * f * (k + 1) * t) for k, a in enumerate(harmonics))
        out.append(env * v)
    return out


def noise(seconds: float, seed: int, smooth: float, attack: float, decay: float) -> list[float]:
    """Seeded noise through a one-pole low-pass (``smooth`` 0..1: more is darker)."""
    rnd = random.Random(seed)
    out, y = [], 0.0
    for i in range(int(RATE * seconds)):
        t = i / RATE
        y = smooth * y + (1 - smooth) * rnd.uniform(-1, 1)
        env = min(1.0, t / attack) * math.exp(-t / decay)
        out.append(y * env)
    return out


def normalise(samples: list[float], peak: float) -> list[float]:
    top = max(1e-9, max(abs(v) for v in samples))
    return [v * peak / top for v in samples]


def fade(samples: list[float], seconds: float) -> list[float]:
    n = min(len(samples), int(RATE * seconds))
    for i in range(n):
        samples[-1 - i] *= i / n
    return samples


def note(name: str) -> float:
    names = {"C": -9, "C#": -8, "D": -7, "D#": -6, "E": -5, "F": -4, "F#": -3, "G": -2, "G#": -1, "A": 0, "A#": 1, "B": 2}
    pitch, octave = name[:-1], int(name[-1])
    return 440.0 * 2 ** ((names[pitch] + 12 * (octave - 4)) / 12)


def card() -> list[float]:
    """A card drawn: a short paper swish over a soft thump."""
    out = silence(0.35)
    mix(out, noise(0.3, 1, 0.55, 0.03, 0.07), 0.0, 1.0)
    mix(out, tone(140, 0.2, 0.05), 0.02, 0.5)
    return fade(normalise(out, 0.6), 0.05)


def order() -> list[float]:
    """An order placed: a dry wooden tap."""
    out = silence(0.16)
    mix(out, tone(660, 0.15, 0.025, (1.0, 0.4, 0.2)), 0.0)
    mix(out, noise(0.02, 2, 0.2, 0.001, 0.004), 0.0, 0.6)
    return fade(normalise(out, 0.55), 0.03)


def reveal() -> list[float]:
    """The orders revealed: three rising struck notes."""
    out = silence(1.0)
    for i, n in enumerate(("A4", "C#5", "E5")):
        mix(out, tone(note(n), 0.8, 0.22, (1.0, 0.3, 0.12)), i * 0.11, 0.7)
    return fade(normalise(out, 0.6), 0.15)


def danger() -> list[float]:
    """A track crossing into a danger zone: a low, falling two-tone warning, twice."""
    out = silence(0.9)
    for k, start in enumerate((0.0, 0.42)):
        mix(out, tone(233.1, 0.2, 0.12, (1.0, 0.5, 0.33, 0.25), attack=0.01), start, 0.8 - 0.2 * k)
        mix(out, tone(196.0, 0.22, 0.14, (1.0, 0.5, 0.33, 0.25), attack=0.01), start + 0.17, 0.8 - 0.2 * k)
    return fade(normalise(out, 0.6), 0.1)


def ending() -> list[float]:
    """The ending: a slow cadence, minor to open fifth."""
    out = silence(2.6)
    for n in ("D3", "F3", "A3", "D4"):
        mix(out, tone(note(n), 1.3, 0.5, (1.0, 0.25), attack=0.03, vibrato=0.002), 0.0, 0.5)
    for n in ("D3", "A3", "D4", "A4"):
        mix(out, tone(note(n), 1.6, 0.7, (1.0, 0.25), attack=0.05, vibrato=0.002), 0.9, 0.5)
    return fade(normalise(out, 0.6), 0.4)


def music() -> list[float]:
    """A quiet 16-second loop: a low drone and slow pentatonic bells (it wraps seamlessly)."""
    seconds = 16.0
    out = silence(seconds)
    n = len(out)
    for i in range(n):
        t = i / RATE
        swell = 0.75 + 0.25 * math.sin(2 * math.pi * t / seconds)
        out[i] = swell * (0.5 * math.sin(2 * math.pi * note("D2") * t) + 0.3 * math.sin(2 * math.pi * note("A2") * t) + 0.08 * math.sin(2 * math.pi * note("D3") * t))
    rnd = random.Random(7)
    scale = ("D4", "E4", "F4", "A4", "C5", "D5", "A3")
    for beat in range(16):
        if beat % 4 == 3 and rnd.random() < 0.5:
            continue
        mix(out, tone(note(rnd.choice(scale)), 2.5, 0.7, (1.0, 0.2), attack=0.01), beat * 1.0, 0.35, wrap=True)
    return normalise(out, 0.35)


SOUNDS = {"card": card, "order": order, "reveal": reveal, "danger": danger, "ending": ending, "music": music}


def write(path: Path, samples: list[float]) -> None:
    frames = b"".join(struct.pack("<h", max(-32767, min(32767, int(v * 32767)))) for v in samples)
    with wave.open(str(path), "wb") as w:
        w.setnchannels(1)
        w.setsampwidth(2)
        w.setframerate(RATE)
        w.writeframes(frames)


def main(argv=None) -> int:
    out = Path(argv[0]) if argv else OUT
    out.mkdir(parents=True, exist_ok=True)
    for name, make in SOUNDS.items():
        samples = make()
        write(out / f"{name}.wav", samples)
        print(f"{out / name}.wav: {len(samples) / RATE:.2f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
