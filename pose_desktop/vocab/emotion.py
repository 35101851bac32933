"""Emotion classes of the face models, the three moods they fold into, and their names."""

from __future__ import annotations

# The 7 classes, in the order of the emotion models' outputs.
EMOTIONS: tuple[str, ...] = ("angry", "disgust", "fear", "happy", "sad", "surprise", "neutral")
MOODS: tuple[str, ...] = ("positive", "neutral", "negative")
# The original project's three classes; surprise counts as positive.
MOOD_OF: dict[str, str] = {
    e: ("positive" if e in ("happy", "surprise") else "neutral" if e == "neutral" else "negative")
    for e in EMOTIONS
}
# Tags of kind "emotion": each face's emotion -> (Korean, English)
NAMES: dict[str, tuple[str, str]] = {
    "angry": ("화남", "angry"), "disgust": ("혐오", "disgust"), "fear": ("두려움", "fear"),
    "happy": ("행복", "happy"), "sad": ("슬픔", "sad"), "surprise": ("놀람", "surprise"),
    # not "neutral": that is the mood above it in the tree ("neutral → neutral" read as a
    # glitch); Korean names the two apart too (중립 → 무표정)
    "neutral": ("무표정", "calm"),
}
# Tags of kind "mood": the photo's mood -> (Korean, English). The tag tree shows each mood
# with the emotions that fold into it as its children (two levels, never one mixed list).
MOOD_NAMES: dict[str, tuple[str, str]] = {
    "positive": ("긍정", "positive"), "neutral": ("중립", "neutral"), "negative": ("부정", "negative"),
}
