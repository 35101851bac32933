"""The 13 garment colour names (``tagging.colours`` names pixels with them)."""

from __future__ import annotations

# name -> (Korean, English); order is the display order.
PALETTE: dict[str, tuple[str, str]] = {
    "black": ("검정", "black"),
    "white": ("흰색", "white"),
    "grey": ("회색", "grey"),
    "beige": ("베이지", "beige"),
    "brown": ("갈색", "brown"),
    "red": ("빨강", "red"),
    "orange": ("주황", "orange"),
    "yellow": ("노랑", "yellow"),
    "green": ("초록", "green"),
    "blue": ("파랑", "blue"),
    "navy": ("남색", "navy"),
    "purple": ("보라", "purple"),
    "pink": ("분홍", "pink"),
}
COLOUR_NAMES: tuple[str, ...] = tuple(PALETTE)
