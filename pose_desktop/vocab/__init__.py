"""The bottom layer of words: hashtag normalisation and every label table, Korean and English.

Plain data and pure functions only; nothing here registers anything on import, so a label
is known in every process whatever else was (or was not) imported. ``labels`` is the one
place that maps a tag kind to its table.
"""
