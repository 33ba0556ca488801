"""A tiny deterministic random-number generator whose whole state is one integer.

SplitMix64: the same seed gives the same numbers on every machine and Python
version, the state fits in JSON, and copying it costs nothing, which keeps game
states immutable and cheap.
"""

MASK = (1 << 64) - 1


def seed_state(seed: int) -> int:
    """Turn any integer seed into a generator state."""
    return (seed * 0x9E3779B97F4A7C15 + 0x632BE59BD9B4E019) & MASK


def next_value(state: int) -> tuple[int, int]:
    """Advance the generator: returns (new state, a 64-bit random value)."""
    state = (state + 0x9E3779B97F4A7C15) & MASK
    z = state
    z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & MASK
    z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & MASK
    return state, z ^ (z >> 31)


def below(state: int, n: int) -> tuple[int, int]:
    """A value in range(n) and the new state."""
    state, value = next_value(state)
    return state, value % n
